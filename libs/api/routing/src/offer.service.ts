import { Injectable } from '@nestjs/common';
import { TenantDatabase } from '@switchboard/api-database';
import { ForbiddenException, NotFoundException, ValidationException, type Principal, checkedUuid } from '@switchboard/api-platform';
import { eventsParameter, insertEventsSql, lockTicket, messageView, nextSeq, recordEvent, RETURNED_MESSAGE, TicketPublisher, type LockedTicket, type MessageRow } from '@switchboard/api-tickets';
import type { Channel, MessageView, OfferRecord, OfferView, OfferStatus, RoutingTrace, TicketAssigned, TransferRequest, TransferTargets } from '@switchboard/shared-contracts';
import { fitsCapacity, type ChannelCapacity } from '@switchboard/shared-domain';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { RoutingAnnouncer } from './routing-announcer.service';
import { RoutingDispatcher } from './routing-dispatcher.service';
import { RoutingException } from './routing.exception';
import { checkTransferTarget, transferTargets } from './transfer-targets';
import { RoutingNews } from './routing-news';
import { occupancies, offerViews } from './routing-queries';
import { cancelDirectedTransfers } from './routing-round.util';

const WAITING = (t: Pick<LockedTicket, 'status'> & { transfer: unknown }) => t.status === 'queued' || t.transfer !== null;

interface OfferRow {
  id: string;
  client_id: string;
  ticket_id: string;
  agent_id: string;
  queue_id: string | null;
  channel: Channel;
  status: OfferStatus;
  expired: boolean;
  reason: string | null;
}

/** The outcome of a transaction that must commit even when the caller gets an error (an offer found expired). */
type Outcome<T> = { ok: true; value: T; news: RoutingNews } | { ok: false; error: RoutingException; news: RoutingNews };

/**
 * What agents and leads do with routing: accept or reject an offer, transfer a ticket, read why a
 * ticket went where it went. Locks follow the routing order: ticket → offer → agent.
 */
@Injectable()
export class OfferService {
  constructor(
    private readonly tenants: TenantDatabase,
    private readonly announcer: RoutingAnnouncer,
    private readonly dispatcher: RoutingDispatcher,
    private readonly publisher: TicketPublisher,
  ) {}

  async accept(principal: Principal, offerId: string): Promise<TicketAssigned> {
    const outcome = await this.tenants.run(principal, async (m): Promise<Outcome<TicketAssigned>> => {
      const news = new RoutingNews();
      const offer = await this.lockOffer(m, principal, offerId);
      const ticket = offer.ticket;
      if (offer.status !== 'pending') return { ok: false, error: offer.status === 'timed_out' ? RoutingException.offerExpired() : RoutingException.offerClosed(offer.status, offer.reason), news };
      if (offer.expired) {
        await closeOffer(m, offer, 'timed_out', null, news);
        return { ok: false, error: RoutingException.offerExpired(), news };
      }
      if (!WAITING(ticket)) {
        await closeOffer(m, offer, 'rescinded', `ticket ${ticket.status}`, news);
        return { ok: false, error: RoutingException.offerClosed('rescinded', `the ticket is ${ticket.status}`), news };
      }
      // Answering an offer (even one that cannot be taken) ends a run of missed ones; the update locks the agent.
      const [[agent]] = await m.query<[{ capacity: ChannelCapacity }[], number]>('UPDATE agent_profiles SET missed_offers = 0 WHERE user_id = $1 RETURNING capacity', [principal.userId]);
      const held = (await occupancies(m, [principal.userId], { includeOffers: false })).get(principal.userId)?.occupancy ?? 0;
      if (!agent || !fitsCapacity(agent.capacity, held, offer.channel)) {
        await closeOffer(m, offer, 'rescinded', 'agent at capacity', news);
        news.requeue({ ticketId: ticket.id, clientId: ticket.clientId, queueId: offer.queue_id, reason: 'rescinded', agentId: principal.userId });
        return { ok: false, error: RoutingException.atCapacity(), news };
      }
      const transfer = ticket.transfer as { target: unknown; fromAgentId: string | null } | null;
      const previousAgentId = ticket.assigneeId;
      const event = (type: string, data: Record<string, unknown>) => ({ clientId: ticket.clientId, ticketId: ticket.id, type, data, actorUserId: principal.userId });
      // The offer accepted, the ticket assigned and their events: one statement.
      await m.query(
        `WITH accepted AS (UPDATE offers SET status = 'accepted', decided_at = clock_timestamp() WHERE id = $1),
              assigned AS (UPDATE tickets SET assignee_id = $3, status = 'assigned', assigned_at = now(), answered_at = coalesce(answered_at, now()), transfer = NULL, updated_at = now() WHERE id = $2)
         ${insertEventsSql('$4')}`,
        [
          offer.id,
          ticket.id,
          principal.userId,
          eventsParameter([
            event('accepted', { offerId: offer.id, agentId: principal.userId }),
            event('assigned', { agentId: principal.userId, previousAgentId, by: transfer ? 'transfer' : 'offer', offerId: offer.id }),
            ...(transfer ? [event('transferred', { from: transfer.fromAgentId, to: principal.userId, target: transfer.target })] : []),
          ]),
        ],
      );
      const assigned: TicketAssigned = { ticketId: ticket.id, clientId: ticket.clientId, agentId: principal.userId, via: transfer ? 'transfer' : 'offer', offerId: offer.id };
      news.assign(assigned);
      if (previousAgentId && previousAgentId !== principal.userId) news.agentsTouched.add(previousAgentId);
      await news.readSummaries(m);
      return { ok: true, value: assigned, news };
    });
    return await this.finish(outcome);
  }

