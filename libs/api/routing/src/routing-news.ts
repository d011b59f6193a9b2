import type { OfferClosed, OfferView, TicketAssigned, TicketRequeued } from '@switchboard/shared-contracts';

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
  /** The round stopped at its offer limit with tickets still waiting: another round should follow at once. */
  moreWaiting = false;

  get isEmpty(): boolean {
    return this.offersMade.length + this.offersClosed.length + this.assigned.length + this.requeued.length + this.ticketsChanged.size + this.notResponding.length === 0;
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
