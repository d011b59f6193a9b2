import { Injectable } from '@nestjs/common';
import { AuditService } from '@switchboard/api-audit';
import { TenantDatabase } from '@switchboard/api-database';
import { checkedUuid, NotFoundException, pageOf, SYSTEM_SCOPE, ValidationException, type PageRequest, type Principal } from '@switchboard/api-platform';
import type { AutoQaCheck, AutoQaResultView, AutoQaSettings, Channel, Page } from '@switchboard/shared-contracts';
import { checkAutoQaSettings, DEFAULT_AUTOQA_SETTINGS, runAutoQa, type AutoQaFacts, type AutoQaHold, type AutoQaMessage } from '@switchboard/shared-domain';
import type { EntityManager } from 'typeorm';

/** Tickets checked per sweep batch. */
const BATCH = 50;
/** The sweep looks back this far for resolved tickets without a result (older ones were checked, or predate AutoQA). */
const LOOK_BACK_DAYS = 30;

interface ResultRow {
  ticket_id: string;
  client_id: string;
  agent_id: string | null;
  channel: Channel;
  score: number | null;
  flags: string[];
  checks: AutoQaCheck[];
  resolved_at: Date;
  checked_at: Date;
  reference: string;
  agent_name: string | null;
}

/** A result with its ticket's reference and its agent's name (lateral lookups add no column a filter could mistake). */
const RESULT_SQL = `SELECT ticket_id, client_id, agent_id, channel, score::float8 AS score, flags, checks, resolved_at, checked_at, checked_at::text AS checked_key, tk.reference, ag.agent_name
  FROM autoqa_results
  LEFT JOIN LATERAL (SELECT 'SB-' || t.number AS reference FROM tickets t WHERE t.id = autoqa_results.ticket_id) tk ON true
  LEFT JOIN LATERAL (SELECT u.display_name AS agent_name FROM users u WHERE u.id = autoqa_results.agent_id) ag ON true`;

const resultView = (r: ResultRow): AutoQaResultView => ({
  ticketId: r.ticket_id,
  ticketReference: r.reference,
  agentName: r.agent_name,
  clientId: r.client_id,
  agentId: r.agent_id,
  channel: r.channel,
  score: r.score,
  flags: r.flags,
  checks: r.checks,
  resolvedAt: new Date(r.resolved_at).toISOString(),
  checkedAt: new Date(r.checked_at).toISOString(),
});

export interface AutoQaFilter {
  flag?: string;
  agentId?: string;
}

/**
 * AutoQA of resolved tickets: the system checks each resolution once (`checkDue`, from any node: the
 * result is deterministic and its upsert only replaces a result of an earlier resolution), and staff
 * read the results — leads and admins of the client all of them, an agent those of their own tickets.
 * Admins set the client's phrases and limits.
 */
@Injectable()
export class AutoQaService {
  constructor(
    private readonly tenants: TenantDatabase,
    private readonly audit: AuditService,
  ) {}

  /** Checks resolved tickets that have no result for their latest resolution; returns how many were checked. */
  async checkDue(): Promise<number> {
    let checked = 0;
    for (;;) {
      const done = await this.tenants.run(SYSTEM_SCOPE, async (m) => {
        const due = await m.query<{ id: string }[]>(
          `SELECT t.id FROM tickets t LEFT JOIN autoqa_results r ON r.ticket_id = t.id
            WHERE t.resolved_at IS NOT NULL AND t.resolved_at > now() - make_interval(days => $1) AND t.status IN ('resolved', 'closed')
              AND (r.ticket_id IS NULL OR r.resolved_at <> t.resolved_at)
            ORDER BY t.resolved_at LIMIT ${BATCH}`,
          [LOOK_BACK_DAYS],
        );
        for (const { id } of due) await this.checkTicket(m, id);
        return due.length;
      });
      checked += done;
      if (done < BATCH) return checked;
    }
  }

  /** Runs AutoQA on one ticket and stores the result (inside the caller's system transaction). */
  async checkTicket(m: EntityManager, ticketId: string): Promise<void> {
    // resolved_exact: the resolution's time to the microsecond, stored as such. Through a JS Date it would
    // lose its microseconds, never equal the ticket's again, and the ticket would be due for ever.
    const [ticket] = await m.query<{ id: string; client_id: string; channel: Channel; assignee_id: string | null; created_at: Date; first_response_at: Date | null; resolved_at: Date; resolved_exact: string; settings: AutoQaSettings | null; ended_at: Date | null; transcript: string | null }[]>(
      `SELECT t.id, t.client_id, t.channel, t.assignee_id, t.created_at, t.first_response_at, t.resolved_at, t.resolved_at::text AS resolved_exact, cl.autoqa_settings AS settings, c.ended_at, c.transcript
         FROM tickets t JOIN clients cl ON cl.id = t.client_id LEFT JOIN calls c ON c.ticket_id = t.id WHERE t.id = $1`,
      [ticketId],
    );
    if (!ticket?.resolved_at) return;
    const messages = await m.query<{ direction: AutoQaMessage['direction']; body: string; at: Date }[]>('SELECT direction, body, created_at AS at FROM messages WHERE ticket_id = $1 ORDER BY seq', [ticketId]);
    const holdEvents = await m.query<{ action: string; at: Date }[]>(`SELECT data ->> 'action' AS action, at FROM ticket_events WHERE ticket_id = $1 AND type = 'call_status' AND data ->> 'action' IN ('hold', 'resume') ORDER BY id`, [ticketId]);
    const holds: AutoQaHold[] = [];
    for (const event of holdEvents) {
      const open = holds[holds.length - 1];
      if (event.action === 'hold' && (!open || open.end !== null)) holds.push({ start: new Date(event.at).toISOString(), end: null });
      else if (event.action === 'resume' && open && open.end === null) open.end = new Date(event.at).toISOString();
    }
    const facts: AutoQaFacts = {
      channel: ticket.channel,
      createdAt: new Date(ticket.created_at).toISOString(),
      firstResponseAt: ticket.first_response_at ? new Date(ticket.first_response_at).toISOString() : null,
      messages: messages.map((msg) => ({ direction: msg.direction, body: msg.body, at: new Date(msg.at).toISOString() })),
      holds,
      transcript: ticket.transcript,
      callEndedAt: ticket.ended_at ? new Date(ticket.ended_at).toISOString() : null,
    };
    const outcome = runAutoQa(facts, { ...DEFAULT_AUTOQA_SETTINGS, ...(ticket.settings ?? {}) });
    await m.query(
      `INSERT INTO autoqa_results (ticket_id, client_id, agent_id, channel, score, flags, checks, resolved_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8::timestamptz)
       ON CONFLICT (ticket_id) DO UPDATE SET agent_id = EXCLUDED.agent_id, score = EXCLUDED.score, flags = EXCLUDED.flags, checks = EXCLUDED.checks, resolved_at = EXCLUDED.resolved_at, checked_at = now()
        WHERE autoqa_results.resolved_at <> EXCLUDED.resolved_at`,
      [ticket.id, ticket.client_id, ticket.assignee_id, ticket.channel, outcome.score, outcome.flags, JSON.stringify(outcome.checks), ticket.resolved_exact],
    );
  }