  async reject(principal: Principal, offerId: string, reason: string | null): Promise<{ offerId: string }> {
    const outcome = await this.tenants.run(principal, async (m): Promise<Outcome<{ offerId: string }>> => {
      const news = new RoutingNews();
      const offer = await this.lockOffer(m, principal, offerId);
      if (offer.status !== 'pending') return { ok: false, error: offer.status === 'timed_out' ? RoutingException.offerExpired() : RoutingException.offerClosed(offer.status, offer.reason), news };
      await closeOffer(m, offer, 'rejected', reason, news);
      await m.query('UPDATE agent_profiles SET missed_offers = 0 WHERE user_id = $1', [principal.userId]);
      return { ok: true, value: { offerId: offer.id }, news };
    });
    return await this.finish(outcome);
  }

  /**
   * Hands a ticket to a queue, an agent or a team. Cold: it leaves the agent now and waits for the
   * target. Warm: the agent keeps it until a colleague accepts. The note reaches the colleague with
   * the offer and stays on the ticket as an internal note.
   */
  async transfer(principal: Principal, ticketId: string, request: TransferRequest): Promise<{ ticketId: string }> {
    const { news, note } = await this.tenants.run(principal, async (m) => {
      const news = new RoutingNews();
      const ticket = await lockTicket(m, ticketId);
      const isLead = principal.role === 'team_lead' || principal.role === 'admin';
      if (!isLead && ticket.assigneeId !== principal.userId) throw new ForbiddenException('Only the agent who has the ticket, or a lead, may transfer it.');
      if (!['assigned', 'pending', 'queued'].includes(ticket.status)) throw new ValidationException([{ field: 'ticketId', message: `a ${ticket.status} ticket cannot be transferred` }]);
      if (request.mode === 'warm' && !ticket.assigneeId) throw new ValidationException([{ field: 'mode', message: 'a warm transfer needs an agent who keeps the ticket meanwhile; use cold' }]);
      await checkTransferTarget(m, ticket.clientId, request, ticket.assigneeId);

      await m.query(`UPDATE offers SET status = 'rescinded', decided_at = clock_timestamp(), reason = 'transferred' WHERE ticket_id = $1 AND status = 'pending' RETURNING id`, [ticket.id]);
      const target = request.target;
      const note = request.note?.trim() || null;
      const transfer = { target, warm: request.mode === 'warm', fromAgentId: ticket.assigneeId, fromAgentName: principal.displayName, note };
      const queueId = target.kind === 'queue' ? target.queueId : null;
      if (request.mode === 'cold') {
        await m.query(
          `UPDATE tickets SET status = 'queued', assignee_id = NULL, queue_id = coalesce($2, queue_id), queued_at = now(), transfer = $3, updated_at = now() WHERE id = $1`,
          [ticket.id, queueId, transfer],
        );
      } else {
        await m.query(`UPDATE tickets SET queue_id = coalesce($2, queue_id), transfer = $3, updated_at = now() WHERE id = $1`, [ticket.id, queueId, transfer]);
      }
      const noteMessage = note ? await appendNote(m, ticket, principal, `Transfer (${request.mode}): ${note}`) : null;
      await recordEvent(m, ticket.clientId, ticket.id, 'transfer_requested', { target, mode: request.mode, fromAgentId: ticket.assigneeId }, principal.userId);
      if (request.mode === 'cold') news.requeue({ ticketId: ticket.id, clientId: ticket.clientId, queueId, reason: 'transferred', agentId: ticket.assigneeId });
      else news.ticketsChanged.add(ticket.id);
      return { news, note: noteMessage ? { clientId: ticket.clientId, message: noteMessage } : null };
    });
    if (note) await this.publisher.messageCreated(note.clientId, note.message, null);
    await this.announcer.announce(news);
    void this.dispatcher.request();
    return { ticketId };
  }

