import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { AuditService } from '@switchboard/api-audit';
import { TenantDatabase } from '@switchboard/api-database';
import { hashPassword, SessionEndedEvent } from '@switchboard/api-identity';
import { checkedUuid, NotFoundException, pageOf, ValidationException, type PageRequest, type Principal } from '@switchboard/api-platform';
import type { AccountRole, Page, StaffAccountView } from '@switchboard/shared-contracts';
import { parseAccountChange, parseAccountRequest } from '@switchboard/shared-domain';
import type { EntityManager } from 'typeorm';
import { AgentDirectoryChangedEvent } from './agent-directory-changed.event';
import type { AgentStatusChangedEvent } from './agent-status-changed.event';
import { likeEscaped, requireAdmin, unique } from './directory-write.util';
import { PresenceService } from './presence.service';

const ACCOUNT_COLUMNS = `u.id, u.email, u.display_name AS "displayName", u.role, u.disabled_at IS NOT NULL AS disabled, u.created_at AS "createdAt",
  (SELECT t.name FROM team_members tm JOIN teams t ON t.id = tm.team_id WHERE tm.user_id = u.id ORDER BY tm.membership DESC, t.name LIMIT 1) AS "teamName"`;
const ACCOUNT_FROM = `users u WHERE u.client_id IS NULL AND u.role IN ('team_lead', 'admin')`;
type AccountRow = Omit<StaffAccountView, 'createdAt'> & { createdAt: Date };

export interface AccountFilter {
  q: string | null;
  role: AccountRole | null;
  includeDisabled: boolean;
}

/**
 * The provider's accounts that run the floor rather than take work: team leads and admins. Admins
 * list, create and deactivate them (audited in the same transaction); deactivating ends every session
 * at once. An admin cannot deactivate themself, so the provider is never left without one by accident.
 */
@Injectable()
export class StaffAccountService {
  constructor(
    private readonly tenants: TenantDatabase,
    private readonly audit: AuditService,
    private readonly presence: PresenceService,
    private readonly events: EventEmitter2,
  ) {}

  /** A page by name; `q` searches name and email, `role` keeps one role; deactivated ones only when asked for. */
  list(principal: Principal, page: PageRequest, filter: AccountFilter): Promise<Page<StaffAccountView>> {
    requireAdmin(principal);
    return this.tenants.run(principal, async (m) => {
      const params: unknown[] = [];
      const filters: string[] = [];
      if (!filter.includeDisabled) filters.push('u.disabled_at IS NULL');
      if (filter.role) {
        params.push(filter.role);
        filters.push(`u.role = $${params.length}`);
      }
      if (filter.q) {
        params.push(`%${likeEscaped(filter.q)}%`);
        filters.push(`(u.display_name ILIKE $${params.length} OR u.email ILIKE $${params.length})`);
      }
      if (page.after) {
        params.push(page.after[0], page.after[1]);
        filters.push(`(u.display_name, u.id::text) > ($${params.length - 1}, $${params.length})`);
      }
      const rows = await m.query<AccountRow[]>(`SELECT ${ACCOUNT_COLUMNS} FROM ${ACCOUNT_FROM}${filters.map((f) => ` AND ${f}`).join('')} ORDER BY u.display_name, u.id::text LIMIT ${page.limit + 1}`, params);
      return pageOf(rows, page.limit, (a) => [a.displayName, a.id], accountView);
    });
  }

  async create(principal: Principal, input: unknown): Promise<StaffAccountView> {
    requireAdmin(principal);
    const parsed = parseAccountRequest(input);
    if (!parsed.ok) throw new ValidationException(parsed.fields);
    const a = parsed.value;
    const passwordHash = await hashPassword(a.password);
    return await this.tenants.run(principal, async (m) => {
      const [user] = await unique('email', 'is already the email of another user', () =>
        m.query<{ id: string }[]>(`INSERT INTO users (email, display_name, role, password_hash) VALUES ($1, $2, $3, $4) RETURNING id`, [a.email, a.displayName, a.role, passwordHash]),
      );
      await this.audit.record(m, { action: 'account.created', actorUserId: principal.userId, clientId: null, targetType: 'user', targetId: user.id, details: { email: a.email, displayName: a.displayName, role: a.role } });
      return accountView(await oneAccount(m, user.id));
    });
  }

  /** A new name, or deactivated (sessions end, a lead goes offline, their tickets are routed again) or active again. */
  async update(principal: Principal, userId: string, input: unknown): Promise<StaffAccountView> {
    requireAdmin(principal);
    checkedUuid(userId, 'userId');
    const parsed = parseAccountChange(input);
    if (!parsed.ok) throw new ValidationException(parsed.fields);
    const change = parsed.value;
    if (change.disabled && userId === principal.userId) throw new ValidationException([{ field: 'disabled', message: 'cannot be set on your own account: another admin must deactivate it' }]);
    const { view, disabledNow, sessions, status } = await this.tenants.run(principal, async (m) => {
      await m.query('SELECT 1 FROM users WHERE id = $1 FOR UPDATE', [userId]);
      const current = await oneAccount(m, userId);
      const disabled = change.disabled ?? current.disabled;
      const disabledNow = disabled && !current.disabled;
      await m.query(`UPDATE users SET display_name = $2, disabled_at = CASE WHEN $3 THEN coalesce(disabled_at, now()) ELSE NULL END, updated_at = now() WHERE id = $1`, [
        userId,
        change.displayName ?? current.displayName,
        disabled,
      ]);
      let sessions: string[] = [];
      let status: AgentStatusChangedEvent | null = null;
      if (disabledNow) {
        const [rows] = await m.query<[{ id: string }[], number]>(`UPDATE auth_sessions SET revoked_at = now(), revoked_reason = 'user_disabled' WHERE user_id = $1 AND revoked_at IS NULL RETURNING id`, [userId]);
        sessions = rows.map((r) => r.id);
        const [profile] = await m.query('SELECT 1 FROM agent_profiles WHERE user_id = $1', [userId]);
        if (profile) status = await this.presence.setOfflineIn(m, userId, principal.userId);
      }
      const action = disabledNow ? 'account.disabled' : disabled !== current.disabled ? 'account.enabled' : 'account.updated';
      await this.audit.record(m, { action, actorUserId: principal.userId, clientId: null, targetType: 'user', targetId: userId, details: { changed: change, sessionsEnded: sessions.length } });
      return { view: accountView(await oneAccount(m, userId)), disabledNow, sessions, status };
    });
    if (status) this.presence.publishChange(status);
    for (const sessionId of sessions) this.events.emit(SessionEndedEvent.eventName, new SessionEndedEvent(sessionId, userId, 'user_disabled'));
    if (disabledNow) await this.events.emitAsync(AgentDirectoryChangedEvent.eventName, new AgentDirectoryChangedEvent(userId, [], true));
    return view;
  }
}

async function oneAccount(m: EntityManager, userId: string): Promise<AccountRow> {
  const [row] = await m.query<AccountRow[]>(`SELECT ${ACCOUNT_COLUMNS} FROM ${ACCOUNT_FROM} AND u.id = $1`, [userId]);
  if (!row) throw new NotFoundException('Account');
  return row;
}

function accountView(row: AccountRow): StaffAccountView {
  return { ...row, createdAt: new Date(row.createdAt).toISOString() };
}
