import type { Channel, OfferStatus, TransferTarget } from '@switchboard/shared-contracts';
import { channelWeight, DEFAULT_QUEUE_SETTINGS, fitsCapacity, isReturnDue, planOffers, type OfferPlan } from '@switchboard/shared-domain';
import type { EntityManager } from 'typeorm';
import type { RoutingNews } from './routing-news';
import type { ReadyAgents } from './ready-agents.snapshot';
import { occupancies, queuesById, READY, waitingTickets } from './routing-queries';
import { eventsParameter, insertEventsSql, recordEventsInBulk, type TicketEventRow } from '@switchboard/api-tickets';
import { randomUUID } from 'node:crypto';

/**
 * The steps of one dispatch round, each inside the round's transaction (which holds the cluster-wide
 * routing lock, so rounds of different nodes never overlap). Lock order everywhere: ticket → offer →
 * agent; a round locks agents in id order and skips tickets another transaction holds.
 */

export interface RoundSettings {
  nodeId: string;
  maxMissedOffers: number;
  /** Most offers made per round. */
  maxOffers: number;
  /** Most tickets considered per round. */
  waitingLimit: number;
}

/** Milliseconds spent in each step of a round, for the debug log. */
export class StepTimer {
  readonly laps: Record<string, number> = {};
  private last = performance.now();

  lap(step: string): void {
    const now = performance.now();
    this.laps[step] = Math.round((this.laps[step] ?? 0) + now - this.last);
    this.last = now;
  }
}

/** Open offers that can no longer be taken: the ticket stopped waiting, or the agent left (away, offline, disconnected). */
export async function rescindStaleOffers(m: EntityManager, news: RoutingNews): Promise<void> {
  const [rows] = await m.query<[{ id: string; ticket_id: string; agent_id: string; client_id: string; queue_id: string | null; why: string }[], number]>(
    `UPDATE offers o SET status = 'rescinded', decided_at = clock_timestamp(), reason = s.why
       FROM (SELECT o2.id, CASE WHEN NOT ((t.status = 'queued' AND t.queue_id IS NOT NULL) OR t.transfer IS NOT NULL) THEN 'ticket ' || t.status
                                WHEN u.disabled_at IS NOT NULL THEN 'agent disabled'
                                WHEN NOT EXISTS (SELECT 1 FROM staff_clients sc WHERE sc.user_id = o2.agent_id AND sc.client_id = o2.client_id) THEN 'agent no longer serves the client'
                                ELSE 'agent ' || ap.state END AS why
               FROM offers o2 JOIN tickets t ON t.id = o2.ticket_id JOIN agent_profiles ap ON ap.user_id = o2.agent_id JOIN users u ON u.id = o2.agent_id
              WHERE o2.status = 'pending'
                AND (NOT ((t.status = 'queued' AND t.queue_id IS NOT NULL) OR t.transfer IS NOT NULL) OR NOT ${READY} OR u.disabled_at IS NOT NULL
                     OR NOT EXISTS (SELECT 1 FROM staff_clients sc WHERE sc.user_id = o2.agent_id AND sc.client_id = o2.client_id))) s
      WHERE o.id = s.id AND o.status = 'pending'
      RETURNING o.id, o.ticket_id, o.agent_id, o.client_id, o.queue_id, s.why`,
  );
  if (rows.length === 0) return;
  await recordEventsInBulk(m, rows.map((r) => ({ clientId: r.client_id, ticketId: r.ticket_id, type: 'offer_rescinded', data: { offerId: r.id, agentId: r.agent_id, reason: r.why } })));
  for (const r of rows) {
    news.closed(r.agent_id, { offerId: r.id, ticketId: r.ticket_id, status: 'rescinded', reason: r.why }, r.client_id);
    if (r.why.startsWith('agent')) news.requeue({ ticketId: r.ticket_id, clientId: r.client_id, queueId: r.queue_id, reason: 'rescinded', agentId: r.agent_id });
  }
}

/**
 * An admin disabled the agent or took a client away from them: the tickets they hold that they may no
 * longer hold (every one when disabled, else those of clients they no longer serve) wait again in their
 * queue, at their place in line. Tickets another transaction holds are skipped (the next change retries).
 */