  /** Where the ticket may be transferred, for whoever may transfer it (its agent, a lead). */
  async transferTargets(principal: Principal, ticketId: string): Promise<TransferTargets> {
    return await this.tenants.run(principal, async (m) => {
      const [ticket] = await m.query<{ clientId: string; channel: Channel; queueId: string | null; assigneeId: string | null }[]>(
        'SELECT client_id AS "clientId", channel, queue_id AS "queueId", assignee_id AS "assigneeId" FROM tickets WHERE id = $1',
        [ticketId],
      );
      if (!ticket) throw new NotFoundException('Ticket');
      const isLead = principal.role === 'team_lead' || principal.role === 'admin';
      if (!isLead && ticket.assigneeId !== principal.userId) throw new ForbiddenException('Only the agent who has the ticket, or a lead, may transfer it.');
      return await transferTargets(m, ticket);
    });
  }

  /** The agent who asked for a warm transfer (or a lead) calls it off; the ticket stays where it is. */
  async cancelTransfer(principal: Principal, ticketId: string): Promise<{ ticketId: string }> {
    const news = await this.tenants.run(principal, async (m) => {
      const news = new RoutingNews();
      const ticket = await lockTicket(m, ticketId);
      const [row] = await m.query<{ transfer: { warm: boolean; fromAgentId: string | null } | null }[]>('SELECT transfer FROM tickets WHERE id = $1', [ticket.id]);
      if (!row.transfer?.warm) throw new ValidationException([{ field: 'ticketId', message: 'has no warm transfer to cancel' }]);
      const isLead = principal.role === 'team_lead' || principal.role === 'admin';
      if (!isLead && row.transfer.fromAgentId !== principal.userId) throw new ForbiddenException('Only the agent who asked for the transfer, or a lead, may cancel it.');
      await m.query(`UPDATE tickets SET transfer = NULL, updated_at = now() WHERE id = $1`, [ticket.id]);
      await recordEvent(m, ticket.clientId, ticket.id, 'transfer_cancelled', { why: 'cancelled' }, principal.userId);
      news.ticketsChanged.add(ticket.id);
      return news;
    });
    // The transfer's open offer, if any, is rescinded by the next round.
    await this.announcer.announce(news);
    void this.dispatcher.request();
    return { ticketId };
  }

  /** The caller's open offers: what a console shows after it (re)connects. */
  async mine(principal: Principal): Promise<OfferView[]> {
    return await this.tenants.run(principal, async (m) => {
      const rows = await m.query<{ id: string }[]>(`SELECT id FROM offers WHERE agent_id = $1 AND status = 'pending' AND expires_at > clock_timestamp() ORDER BY created_at LIMIT 100`, [principal.userId]);
      const views = await offerViews(m, rows.map((r) => r.id));
      return rows.map((r) => views.get(r.id)!).filter(Boolean);
    });
  }

  /** Every offer of a ticket with its "why this agent" trace: for leads and admins. */
  async history(principal: Principal, ticketId: string): Promise<OfferRecord[]> {
    if (principal.role !== 'team_lead' && principal.role !== 'admin') throw new ForbiddenException('Routing traces are for team leads and admins.');
    checkedUuid(ticketId, 'ticketId');
    return await this.tenants.run(principal, async (m) => {
      const [ticket] = await m.query('SELECT 1 FROM tickets WHERE id = $1', [ticketId]);
      if (!ticket) throw new NotFoundException('Ticket');
      const rows = await m.query<{ id: string; agent_id: string; agent_name: string; status: OfferStatus; created_at: Date; expires_at: Date; decided_at: Date | null; reason: string | null; auto_accepted: boolean; trace: RoutingTrace }[]>(
        `SELECT o.id, o.agent_id, u.display_name AS agent_name, o.status, o.created_at, o.expires_at, o.decided_at, o.reason, o.auto_accepted, o.trace
           FROM offers o JOIN users u ON u.id = o.agent_id WHERE o.ticket_id = $1 ORDER BY o.created_at DESC LIMIT 100`,
        [ticketId],
      );
      return rows.map((r) => ({
        id: r.id,
        agentId: r.agent_id,
        agentName: r.agent_name,
        status: r.status,
        createdAt: r.created_at.toISOString(),
        expiresAt: r.expires_at.toISOString(),
        decidedAt: r.decided_at?.toISOString() ?? null,
        reason: r.reason,
        autoAccepted: r.auto_accepted,
        trace: r.trace,
      }));
    });
  }

