import { Injectable } from '@nestjs/common';
import { AuditService } from '@switchboard/api-audit';
import { TenantDatabase } from '@switchboard/api-database';
import { ForbiddenException, NotFoundException, pageOf, ValidationException, type PageRequest, type Principal, checkedUuid } from '@switchboard/api-platform';
import type { InboxRouting, Page, QueueSettings, QueueView } from '@switchboard/shared-contracts';
import { parseInboxRouting, parseQueueSettings, queueProblems, type StaffedAgent } from '@switchboard/shared-domain';
import type { EntityManager } from 'typeorm';
import { RoutingDispatcher } from './routing-dispatcher.service';
import { INSERT_QUEUE_SQL, queueSettingsParams, UPDATE_QUEUE_SQL } from './queue-row.util';
import { QUEUE_COLUMNS, type QueueRow } from './routing-queries';


/**
 * Queues and inbox routing rules: staff read them, admins change them. Every read carries the
 * queue's problems — why no agent could ever serve it — so a dead queue is flagged, not silent.
 */
@Injectable()
export class QueueService {
  constructor(
    private readonly tenants: TenantDatabase,
    private readonly audit: AuditService,
    private readonly dispatcher: RoutingDispatcher,
  ) {}

  /** A page of queues by name (of one client, or of all the caller's). */
  async list(principal: Principal, clientId: string | null, page: PageRequest): Promise<Page<QueueView>> {
    if (clientId !== null) checkedUuid(clientId, 'clientId');
    return await this.tenants.run(principal, async (m) => {
      // A client outside the caller's scope is not there (as on /clients/:id), rather than an empty list.
      if (clientId !== null && !(await m.query('SELECT 1 FROM clients WHERE id = $1', [clientId])).length) throw new NotFoundException('Client');
      const params: unknown[] = [];
      const filters: string[] = [];
      if (clientId) {
        params.push(clientId);
        filters.push('q.client_id = $1');
      }
      if (page.after) {
        params.push(page.after[0], page.after[1]);
        filters.push(`(q.name, q.id::text) > ($${params.length - 1}, $${params.length})`);
      }
      const rows = await m.query<QueueRow[]>(`SELECT ${QUEUE_COLUMNS} FROM queues q ${filters.length ? `WHERE ${filters.join(' AND ')}` : ''} ORDER BY q.name, q.id::text LIMIT ${page.limit + 1}`, params);
      const found = pageOf(rows, page.limit, (q) => [q.name, q.id], (q) => q);
      return { items: await withProblems(m, found.items), nextCursor: found.nextCursor };
    });
  }

  async create(principal: Principal, clientId: string, input: unknown): Promise<QueueView> {
    requireAdmin(principal);
    checkedUuid(clientId, 'clientId');
    const parsed = parseQueueSettings(input, null);
    if (!parsed.ok) throw new ValidationException(parsed.fields);
    const view = await this.tenants.run(principal, async (m) => {
      const [client] = await m.query('SELECT 1 FROM clients WHERE id = $1', [clientId]);
      if (!client) throw new NotFoundException('Client');
      await checkTeams(m, parsed.value);
      await assertNameFree(m, clientId, parsed.value.name, null);
      const [row] = await m.query<{ id: string }[]>(
        INSERT_QUEUE_SQL,
        [clientId, ...queueSettingsParams(parsed.value)],
      );
      await this.audit.record(m, { action: 'queue.created', actorUserId: principal.userId, clientId, targetType: 'queue', targetId: row.id, details: { settings: parsed.value } });
      return await this.one(m, row.id);
    });
    void this.dispatcher.request();
    return view;
  }

  async update(principal: Principal, queueId: string, input: unknown): Promise<QueueView> {
    requireAdmin(principal);
    checkedUuid(queueId, 'queueId');
    const view = await this.tenants.run(principal, async (m) => {
      const [current] = await m.query<QueueRow[]>(`SELECT ${QUEUE_COLUMNS} FROM queues q WHERE q.id = $1 FOR UPDATE`, [queueId]);
      if (!current) throw new NotFoundException('Queue');
      const parsed = parseQueueSettings(input, current);
      if (!parsed.ok) throw new ValidationException(parsed.fields);
      await checkTeams(m, parsed.value);
      await assertNameFree(m, current.clientId, parsed.value.name, queueId);
      await m.query(
        UPDATE_QUEUE_SQL,
        [queueId, ...queueSettingsParams(parsed.value)],
      );
      await this.audit.record(m, { action: 'queue.updated', actorUserId: principal.userId, clientId: current.clientId, targetType: 'queue', targetId: queueId, details: { changed: input as Record<string, unknown> } });
      return await this.one(m, queueId);
    });
    void this.dispatcher.request();
    return view;
  }