export async function requeueHeldBy(m: EntityManager, news: RoutingNews, agentId: string): Promise<void> {
  const rows = await m.query<{ id: string; client_id: string; queue_id: string | null; why: string }[]>(
    `SELECT t.id, t.client_id, t.queue_id,
            CASE WHEN u.disabled_at IS NOT NULL THEN 'agent disabled' ELSE 'agent no longer serves the client' END AS why
       FROM tickets t JOIN users u ON u.id = t.assignee_id
      WHERE t.assignee_id = $1 AND t.status = 'assigned' AND u.role IN ('agent', 'team_lead')
        AND (u.disabled_at IS NOT NULL OR NOT EXISTS (SELECT 1 FROM staff_clients sc WHERE sc.user_id = t.assignee_id AND sc.client_id = t.client_id))
      FOR UPDATE OF t SKIP LOCKED`,
    [agentId],
  );
  if (rows.length === 0) return;
  await m.query(`UPDATE tickets SET status = 'queued', assignee_id = NULL, transfer = NULL, queued_at = coalesce(queued_at, now()), updated_at = now() WHERE id = ANY ($1)`, [rows.map((r) => r.id)]);
  await recordEventsInBulk(m, rows.map((r) => ({ clientId: r.client_id, ticketId: r.id, type: 'requeued', data: { agentId, reason: r.why } })));
  for (const r of rows) news.requeue({ ticketId: r.id, clientId: r.client_id, queueId: r.queue_id, reason: 'unassigned', agentId });
}

/** Offers whose time ran out: the ticket keeps its place in line; K misses in a row set the agent away. */
export async function expireOffers(m: EntityManager, news: RoutingNews, maxMissedOffers: number): Promise<void> {
  const due = await m.query<{ ticket_id: string }[]>(`SELECT ticket_id FROM offers WHERE status = 'pending' AND expires_at <= clock_timestamp() LIMIT 1000`);
  if (due.length === 0) return;
  const locked = await m.query<{ id: string }[]>('SELECT id FROM tickets WHERE id = ANY ($1) FOR UPDATE SKIP LOCKED', [due.map((d) => d.ticket_id)]);
  if (locked.length === 0) return;
  const [expired] = await m.query<[{ id: string; ticket_id: string; agent_id: string; client_id: string; queue_id: string | null }[], number]>(
    `UPDATE offers SET status = 'timed_out', decided_at = clock_timestamp()
      WHERE ticket_id = ANY ($1) AND status = 'pending' AND expires_at <= clock_timestamp()
      RETURNING id, ticket_id, agent_id, client_id, queue_id`,
    [locked.map((t) => t.id)],
  );
  if (expired.length === 0) return;
  await recordEventsInBulk(m, expired.map((r) => ({ clientId: r.client_id, ticketId: r.ticket_id, type: 'offer_timed_out', data: { offerId: r.id, agentId: r.agent_id } })));
  await cancelDirectedTransfers(m, expired.map((r) => r.ticket_id), 'timed_out');

  const misses = new Map<string, number>();
  for (const r of expired) misses.set(r.agent_id, (misses.get(r.agent_id) ?? 0) + 1);
  const agentIds = [...misses.keys()].sort();
  await m.query('SELECT user_id FROM agent_profiles WHERE user_id = ANY ($1) ORDER BY user_id FOR UPDATE', [agentIds]);
  const [counted] = await m.query<[{ user_id: string; missed_offers: number; state: string }[], number]>(
    `UPDATE agent_profiles ap SET missed_offers = ap.missed_offers + m.n
       FROM jsonb_to_recordset($1) AS m(agent_id uuid, n int) WHERE ap.user_id = m.agent_id RETURNING ap.user_id, ap.missed_offers, ap.state`,
    [JSON.stringify(agentIds.map((id) => ({ agent_id: id, n: misses.get(id) })))],
  );
  for (const c of counted) if (c.missed_offers >= maxMissedOffers && c.state === 'available') news.notResponding.push(c.user_id);
  for (const r of expired) {
    news.closed(r.agent_id, { offerId: r.id, ticketId: r.ticket_id, status: 'timed_out', reason: null }, r.client_id);
    news.requeue({ ticketId: r.ticket_id, clientId: r.client_id, queueId: r.queue_id, reason: 'timed_out', agentId: r.agent_id });
  }
}

