import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { TenantDatabase } from '@switchboard/api-database';
import { ROOT_LOGGER, SYSTEM_SCOPE } from '@switchboard/api-platform';
import type { Channel, TicketFact } from '@switchboard/shared-contracts';
import { addMeasures, factAnchors, hasRepeatContact, projectTicketFact, reportSettingsFor, rollupDelta, type RollupCell, type TicketEventRecord } from '@switchboard/shared-domain';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { FactsProjectedEvent } from './facts-projected.event';
import { applyRollupDelta } from './kpi-rollup.queries';
import { readContract } from './sla-contract.queries';

const TICK_MS = 250;
const BATCH = 1_000;
/** A pass reads this many batches of marks, so it finds a batch of tickets past those other passes hold. */
const CANDIDATES = 2;
/** First key of the per-ticket projection advisory locks (the second is the ticket id's hash). */
const PROJECTION_LOCK_SPACE = 7_301;

interface TicketRow {
  id: string;
  client_id: string;
  contact_id: string;
  channel: Channel;
  language: string | null;
  created_at: Date;
}
interface Mark {
  table: 'ticket_fact_pending' | 'ticket_fact_recheck';
  ticket_id: string;
  client_id: string;
  /** Never repeats: set when the mark is inserted and whenever it is re-marked (migration 1765820000400). */
  generation: string;
}
interface EventRow {
  ticket_id: string;
  type: string;
  at: Date;
  actor_user_id: string | null;
  data: Record<string, unknown>;
}

/** The facts of these tickets recomputed from their whole event log (the raw computation; no writes). */
export async function factsFromLog(m: EntityManager, ticketIds: readonly string[]): Promise<Map<string, { clientId: string; fact: TicketFact; events: number }>> {
  const tickets = await m.query<TicketRow[]>('SELECT id, client_id, contact_id, channel, language, created_at FROM tickets WHERE id = ANY ($1)', [ticketIds]);
  const events = await m.query<EventRow[]>('SELECT ticket_id, type, at, actor_user_id, data FROM ticket_events WHERE ticket_id = ANY ($1) ORDER BY ticket_id, id', [ticketIds]);
  const byTicket = new Map<string, TicketEventRecord[]>();
  for (const e of events) {
    const list = byTicket.get(e.ticket_id) ?? [];
    list.push({ type: e.type, at: e.at.toISOString(), actorUserId: e.actor_user_id, data: e.data });
    byTicket.set(e.ticket_id, list);
  }
  const facts = new Map<string, { clientId: string; fact: TicketFact; events: number }>();
  for (const t of tickets) {
    const log = byTicket.get(t.id) ?? [];
    const fact = projectTicketFact({ ticketId: t.id, contactId: t.contact_id, channel: t.channel, language: t.language, createdAt: t.created_at.toISOString() }, log);
    facts.set(t.id, { clientId: t.client_id, fact, events: log.length });
  }
  return facts;
}

/**
 * Keeps `ticket_facts` up with the ticket event log. Every statement inserting events marks each of
 * its tickets once in `ticket_fact_pending`, in the events' own transaction (a statement-level trigger,
 * migration 1765820000400): the mark commits with the events or not at all. Runs every 250 ms on every
 * node, and on demand before a report is read (`catchUp`).
 *
 * An event write never waits for a projection. A pass, in one transaction:
 * 1. reads marks (pending and recheck) with their generation, WITHOUT locking them;
 * 2. takes a per-ticket advisory transaction lock with `pg_try_advisory_xact_lock` and skips tickets
 *    another pass holds (several nodes share the work rather than queue);
 * 3. reads each locked ticket's whole log (after the lock: READ COMMITTED gives the statement a fresh
 *    snapshot), recomputes its fact, rollup delta and recheck marks, and commits.
 * Then, in a short transaction of its own, it deletes each mark only if its generation is still the one
 * read in 1, skipping marks an event write holds right now (`FOR UPDATE SKIP LOCKED`).
 *
 * Why no event is lost: a generation is a sequence value set when the mark is inserted and on every
 * update (a BEFORE UPDATE trigger, so every re-marking upsert — events, `SlaContractService`, the recheck
 * insert, migrations — bumps it), so it never repeats. An event E of ticket T commits together with T's
 * mark at some generation g.
 * - E committed before the pass read the marks: the log read in 3 comes later and holds E.
 * - E commits after the marks were read: its upsert gave the mark a generation other than the one read
 *   (or inserted a new row, with a new generation, if the mark had been deleted — no ABA), so the delete
 *   leaves the mark and a later pass projects E. If E's transaction is still open at the delete, the
 *   mark is locked and skipped: it stays.
 * - Two passes (two nodes) never project one ticket at once (the advisory lock). One that locks a ticket
 *   after another committed it reads a log at least as new (locks are released after commit is visible),
 *   so a fact is never overwritten by an older log. A ticket re-projected because its mark was read by
 *   both is recomputed from the same log: the same fact and a zero rollup delta.
 * - A crash between the projection's commit and the delete leaves the marks: projected once more.
 * A mark is deleted only after a committed projection of every event it stood for, so `catchUp`, which
 * runs passes until the client has no marks left, still makes a report reflect every event committed
 * before it was asked for.
 */
