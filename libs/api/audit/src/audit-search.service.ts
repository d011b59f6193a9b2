import { Injectable } from '@nestjs/common';
import { TenantDatabase } from '@switchboard/api-database';
import { checkedUuid, NotFoundException, pageOf, pageRequestOf, ValidationException, type Principal } from '@switchboard/api-platform';
import type { AuditEntryView, Page } from '@switchboard/shared-contracts';

export interface AuditQuery {
  clientId?: unknown;
  action?: unknown;
  actorId?: unknown;
  targetId?: unknown;
  from?: unknown;
  to?: unknown;
  limit?: unknown;
  after?: unknown;
}

interface AuditRow {
  id: string;
  at: Date;
  action: string;
  actor_user_id: string | null;
  client_id: string | null;
  target_type: string | null;
  target_id: string | null;
  details: Record<string, unknown>;
}

const ACTION = /^[a-z_]+(\.[a-z_]+)*\.?\*?$/;

/**
 * Audit search, newest first, a page at a time. What a caller can read is what row-level security
 * lets them read: admins every entry, a client admin the entries of their client (who signed in,
 * read, revealed or exported what of it). Filters: client, action (`auth.login`, or a prefix such
 * as `pii.*`), actor, target, time range.
 */
@Injectable()
export class AuditSearchService {
  constructor(private readonly tenants: TenantDatabase) {}

  async search(principal: Principal, query: AuditQuery): Promise<Page<AuditEntryView>> {
    const page = pageRequestOf(query.limit, query.after, ['string'], 50);
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (query.clientId !== undefined) add('a.client_id = ?', checkedUuid(String(query.clientId), 'clientId'));
    if (query.actorId !== undefined) add('a.actor_user_id = ?', checkedUuid(String(query.actorId), 'actorId'));
    if (query.targetId !== undefined) {
      if (typeof query.targetId !== 'string' || query.targetId.length > 100) throw new ValidationException([{ field: 'targetId', message: 'must be text of at most 100 characters' }]);
      add('a.target_id = ?', query.targetId);
    }
    if (query.action !== undefined) {
      if (typeof query.action !== 'string' || query.action.length > 80 || !ACTION.test(query.action)) throw new ValidationException([{ field: 'action', message: 'must be an action such as auth.login, or a prefix such as pii.*' }]);
      if (query.action.endsWith('*')) add("a.action LIKE ? ESCAPE '\\'", `${query.action.slice(0, -1).replace(/_/g, '\\_')}%`);
      else add('a.action = ?', query.action);
    }
    for (const [key, op] of [['from', '>='], ['to', '<']] as const) {
      const value = query[key];
      if (value === undefined) continue;
      const at = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(value) ? new Date(value) : null;
      if (!at || Number.isNaN(at.getTime())) throw new ValidationException([{ field: key, message: 'must be an ISO 8601 date or time' }]);
      add(`a.at ${op} ?`, at);
    }
    if (page.after) add('a.id < ?', page.after[0]);
    return await this.tenants.run(principal, async (m) => {
      if (query.clientId !== undefined && !(await m.query('SELECT 1 FROM clients WHERE id = $1', [params[0]])).length) {
        throw new NotFoundException('Client');
      }
      params.push(page.limit + 1);
      const rows = await m.query<AuditRow[]>(
        `SELECT a.id::text AS id, a.at, a.action, a.actor_user_id, a.client_id, a.target_type, a.target_id, a.details
           FROM audit_log a ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY a.id DESC LIMIT $${params.length}`,
        params,
      );
      const actors = new Map(
        (await m.query<{ user_id: string; display_name: string; role: string }[]>('SELECT * FROM audit_actors($1)', [rows.map((r) => r.id)])).map((a) => [a.user_id, a]),
      );
      return pageOf(
        rows,
        page.limit,
        (row) => [row.id],
        (row): AuditEntryView => {
          const actor = row.actor_user_id ? actors.get(row.actor_user_id) : undefined;
          return {
            id: row.id,
            at: row.at.toISOString(),
            action: row.action,
            actor: actor ? { id: actor.user_id, displayName: actor.display_name, role: actor.role } : null,
            clientId: row.client_id,
            targetType: row.target_type,
            targetId: row.target_id,
            details: row.details,
          };
        },
      );
    });
  }
}