/**
 * A transfer aimed at one agent ends when that agent declines or lets it time out: a warm transfer
 * stays with the colleague who asked, a cold one waits in its queue (or to be picked by hand).
 */
export async function cancelDirectedTransfers(m: EntityManager, ticketIds: string[], why: OfferStatus | 'cancelled'): Promise<string[]> {
  const [rows] = await m.query<[{ id: string; client_id: string }[], number]>(
    `UPDATE tickets SET transfer = NULL, updated_at = now() WHERE id = ANY ($1) AND transfer->'target'->>'kind' = 'agent' RETURNING id, client_id`,
    [ticketIds],
  );
  await recordEventsInBulk(m, rows.map((r) => ({ clientId: r.client_id, ticketId: r.id, type: 'transfer_cancelled', data: { why } })));
  return rows.map((r) => r.id);
}

/** Assigned email, social and offline-chat tickets left without a public reply past their queue's limit go back in line. */
export async function returnUnanswered(m: EntityManager, news: RoutingNews): Promise<void> {
  const now = new Date();
  const candidates = await m.query<{ id: string; client_id: string; queue_id: string; assignee_id: string; channel: Channel; mode: 'live' | 'async'; assigned_at: Date; last_reply_at: Date | null; return_after_seconds: number }[]>(
    `SELECT t.id, t.client_id, t.queue_id, t.assignee_id, t.channel, t.mode, t.assigned_at, q.return_after_seconds,
            (SELECT max(msg.created_at) FROM messages msg WHERE msg.ticket_id = t.id AND msg.direction = 'outbound') AS last_reply_at
       FROM tickets t JOIN queues q ON q.id = t.queue_id
      WHERE t.status = 'assigned' AND t.transfer IS NULL AND q.return_after_seconds IS NOT NULL
        AND (t.mode = 'async' OR t.channel IN ('email', 'social'))
        AND t.assigned_at < now() - make_interval(secs => q.return_after_seconds)
      LIMIT 500 FOR UPDATE OF t SKIP LOCKED`,
  );
  const due = candidates.filter((t) => isReturnDue({ channel: t.channel, mode: t.mode, status: 'assigned', assignedAt: t.assigned_at, lastAgentReplyAt: t.last_reply_at }, t.return_after_seconds, now));
  if (due.length === 0) return;
  await m.query(`UPDATE tickets SET status = 'queued', assignee_id = NULL, updated_at = now() WHERE id = ANY ($1)`, [due.map((t) => t.id)]);
  await recordEventsInBulk(m, due.map((t) => ({ clientId: t.client_id, ticketId: t.id, type: 'returned', data: { agentId: t.assignee_id, afterSeconds: t.return_after_seconds } })));
  for (const t of due) news.requeue({ ticketId: t.id, clientId: t.client_id, queueId: t.queue_id, reason: 'returned', agentId: t.assignee_id });
}

/** A pending transfer as the offer shows it (the note and who handed it over). */
interface ShownTransfer {
  warm: boolean;
  note?: string | null;
  fromAgentName?: string | null;
}

interface Proposal extends OfferPlan {
  clientId: string;
  queueId: string | null;
  channel: Channel;
  timeoutSeconds: number;
  autoAccept: boolean;
  transfer: { target: TransferTarget; warm: boolean; fromAgentId: string | null } | null;
}

/**
 * Plans offers with the pure rules over the node's picture of the ready agents (ReadyAgents), then
 * makes them under locks: the chosen agents are locked (in id order) and must still be ready, with the
 * facts the plan used, and under capacity as they are now; tickets another transaction holds are
 * skipped until the next round. Auto-accepted offers assign the ticket at once.
 */