  /** Reads the offer (the caller's clients only), locks its ticket, then the offer itself. */
  private async lockOffer(m: EntityManager, principal: Principal, offerId: string): Promise<OfferRow & { ticket: LockedTicket & { transfer: unknown } }> {
    checkedUuid(offerId, 'offerId');
    const [peek] = await m.query<{ ticket_id: string; agent_id: string }[]>('SELECT ticket_id, agent_id FROM offers WHERE id = $1', [offerId]);
    if (!peek) throw new NotFoundException('Offer');
    if (peek.agent_id !== principal.userId) throw RoutingException.offerNotYours();
    const ticket = await lockTicket(m, peek.ticket_id);
    const [{ transfer, ...offer }] = await m.query<(OfferRow & { transfer: unknown })[]>(
      `SELECT o.id, o.client_id, o.ticket_id, o.agent_id, o.queue_id, o.channel, o.status, o.reason, o.expires_at <= clock_timestamp() AS expired, t.transfer
         FROM offers o JOIN tickets t ON t.id = o.ticket_id WHERE o.id = $1 FOR UPDATE OF o`,
      [offerId],
    );
    return { ...offer, ticket: { ...ticket, transfer } };
  }

  private async finish<T>(outcome: Outcome<T>): Promise<T> {
    if (!outcome.news.isEmpty) await this.announcer.announce(outcome.news);
    void this.dispatcher.request();
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }
}

/** Closes an open offer without an assignment; the ticket keeps its place in line (a directed transfer ends). */
async function closeOffer(m: EntityManager, offer: OfferRow, status: 'rejected' | 'timed_out' | 'rescinded', reason: string | null, news: RoutingNews): Promise<void> {
  await m.query('UPDATE offers SET status = $2, decided_at = clock_timestamp(), reason = $3 WHERE id = $1', [offer.id, status, reason]);
  const type = status === 'rejected' ? 'offer_rejected' : status === 'timed_out' ? 'offer_timed_out' : 'offer_rescinded';
  await recordEvent(m, offer.client_id, offer.ticket_id, type, { offerId: offer.id, agentId: offer.agent_id, reason }, status === 'rejected' ? offer.agent_id : null);
  if (status !== 'rescinded') await cancelDirectedTransfers(m, [offer.ticket_id], status);
  if (status === 'timed_out') await m.query('UPDATE agent_profiles SET missed_offers = missed_offers + 1 WHERE user_id = $1', [offer.agent_id]);
  news.closed(offer.agent_id, { offerId: offer.id, ticketId: offer.ticket_id, status, reason }, offer.client_id);
  if (status !== 'rescinded') news.requeue({ ticketId: offer.ticket_id, clientId: offer.client_id, queueId: offer.queue_id, reason: status, agentId: offer.agent_id });
}

/** The target must belong to the ticket's client: a queue of it, an agent serving it, a team with such agents. */
async function appendNote(m: EntityManager, ticket: LockedTicket, principal: Principal, body: string): Promise<MessageView> {
  const seq = await nextSeq(m, ticket.id);
  const [row] = await m.query<MessageRow[]>(
    `INSERT INTO messages (client_id, ticket_id, seq, direction, author_user_id, author_name, body, client_msg_id, delivery_status)
     VALUES ($1, $2, $3, 'note', $4, $5, $6, $7, 'sent') RETURNING ${RETURNED_MESSAGE}`,
    [ticket.clientId, ticket.id, seq, principal.userId, principal.displayName, body, `transfer-${randomUUID()}`],
  );
  await recordEvent(m, ticket.clientId, ticket.id, 'note', { messageId: row.id, seq }, principal.userId);
  return messageView(row);
}