  /** Where an inbox's new tickets land now (admins, before they change it). */
  async inboxRouting(principal: Principal, inboxId: string): Promise<InboxRouting> {
    requireAdmin(principal);
    checkedUuid(inboxId, 'inboxId');
    return await this.tenants.run(principal, async (m) => {
      const [inbox] = await m.query<{ routing: InboxRouting }[]>('SELECT routing FROM inboxes WHERE id = $1', [inboxId]);
      if (!inbox) throw new NotFoundException('Inbox');
      return inbox.routing;
    });
  }

  async setInboxRouting(principal: Principal, inboxId: string, input: unknown): Promise<InboxRouting> {
    requireAdmin(principal);
    checkedUuid(inboxId, 'inboxId');
    return await this.tenants.run(principal, async (m) => {
      const [inbox] = await m.query<{ client_id: string }[]>('SELECT client_id FROM inboxes WHERE id = $1 FOR UPDATE', [inboxId]);
      if (!inbox) throw new NotFoundException('Inbox');
      const queueIds = new Set((await m.query<{ id: string }[]>('SELECT id FROM queues WHERE client_id = $1', [inbox.client_id])).map((q) => q.id));
      const parsed = parseInboxRouting(input, queueIds);
      if (!parsed.ok) throw new ValidationException(parsed.fields);
      await m.query('UPDATE inboxes SET routing = $2 WHERE id = $1', [inboxId, parsed.value]);
      await this.audit.record(m, { action: 'inbox.routing_updated', actorUserId: principal.userId, clientId: inbox.client_id, targetType: 'inbox', targetId: inboxId, details: { routing: parsed.value } });
      return parsed.value;
    });
  }

  private async one(m: EntityManager, queueId: string): Promise<QueueView> {
    const rows = await m.query<QueueRow[]>(`SELECT ${QUEUE_COLUMNS} FROM queues q WHERE q.id = $1`, [queueId]);
    const [view] = await withProblems(m, rows);
    return view;
  }
}

function requireAdmin(principal: Principal): void {
  if (principal.role !== 'admin') throw new ForbiddenException('Only admins change queues and routing rules.');
}


async function checkTeams(m: EntityManager, s: QueueSettings): Promise<void> {
  const wanted = [...new Set([...s.teamIds, ...s.overflow.flatMap((ring) => ring.teamIds ?? [])])];
  if (wanted.length === 0) return;
  const found = new Set((await m.query<{ id: string }[]>('SELECT id FROM teams WHERE id = ANY ($1)', [wanted])).map((t) => t.id));
  const missing = wanted.filter((id) => !found.has(id));
  if (missing.length > 0) throw new ValidationException(missing.map((id) => ({ field: 'teamIds', message: `team ${id} does not exist` })));
}

async function assertNameFree(m: EntityManager, clientId: string, name: string, exceptId: string | null): Promise<void> {
  const [clash] = await m.query('SELECT 1 FROM queues WHERE client_id = $1 AND lower(name) = lower($2) AND id IS DISTINCT FROM $3', [clientId, name, exceptId]);
  if (clash) throw new ValidationException([{ field: 'name', message: 'another queue of this client has this name' }]);
}

/** Adds to each queue why no agent could ever serve it (empty when someone can). */
async function withProblems(m: EntityManager, rows: QueueRow[]): Promise<QueueView[]> {
  if (rows.length === 0) return [];
  const agents = await m.query<(StaffedAgent & { id: string })[]>(
    `SELECT ap.user_id AS id, ap.languages, ap.capacity,
            coalesce((SELECT array_agg(sc.client_id) FROM staff_clients sc WHERE sc.user_id = ap.user_id), '{}') AS "clientIds",
            coalesce((SELECT array_agg(tm.team_id) FROM team_members tm WHERE tm.user_id = ap.user_id), '{}') AS "teamIds",
            coalesce((SELECT jsonb_object_agg(s.key, ask.proficiency) FROM agent_skills ask JOIN skills s ON s.id = ask.skill_id WHERE ask.user_id = ap.user_id), '{}') AS skills
       FROM agent_profiles ap JOIN users u ON u.id = ap.user_id AND u.disabled_at IS NULL AND u.role IN ('agent', 'team_lead')
      WHERE EXISTS (SELECT 1 FROM staff_clients sc WHERE sc.user_id = ap.user_id AND sc.client_id = ANY ($1))`,
    [[...new Set(rows.map((r) => r.clientId))]],
  );
  return rows.map((row) => ({
    ...row,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    problems: queueProblems(row, row.clientId, agents),
  }));
}