export async function makeOffers(m: EntityManager, news: RoutingNews, settings: RoundSettings, readyAgents: ReadyAgents, steps = new StepTimer()): Promise<void> {
  const waiting = await waitingTickets(m, settings.waitingLimit);
  steps.lap('waiting');
  if (waiting.length === 0) return;
  const { agents, versions, unavailableByClient } = await readyAgents.read(m);
  steps.lap('agents');
  if (agents.length === 0) return;
  const queues = await queuesById(m, [...new Set(waiting.map((t) => t.queueId).filter((id): id is string => id !== null))]);
  steps.lap('queues');
  const now = new Date();
  const plans = planOffers(waiting, agents, queues, now, unavailableByClient, settings.maxOffers);
  steps.lap('plan');
  if (plans.length === 0) return;
  news.moreWaiting = plans.length >= settings.maxOffers;

  const ticketOf = new Map(waiting.map((t) => [t.id, t]));
  const agentOf = new Map(agents.map((a) => [a.id, a]));
  const agentIds = [...new Set(plans.map((p) => p.agentId))].sort();
  // Under lock, as they are now: still ready, with the facts the plan used (an agent who lost the client or a skill since is skipped).
  const locked = await m.query<{ user_id: string; routing_version: string }[]>(
    `SELECT ap.user_id, ap.routing_version::text AS routing_version FROM agent_profiles ap WHERE ap.user_id = ANY ($1) AND ${READY} ORDER BY ap.user_id FOR UPDATE OF ap`,
    [agentIds],
  );
  const stillReady = new Set(locked.filter((row) => versions.get(row.user_id) === row.routing_version).map((row) => row.user_id));
  if (stillReady.size < agentIds.length) readyAgents.forget();
  const holding = await occupancies(m, [...stillReady]);
  readyAgents.checked(agentIds, stillReady, holding);
  // Locked, as they are now: still waiting with no offer open; the transfer's note as the offer will show it.
  const lockedTickets = await m.query<{ id: string; transfer: ShownTransfer | null }[]>(
    `SELECT id, transfer FROM tickets t WHERE id = ANY ($1) AND ((status = 'queued' AND queue_id IS NOT NULL) OR transfer IS NOT NULL)
        AND NOT EXISTS (SELECT 1 FROM offers o WHERE o.ticket_id = t.id AND o.status = 'pending') FOR UPDATE SKIP LOCKED`,
    [plans.map((p) => p.ticketId)],
  );
  const stillWaiting = new Map(lockedTickets.map((r) => [r.id, r.transfer]));

  const added = new Map<string, number>();
  const proposals: Proposal[] = [];
  for (const plan of plans) {
    const ticket = ticketOf.get(plan.ticketId)!;
    const agent = agentOf.get(plan.agentId)!;
    if (!stillReady.has(agent.id) || !stillWaiting.has(ticket.id)) continue;
    const occupancy = (holding.get(agent.id)?.occupancy ?? 0) + (added.get(agent.id) ?? 0);
    if (!fitsCapacity(agent.capacity, occupancy, ticket.channel)) continue;
    added.set(agent.id, (added.get(agent.id) ?? 0) + channelWeight(agent.capacity, ticket.channel));
    const queue = ticket.queueId ? queues.get(ticket.queueId) : undefined;
    proposals.push({
      ...plan,
      clientId: ticket.clientId,
      queueId: ticket.queueId,
      channel: ticket.channel,
      timeoutSeconds: queue?.offerTimeouts[ticket.channel] ?? DEFAULT_QUEUE_SETTINGS.offerTimeouts[ticket.channel],
      autoAccept: Boolean(queue?.autoAcceptChannels.includes(ticket.channel)) && ticket.transfer?.warm !== true,
      transfer: ticket.transfer,
    });
  }
  steps.lap('lock_rows');
  if (proposals.length === 0) return;

  // Ids chosen here, so the offers, the agents' last offer, the auto-accepted assignments and every
  // event go to the database in one statement (one round trip, whatever the number of offers).
  const offers = proposals.map((p) => ({ ...p, offerId: randomUUID() }));
  const events: TicketEventRow[] = offers.map((o) => ({
    clientId: o.clientId,
    ticketId: o.ticketId,
    type: 'offered',
    data: { offerId: o.offerId, agentId: o.agentId, queueId: o.queueId, ring: o.trace.ring, decidedBy: o.trace.decidedBy, timeoutSeconds: o.timeoutSeconds, autoAccepted: o.autoAccept },
  }));
  for (const o of offers.filter((offer) => offer.autoAccept)) {
    events.push({ clientId: o.clientId, ticketId: o.ticketId, type: 'accepted', data: { offerId: o.offerId, agentId: o.agentId, queueId: o.queueId, ring: o.trace.ring, decidedBy: o.trace.decidedBy, timeoutSeconds: o.timeoutSeconds, autoAccepted: true } });
    events.push({ clientId: o.clientId, ticketId: o.ticketId, type: 'assigned', data: { agentId: o.agentId, previousAgentId: o.transfer?.fromAgentId ?? null, by: 'auto_accept', offerId: o.offerId } });
    news.assign({ ticketId: o.ticketId, clientId: o.clientId, agentId: o.agentId, via: o.transfer ? 'transfer' : 'auto_accept', offerId: o.offerId });
  }
  const inserted = await m.query<{ id: string; created_at: Date; expires_at: Date }[]>(
    `WITH r AS (SELECT * FROM jsonb_to_recordset($1) AS r(id uuid, client_id uuid, ticket_id uuid, agent_id uuid, queue_id uuid, channel text, auto boolean, timeout int, trace jsonb)),
          offered AS (
            INSERT INTO offers (id, client_id, ticket_id, agent_id, queue_id, channel, status, auto_accepted, expires_at, decided_at, node_id, trace)
            SELECT r.id, r.client_id, r.ticket_id, r.agent_id, r.queue_id, r.channel, CASE WHEN r.auto THEN 'accepted' ELSE 'pending' END, r.auto,
                   clock_timestamp() + make_interval(secs => r.timeout), CASE WHEN r.auto THEN clock_timestamp() END, $2, r.trace
              FROM r
            RETURNING id, created_at, expires_at),
          agents AS (UPDATE agent_profiles SET last_offer_at = clock_timestamp() WHERE user_id IN (SELECT agent_id FROM r) RETURNING user_id),
          assigned AS (
            UPDATE tickets t SET assignee_id = r.agent_id, status = 'assigned', assigned_at = now(), answered_at = coalesce(t.answered_at, now()), transfer = NULL, updated_at = now()
              FROM r WHERE r.auto AND t.id = r.ticket_id
            RETURNING t.id),
          events AS (${insertEventsSql('$3')} RETURNING id)
     SELECT id, created_at, expires_at FROM offered`,
    [
      JSON.stringify(offers.map((o) => ({ id: o.offerId, client_id: o.clientId, ticket_id: o.ticketId, agent_id: o.agentId, queue_id: o.queueId, channel: o.channel, auto: o.autoAccept, timeout: o.timeoutSeconds, trace: o.trace }))),
      settings.nodeId,
      eventsParameter(events),
    ],
  );
  const offersOf = new Map<string, number>();
  for (const o of offers) offersOf.set(o.agentId, (offersOf.get(o.agentId) ?? 0) + 1);
  readyAgents.offered(new Map([...added].map(([id, share]) => [id, { share, offers: offersOf.get(id) ?? 0 }])), new Date());
  steps.lap('write');

  // What the agents are offered, built from what the round holds; the tickets' summaries (and those of
  // the tickets it assigned) in one read, the round's last step.
  const rowOf = new Map(inserted.map((row) => [row.id, row]));
  const pending = offers.filter((o) => !o.autoAccept);
  const summaries = await news.readSummaries(m, pending.map((o) => o.ticketId));
  for (const o of pending) {
    const row = rowOf.get(o.offerId)!;
    const transfer = stillWaiting.get(o.ticketId) ?? null;
    news.offersMade.push({
      agentId: o.agentId,
      offer: {
        id: o.offerId,
        ticketId: o.ticketId,
        clientId: o.clientId,
        queueId: o.queueId,
        queueName: (o.queueId ? queues.get(o.queueId)?.name : null) ?? null,
        channel: o.channel,
        status: 'pending',
        createdAt: row.created_at.toISOString(),
        expiresAt: row.expires_at.toISOString(),
        timeoutSeconds: Math.round((row.expires_at.getTime() - row.created_at.getTime()) / 1000),
        autoAccepted: false,
        transfer: transfer ? { warm: transfer.warm, note: transfer.note ?? null, fromAgentName: transfer.fromAgentName ?? null } : null,
        ticket: summaries.get(o.ticketId)!,
      },
    });
  }
  for (const o of offers) {
    news.agentsTouched.add(o.agentId);
    news.clientsTouched.add(o.clientId);
  }
  steps.lap('views');
}