@Injectable()
export class TicketFactProjector implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log: Logger;
  private timer?: NodeJS.Timeout;
  private running = false;
  private stopping = false;
  private current: Promise<void> = Promise.resolve();

  constructor(
    private readonly tenants: TenantDatabase,
    private readonly events: EventEmitter2,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ context: TicketFactProjector.name });
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), TICK_MS);
    this.timer.unref();
  }

  /** Stops the timer and lets a pass under way finish (before the pool closes under it). */
  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.stopping = true;
    await this.current;
  }

  private tick(): Promise<void> {
    if (this.running || this.stopping) return this.current;
    this.current = this.drain();
    return this.current;
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (!this.stopping && (await this.pass()) > 0);
    } catch (error) {
      this.log.error({ err: error }, 'fact projection failed; the marks stay for the next pass');
    } finally {
      this.running = false;
    }
  }

  /** One batch: returns how many tickets were projected. `clientId` limits it to one client. */
  async pass(clientId?: string, batch = BATCH): Promise<number> {
    const claimed = await this.tenants.run(SYSTEM_SCOPE, async (m) => {
      // Marks are read without locking them: an event write re-marking one of these tickets never waits.
      const read = (table: string) =>
        m.query<Mark[]>(
          `SELECT '${table}' AS table, ticket_id, client_id, generation FROM ${table} ${clientId ? 'WHERE client_id = $2' : ''} ORDER BY ticket_id LIMIT $1`,
          clientId ? [CANDIDATES * batch, clientId] : [CANDIDATES * batch],
        );
      const marks = [...(await read('ticket_fact_pending')), ...(await read('ticket_fact_recheck'))];
      if (marks.length === 0) return null;
      // One projection per ticket at a time: a transaction-scoped advisory lock per ticket, tried in id
      // order (the Limit stops trying once it has a batch); tickets another pass holds are skipped.
      const candidates = [...new Set(marks.map((mark) => mark.ticket_id))].sort();
      const ids = (
        await m.query<{ id: string }[]>(`SELECT id FROM unnest($1::uuid[]) AS c(id) WHERE pg_try_advisory_xact_lock(${PROJECTION_LOCK_SPACE}, hashtext(id::text)) LIMIT $2`, [candidates, batch])
      ).map((r) => r.id);
      if (ids.length === 0) return null;
      // The log is read after the lock (READ COMMITTED: a fresh snapshot), so it holds every event
      // whose mark generation was read above, and every projection committed before ours.
      await projectTickets(m, ids);
      const taken = new Set(ids);
      return { marks: marks.filter((mark) => taken.has(mark.ticket_id)) };
    });
    if (!claimed || claimed.marks.length === 0) return 0;
    // After the projection committed: a mark goes only if nothing re-marked it since it was read (same
    // generation) and no event write is re-marking it right now (SKIP LOCKED: that mark stays).
    await this.tenants.run(SYSTEM_SCOPE, async (m) => {
      for (const table of ['ticket_fact_pending', 'ticket_fact_recheck']) {
        const own = claimed.marks.filter((mark) => mark.table === table);
        if (own.length === 0) continue;
        await m.query(
          `DELETE FROM ${table} WHERE ticket_id IN (
             SELECT t.ticket_id FROM ${table} t JOIN unnest($1::uuid[], $2::bigint[]) AS c(id, generation) ON t.ticket_id = c.id AND t.generation = c.generation
              ORDER BY t.ticket_id FOR UPDATE OF t SKIP LOCKED)`,
          [own.map((mark) => mark.ticket_id), own.map((mark) => mark.generation)],
        );
      }
    });
    this.events.emit(FactsProjectedEvent.eventName, new FactsProjectedEvent([...new Set(claimed.marks.map((p) => p.client_id))]));
    return new Set(claimed.marks.map((mark) => mark.ticket_id)).size;
  }

  /**
   * Projects everything marked for the client now, for at most `maxWaitMs` (a backlog bigger than that —
   * a bulk import — is left to the background passes, and the report is as of a moment earlier). Tickets
   * another pass is projecting, and marks an event still being written holds, are waited for within the
   * same bound.
   */
  async catchUp(clientId: string, maxWaitMs = 2_000): Promise<void> {
    const deadline = Date.now() + maxWaitMs;
    for (;;) {
      try {
        while (Date.now() <= deadline && (await this.pass(clientId)) > 0);
      } catch (error) {
        // A deadlock with a concurrent pass rolls this pass back; its marks stay and are retried.
        this.log.warn({ err: error, clientId }, 'catch-up pass failed; retrying');
      }
      const [{ left }] = await this.tenants.run(SYSTEM_SCOPE, (m) =>
        m.query<{ left: number }[]>('SELECT ((SELECT count(*) FROM ticket_fact_pending WHERE client_id = $1) + (SELECT count(*) FROM ticket_fact_recheck WHERE client_id = $1))::int AS left', [clientId]),
      );
      if (left === 0 || Date.now() > deadline) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

/**
 * Recomputes the facts of these tickets from the log, in the caller's transaction: the fact, its FCR
 * repeat flag (other tickets of the same contact), the rollup delta (new contributions minus old ones),
 * and marks the contact's other tickets whose repeat flag changes with these facts, so they are
 * recomputed too (their rollups follow).
 */
export async function projectTickets(m: EntityManager, ids: readonly string[]): Promise<void> {
  const facts = await factsFromLog(m, ids);
  if (facts.size === 0) return;
  const before = new Map(
    (await m.query<{ ticket_id: string; fact: TicketFact; fcr_repeat: boolean; in_rollups: boolean }[]>('SELECT ticket_id, fact, fcr_repeat, in_rollups FROM ticket_facts WHERE ticket_id = ANY ($1) ORDER BY ticket_id FOR UPDATE', [ids])).map((r) => [r.ticket_id, r]),
  );
  const clientIds = [...new Set([...facts.values()].map((f) => f.clientId))];
  const settings = new Map<string, { timeZone: string; fcrWindowDays: number }>();
  for (const c of await m.query<{ id: string; time_zone: string }[]>('SELECT id, time_zone FROM clients WHERE id = ANY ($1)', [clientIds])) {
    settings.set(c.id, { timeZone: c.time_zone, fcrWindowDays: reportSettingsFor(await readContract(m, c.id), new Date().toISOString().slice(0, 7)).fcrWindowDays });
  }
  // The other tickets of the same contacts (contact ids are unique across clients): where repeat contacts are looked for.
  const contactIds = [...new Set([...facts.values()].map((f) => f.fact.contactId))];
  const pool = await m.query<{ ticket_id: string; client_id: string; fact: TicketFact; fcr_repeat: boolean }[]>(
    'SELECT ticket_id, client_id, fact, fcr_repeat FROM ticket_facts WHERE client_id = ANY ($1) AND contact_id = ANY ($2) AND NOT (ticket_id = ANY ($3))',
    [clientIds, contactIds, ids],
  );
  const byContact = new Map<string, TicketFact[]>();
  for (const f of [...pool.map((p) => p.fact), ...[...facts.values()].map((f) => f.fact)]) byContact.set(f.contactId, [...(byContact.get(f.contactId) ?? []), f]);
  const repeats = new Map<string, boolean>();
  const deltas = new Map<string, RollupCell[]>();
  for (const { clientId, fact } of facts.values()) {
    const { timeZone, fcrWindowDays } = settings.get(clientId) ?? { timeZone: 'UTC', fcrWindowDays: 7 };
    const repeat = hasRepeatContact(fact, byContact.get(fact.contactId) ?? [], fcrWindowDays);
    repeats.set(fact.ticketId, repeat);
    // A fact not in the rollups (they were rebuilt) adds its whole contribution.
    const old = before.get(fact.ticketId);
    const counted = old?.in_rollups ? old : undefined;
    deltas.set(clientId, [...(deltas.get(clientId) ?? []), ...rollupDelta(counted?.fact ?? null, fact, timeZone, { before: counted?.fcr_repeat ?? false, after: repeat })]);
  }
  // Earlier tickets of these contacts whose repeat flag these facts change are projected again (their
  // own pass updates their fact and rollups); the others are left alone.
  const recheck = pool.filter((p) => {
    const windowDays = settings.get(p.client_id)?.fcrWindowDays ?? 7;
    return hasRepeatContact(p.fact, byContact.get(p.fact.contactId) ?? [], windowDays) !== p.fcr_repeat;
  });
  await writeFacts(m, facts, repeats);
  for (const [clientId, cells] of deltas) await applyRollupDelta(m, clientId, mergeCells(cells));
  if (recheck.length) {
    await m.query(
      `INSERT INTO ticket_fact_recheck (ticket_id, client_id) SELECT * FROM unnest($1::uuid[], $2::uuid[]) ORDER BY 1
       ON CONFLICT (ticket_id) DO UPDATE SET marks = ticket_fact_recheck.marks + 1`,
      [recheck.map((r) => r.ticket_id), recheck.map((r) => r.client_id)],
    );
  }
}

/** Cells of several facts with the same key added together, in key order. */
function mergeCells(cells: RollupCell[]): RollupCell[] {
  const byKey = new Map<string, RollupCell>();
  for (const cell of cells) {
    const id = `${cell.key.date}|${cell.key.index}|${cell.key.channel}|${cell.key.queue}|${cell.key.language}`;
    const into = byKey.get(id);
    if (!into) byKey.set(id, { key: cell.key, measures: structuredClone(cell.measures) });
    else addMeasures(into.measures, cell.measures);
  }
  return [...byKey.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([, c]) => c);
}

/** Upserts facts (and their anchor columns) in one statement. */
export async function writeFacts(m: EntityManager, facts: Map<string, { clientId: string; fact: TicketFact; events: number }>, repeats = new Map<string, boolean>()): Promise<void> {
  if (facts.size === 0) return;
  const rows = [...facts.values()].map(({ clientId, fact, events }) => {
    const anchors = factAnchors(fact);
    return {
      ticket_id: fact.ticketId,
      client_id: clientId,
      contact_id: fact.contactId,
      channel: fact.channel,
      queue_id: fact.queueId,
      language: fact.language,
      created_at: fact.createdAt,
      queued_at: fact.queuedAt,
      first_resolved_at: anchors.firstResolvedAt,
      first_anchor_at: anchors.firstAnchorAt,
      last_anchor_at: anchors.lastAnchorAt,
      settled_at: anchors.settledAt,
      fact,
      projected_events: events,
      fcr_repeat: repeats.get(fact.ticketId) ?? false,
    };
  });
  await m.query(
    `INSERT INTO ticket_facts (ticket_id, client_id, contact_id, channel, queue_id, language, created_at, queued_at, first_resolved_at, first_anchor_at, last_anchor_at, settled_at, fact, projected_events, fcr_repeat, in_rollups)
     SELECT r.ticket_id, r.client_id, r.contact_id, r.channel, r.queue_id, r.language, r.created_at, r.queued_at, r.first_resolved_at, r.first_anchor_at, r.last_anchor_at, r.settled_at, r.fact, r.projected_events, r.fcr_repeat, true
       FROM jsonb_to_recordset($1) AS r(ticket_id uuid, client_id uuid, contact_id uuid, channel text, queue_id uuid, language text, created_at timestamptz, queued_at timestamptz,
            first_resolved_at timestamptz, first_anchor_at timestamptz, last_anchor_at timestamptz, settled_at timestamptz, fact jsonb, projected_events int, fcr_repeat boolean)
     ON CONFLICT (ticket_id) DO UPDATE SET queue_id = EXCLUDED.queue_id, language = EXCLUDED.language, queued_at = EXCLUDED.queued_at, first_resolved_at = EXCLUDED.first_resolved_at,
            first_anchor_at = EXCLUDED.first_anchor_at, last_anchor_at = EXCLUDED.last_anchor_at, settled_at = EXCLUDED.settled_at, fact = EXCLUDED.fact,
            projected_events = EXCLUDED.projected_events, fcr_repeat = EXCLUDED.fcr_repeat, in_rollups = true, projected_at = clock_timestamp()`,
    [JSON.stringify(rows)],
  );
}
