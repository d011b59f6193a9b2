import type { OfferClosed, OfferView, TicketAssigned, TicketRequeued, TicketSummary } from '@switchboard/shared-contracts';
import { ticketSummaries } from '@switchboard/api-tickets';
import type { EntityManager } from 'typeorm';

/**
 * What a routing transaction changed, collected while it runs and announced only after it commits
 * (RoutingAnnouncer): offers made, offers closed, tickets assigned or back in line, agents to set
 * away for not responding.
 */
export class RoutingNews {
  readonly offersMade: { agentId: string; offer: OfferView }[] = [];
  readonly offersClosed: { agentId: string; closed: OfferClosed }[] = [];
  readonly assigned: TicketAssigned[] = [];
  readonly requeued: TicketRequeued[] = [];
  /** Tickets whose summary changed (status, assignee). */
  readonly ticketsChanged = new Set<string>();
  /** Agents whose load changed. */
  readonly agentsTouched = new Set<string>();
  /** Clients whose queue numbers changed. */
  readonly clientsTouched = new Set<string>();
  readonly notResponding: string[] = [];
  /** Summaries of the changed tickets, read by the transaction itself (`readSummaries`) so the announcement needs no transaction. */
  readonly summaries = new Map<string, TicketSummary>();
  /** The round stopped at its offer limit with tickets still waiting: another round should follow at once. */
  moreWaiting = false;

  get isEmpty(): boolean {
    return this.offersMade.length + this.offersClosed.length + this.assigned.length + this.requeued.length + this.ticketsChanged.size + this.notResponding.length === 0;
  }

  /**
   * The last step of a transaction with news: read what the changed tickets look like now (the
   * announcement publishes them after commit), and `also` these tickets in the same read.
   */
  async readSummaries(m: EntityManager, also: readonly string[] = []): Promise<Map<string, TicketSummary>> {
    const unread = this.unreadSummaries;
    const ids = [...new Set([...unread, ...also])];
    const read = new Map<string, TicketSummary>();
    if (ids.length === 0) return read;
    for (const summary of await ticketSummaries(m, 't.id = ANY ($1)', [ids])) read.set(summary.id, summary);
    for (const id of unread) {
      const summary = read.get(id);
      if (summary) this.summaries.set(id, summary);
    }
    return read;
  }

  /** Changed tickets whose summary is not read yet. */
  get unreadSummaries(): string[] {
    return [...this.ticketsChanged].filter((id) => !this.summaries.has(id));
  }

  closed(agentId: string, closed: OfferClosed, clientId: string): void {
    this.offersClosed.push({ agentId, closed });
    this.agentsTouched.add(agentId);
    this.clientsTouched.add(clientId);
  }

  assign(assigned: TicketAssigned): void {
    this.assigned.push(assigned);
    this.ticketsChanged.add(assigned.ticketId);
    this.agentsTouched.add(assigned.agentId);
    this.clientsTouched.add(assigned.clientId);
  }

  requeue(requeued: TicketRequeued): void {
    this.requeued.push(requeued);
    this.ticketsChanged.add(requeued.ticketId);
    if (requeued.agentId) this.agentsTouched.add(requeued.agentId);
    this.clientsTouched.add(requeued.clientId);
  }
}