  /** One ticket's result: leads and admins of its client; an agent only for a ticket they handled. */
  async forTicket(principal: Principal, ticketId: string): Promise<AutoQaResultView> {
    checkedUuid(ticketId, 'ticketId');
    return await this.tenants.run(principal, async (m) => {
      const mine = principal.role === 'agent' ? ' AND agent_id = $3' : '';
      const [row] = await m.query<ResultRow[]>(`${RESULT_SQL} WHERE ticket_id = $1 AND client_id = ANY ($2)${mine}`, principal.role === 'agent' ? [ticketId, [...principal.clientIds], principal.userId] : [ticketId, [...principal.clientIds]]);
      if (!row) throw new NotFoundException('AutoQA result');
      return resultView(row);
    });
  }

  /** A client's results, newest first, optionally with one flag or of one agent. */
  async list(principal: Principal, clientId: string, filter: AutoQaFilter, page: PageRequest): Promise<Page<AutoQaResultView>> {
    this.covered(principal, clientId);
    if (filter.agentId) checkedUuid(filter.agentId, 'agentId');
    if (filter.flag !== undefined && !/^[a-z_]{1,63}$/.test(filter.flag)) throw new ValidationException([{ field: 'flag', message: 'must be a flag name (a–z and _)' }]);
    return await this.tenants.run(principal, async (m) => {
      const params: unknown[] = [clientId];
      const where = ['client_id = $1'];
      // `any`: every result with at least one flag.
      if (filter.flag === 'any') where.push('cardinality(flags) > 0');
      else if (filter.flag) where.push(`$${params.push(filter.flag)} = ANY (flags)`);
      if (filter.agentId) where.push(`agent_id = $${params.push(filter.agentId)}`);
      if (page.after) where.push(`(checked_at, ticket_id) < ($${params.push(page.after[0])}::timestamptz, $${params.push(page.after[1])}::uuid)`);
      const rows = await m.query<(ResultRow & { checked_key: string })[]>(`${RESULT_SQL} WHERE ${where.join(' AND ')} ORDER BY checked_at DESC, ticket_id DESC LIMIT ${page.limit + 1}`, params);
      return pageOf(rows, page.limit, (row) => [row.checked_key, row.ticket_id], resultView);
    });
  }

  async settings(principal: Principal, clientId: string): Promise<AutoQaSettings> {
    this.covered(principal, clientId);
    return await this.tenants.run(principal, async (m) => {
      const [row] = await m.query<{ settings: AutoQaSettings | null }[]>('SELECT autoqa_settings AS settings FROM clients WHERE id = $1', [clientId]);
      if (!row) throw new NotFoundException('Client');
      return { ...DEFAULT_AUTOQA_SETTINGS, ...(row.settings ?? {}) };
    });
  }

  /** Replaces the client's settings (every field); tickets resolved from now on are checked with them. */
  async saveSettings(principal: Principal, clientId: string, input: AutoQaSettings): Promise<AutoQaSettings> {
    this.covered(principal, clientId);
    const problems = checkAutoQaSettings({ ...input });
    if (problems.length) throw new ValidationException(problems);
    const settings: AutoQaSettings = {
      greetingPhrases: input.greetingPhrases.map((p) => p.trim()),
      closingPhrases: input.closingPhrases.map((p) => p.trim()),
      firstResponseTargetSeconds: input.firstResponseTargetSeconds,
      requiredPhrases: input.requiredPhrases.map((p) => p.trim()),
      maxHoldSeconds: input.maxHoldSeconds,
      maxSilenceSeconds: input.maxSilenceSeconds,
    };
    return await this.tenants.run(principal, async (m) => {
      await m.query('UPDATE clients SET autoqa_settings = $2, updated_at = now() WHERE id = $1', [clientId, JSON.stringify(settings)]);
      await this.audit.record(m, { action: 'autoqa.settings_changed', actorUserId: principal.userId, clientId, targetType: 'client', targetId: clientId, details: { ...settings } });
      return settings;
    });
  }

  private covered(principal: Principal, clientId: string): void {
    if (!principal.clientIds.includes(checkedUuid(clientId, 'clientId'))) throw new NotFoundException('Client');
  }
}
