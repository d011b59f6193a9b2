import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { AuditService } from '@switchboard/api-audit';
import { TenantDatabase } from '@switchboard/api-database';
import { hashPassword, SessionEndedEvent } from '@switchboard/api-identity';
import { checkedUuid, ForbiddenException, NotFoundException, pageOf, ValidationException, type PageRequest, type Principal } from '@switchboard/api-platform';
import { DEFAULT_CAPACITY, type AgentDirectoryView, type Page, type SkillView, type TeamView } from '@switchboard/shared-contracts';
import { parseAgentRequest, parseSkillRequest, parseTeamRequest, type AgentSettings } from '@switchboard/shared-domain';
import type { EntityManager } from 'typeorm';
import { AgentDirectoryChangedEvent } from './agent-directory-changed.event';
import type { AgentStatusChangedEvent } from './agent-status-changed.event';
import { likeEscaped, requireAdmin, unique } from './directory-write.util';
import { PresenceService } from './presence.service';

const AGENT_COLUMNS = `u.id, u.email, u.display_name AS "displayName", u.role, u.disabled_at IS NOT NULL AS disabled, u.created_at AS "createdAt",
  coalesce(ap.time_zone, 'UTC') AS "timeZone", coalesce(ap.languages, '{}') AS languages, coalesce(ap.capacity, '${JSON.stringify(DEFAULT_CAPACITY)}'::jsonb) AS capacity,
  coalesce(ap.shift_schedule, '{}'::jsonb) AS "shiftSchedule",
  coalesce((SELECT array_agg(sc.client_id ORDER BY sc.client_id) FROM staff_clients sc WHERE sc.user_id = u.id), '{}') AS "clientIds",
  coalesce((SELECT json_agg(json_build_object('skillId', s.id, 'key', s.key, 'name', s.name, 'proficiency', ask.proficiency) ORDER BY s.name)
              FROM agent_skills ask JOIN skills s ON s.id = ask.skill_id WHERE ask.user_id = u.id), '[]') AS skills,
  (SELECT tm.team_id FROM team_members tm WHERE tm.user_id = u.id ORDER BY tm.membership DESC LIMIT 1) AS "teamId",
  (SELECT t.name FROM team_members tm JOIN teams t ON t.id = tm.team_id WHERE tm.user_id = u.id ORDER BY tm.membership DESC LIMIT 1) AS "teamName"`;
/** Team leads may have no agent profile yet (they take no work until they do): they are listed with the defaults, and saving one gives them a profile. */
const AGENT_FROM = `users u LEFT JOIN agent_profiles ap ON ap.user_id = u.id WHERE u.client_id IS NULL AND u.role IN ('agent', 'team_lead')`;
type AgentRow = Omit<AgentDirectoryView, 'createdAt'> & { createdAt: Date };

/** A team with its (active) members, leads and the clients those members serve or cover. */
const TEAM_COLUMNS = `t.id, t.name, t.time_zone AS "timeZone",
  (SELECT count(*)::int FROM team_members tm JOIN users u ON u.id = tm.user_id AND u.disabled_at IS NULL WHERE tm.team_id = t.id) AS "memberCount",
  coalesce((SELECT array_agg(u.display_name ORDER BY u.display_name) FROM team_members tm JOIN users u ON u.id = tm.user_id AND u.disabled_at IS NULL WHERE tm.team_id = t.id AND tm.membership = 'lead'), '{}') AS "leadNames",
  coalesce((SELECT array_agg(DISTINCT sc.client_id) FROM team_members tm JOIN users u ON u.id = tm.user_id AND u.disabled_at IS NULL JOIN staff_clients sc ON sc.user_id = tm.user_id WHERE tm.team_id = t.id), '{}') AS "clientIds"`;

const SKILL_COLUMNS = `s.id, s.key, s.name,
  (SELECT count(*)::int FROM agent_skills ask JOIN users u ON u.id = ask.user_id AND u.disabled_at IS NULL WHERE ask.skill_id = s.id) AS "agentCount"`;

export interface AgentFilter {
  q: string | null;
  clientId: string | null;
  /** Only the team's members and leads. */
  teamId?: string | null;
  includeDisabled: boolean;
}

/**
 * The provider's workforce as admins manage it: the skills catalogue, teams, and agents and team
 * leads with whom they serve, their skills, languages, capacity and shift. Admins only write (the
 * controller, this service and the write policies say so); every change is audited in its
 * transaction. Routing reads the agent's new facts on its next round (triggers bump the agent's
 * routing version), and a round is asked for at once; disabling also ends every session.
 */
@Injectable()
export class AgentDirectoryService {
  constructor(
    private readonly tenants: TenantDatabase,
    private readonly audit: AuditService,
    private readonly presence: PresenceService,
    private readonly events: EventEmitter2,
  ) {}

  // ---- skills ----

  listSkills(principal: Principal, page: PageRequest, q: string | null): Promise<Page<SkillView>> {
    requireLeadOrAdmin(principal);
    return this.tenants.run(principal, async (m) => {
      const params: unknown[] = [];
      const filters: string[] = [];
      if (q) {
        params.push(`%${likeEscaped(q)}%`);
        filters.push(`(s.key ILIKE $1 OR s.name ILIKE $1)`);
      }
      if (page.after) {
        params.push(page.after[0]);
        filters.push(`s.key > $${params.length}`);
      }
      const rows = await m.query<SkillView[]>(`SELECT ${SKILL_COLUMNS} FROM skills s ${filters.length ? `WHERE ${filters.join(' AND ')}` : ''} ORDER BY s.key LIMIT ${page.limit + 1}`, params);
      return pageOf(rows, page.limit, (s) => [s.key], (s) => s);
    });
  }

  async createSkill(principal: Principal, input: unknown): Promise<SkillView> {
    requireAdmin(principal);
    const parsed = parseSkillRequest(input, false);
    if (!parsed.ok) throw new ValidationException(parsed.fields);
    return await this.tenants.run(principal, async (m) => {
      const [row] = await unique('key', 'is already a skill', () => m.query<{ id: string }[]>('INSERT INTO skills (key, name) VALUES ($1, $2) RETURNING id', [parsed.value.key, parsed.value.name]));
      await this.audit.record(m, { action: 'skill.created', actorUserId: principal.userId, clientId: null, targetType: 'skill', targetId: row.id, details: parsed.value });
      return await oneSkill(m, row.id);
    });
  }

  async updateSkill(principal: Principal, skillId: string, input: unknown): Promise<SkillView> {
    requireAdmin(principal);
    checkedUuid(skillId, 'skillId');
    const parsed = parseSkillRequest(input, true);
    if (!parsed.ok) throw new ValidationException(parsed.fields);
    return await this.tenants.run(principal, async (m) => {
      const [[row]] = await m.query<[{ id: string; key: string }[], number]>('UPDATE skills SET name = $2 WHERE id = $1 RETURNING id, key', [skillId, parsed.value.name]);
      if (!row) throw new NotFoundException('Skill');
      await this.audit.record(m, { action: 'skill.updated', actorUserId: principal.userId, clientId: null, targetType: 'skill', targetId: skillId, details: { key: row.key, name: parsed.value.name } });
      return await oneSkill(m, skillId);
    });
  }

  /** Only a skill no agent holds and no queue asks for: otherwise routing would change under everyone's feet. */
  async deleteSkill(principal: Principal, skillId: string): Promise<void> {
    requireAdmin(principal);
    checkedUuid(skillId, 'skillId');
    await this.tenants.run(principal, async (m) => {
      const [skill] = await m.query<{ key: string }[]>('SELECT key FROM skills WHERE id = $1 FOR UPDATE', [skillId]);
      if (!skill) throw new NotFoundException('Skill');
      const [held] = await m.query<{ n: number }[]>('SELECT count(*)::int AS n FROM agent_skills WHERE skill_id = $1', [skillId]);
      if (held.n > 0) throw new ValidationException([{ field: 'skillId', message: `is held by ${held.n} agent(s): take it from them first` }]);
      // Admins see every client, so this counts every queue.
      const [asked] = await m.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM queues q WHERE EXISTS (SELECT 1 FROM jsonb_array_elements(q.required_skills || q.secondary_skills) r WHERE r->>'skill' = $1)`,
        [skill.key],
      );
      if (asked.n > 0) throw new ValidationException([{ field: 'skillId', message: `is asked for by ${asked.n} queue(s): change them first` }]);
      await m.query('DELETE FROM skills WHERE id = $1', [skillId]);
      await this.audit.record(m, { action: 'skill.deleted', actorUserId: principal.userId, clientId: null, targetType: 'skill', targetId: skillId, details: { key: skill.key } });
    });
  }

  listTeams(principal: Principal, page: PageRequest): Promise<Page<TeamView>> {
    requireLeadOrAdmin(principal);
    return this.tenants.run(principal, async (m) => {
      const params = page.after ? [page.after[0], page.after[1]] : [];
      const rows = await m.query<TeamView[]>(`SELECT ${TEAM_COLUMNS} FROM teams t ${page.after ? 'WHERE (t.name, t.id::text) > ($1, $2)' : ''} ORDER BY t.name, t.id::text LIMIT ${page.limit + 1}`, params);
      return pageOf(rows, page.limit, (t) => [t.name, t.id], (t) => t);
    });
  }

  /** A new team (a unique name, a time zone); members join it on their agent record. */
  async createTeam(principal: Principal, input: unknown): Promise<TeamView> {
    requireAdmin(principal);
    const parsed = parseTeamRequest(input, null);
    if (!parsed.ok) throw new ValidationException(parsed.fields);
    return await this.tenants.run(principal, async (m) => {
      const [row] = await unique('name', 'is already the name of a team', () => m.query<{ id: string }[]>('INSERT INTO teams (name, time_zone) VALUES ($1, $2) RETURNING id', [parsed.value.name, parsed.value.timeZone]));
      await this.audit.record(m, { action: 'team.created', actorUserId: principal.userId, clientId: null, targetType: 'team', targetId: row.id, details: { ...parsed.value } });
      return await oneTeam(m, row.id);
    });
  }

  /** Renames a team or moves its time zone; only what is given changes. */
  async updateTeam(principal: Principal, teamId: string, input: unknown): Promise<TeamView> {
    requireAdmin(principal);
    checkedUuid(teamId, 'teamId');
    return await this.tenants.run(principal, async (m) => {
      const [current] = await m.query<{ name: string; timeZone: string }[]>('SELECT name, time_zone AS "timeZone" FROM teams WHERE id = $1 FOR UPDATE', [teamId]);
      if (!current) throw new NotFoundException('Team');
      const parsed = parseTeamRequest(input, current);
      if (!parsed.ok) throw new ValidationException(parsed.fields);
      await unique('name', 'is already the name of a team', () => m.query('UPDATE teams SET name = $2, time_zone = $3 WHERE id = $1', [teamId, parsed.value.name, parsed.value.timeZone]));
      await this.audit.record(m, { action: 'team.updated', actorUserId: principal.userId, clientId: null, targetType: 'team', targetId: teamId, details: { before: current, after: parsed.value } });
      return await oneTeam(m, teamId);
    });
  }

  // ---- agents ----

  /** A page of agents and leads by name; `q` searches name and email, `clientId` keeps those serving it. Disabled ones only when asked for. */
  listAgents(principal: Principal, page: PageRequest, filter: AgentFilter): Promise<Page<AgentDirectoryView>> {
    requireAdmin(principal);
    if (filter.clientId) checkedUuid(filter.clientId, 'clientId');
    if (filter.teamId) checkedUuid(filter.teamId, 'teamId');
    return this.tenants.run(principal, async (m) => {
      const params: unknown[] = [];
      const filters: string[] = [];
      if (!filter.includeDisabled) filters.push('u.disabled_at IS NULL');
      if (filter.q) {
        params.push(`%${likeEscaped(filter.q)}%`);
        filters.push(`(u.display_name ILIKE $${params.length} OR u.email ILIKE $${params.length})`);
      }
      if (filter.clientId) {
        params.push(filter.clientId);
        filters.push(`EXISTS (SELECT 1 FROM staff_clients sc WHERE sc.user_id = u.id AND sc.client_id = $${params.length})`);
      }
      if (filter.teamId) {
        params.push(filter.teamId);
        filters.push(`EXISTS (SELECT 1 FROM team_members tm WHERE tm.user_id = u.id AND tm.team_id = $${params.length})`);
      }
      if (page.after) {
        params.push(page.after[0], page.after[1]);
        filters.push(`(u.display_name, u.id::text) > ($${params.length - 1}, $${params.length})`);
      }
      const rows = await m.query<AgentRow[]>(`SELECT ${AGENT_COLUMNS} FROM ${AGENT_FROM}${filters.map((f) => ` AND ${f}`).join('')} ORDER BY u.display_name, u.id::text LIMIT ${page.limit + 1}`, params);
      return pageOf(rows, page.limit, (a) => [a.displayName, a.id], agentView);
    });
  }

  async getAgent(principal: Principal, userId: string): Promise<AgentDirectoryView> {
    requireAdmin(principal);
    checkedUuid(userId, 'userId');
    return await this.tenants.run(principal, async (m) => agentView(await oneAgent(m, userId)));
  }

  async createAgent(principal: Principal, input: unknown): Promise<AgentDirectoryView> {
    requireAdmin(principal);
    const parsed = parseAgentRequest(input, null);
    if (!parsed.ok) throw new ValidationException(parsed.fields);
    const a = parsed.value;
    const passwordHash = await hashPassword(a.password!);
    const view = await this.tenants.run(principal, async (m) => {
      await checkLinks(m, principal, a);
      const [user] = await unique('email', 'is already the email of another user', () =>
        m.query<{ id: string }[]>(`INSERT INTO users (email, display_name, role, password_hash) VALUES ($1, $2, $3, $4) RETURNING id`, [a.email, a.displayName, a.role, passwordHash]),
      );
      await m.query('INSERT INTO agent_profiles (user_id, time_zone, languages, capacity, shift_schedule) VALUES ($1, $2, $3, $4, $5)', [user.id, a.timeZone, a.languages, a.capacity, a.shiftSchedule]);
      await m.query(`INSERT INTO agent_state_history (user_id, state, started_at, changed_by) SELECT user_id, state, state_since, $2 FROM agent_profiles WHERE user_id = $1`, [user.id, principal.userId]);
      await writeLinks(m, user.id, a, null);
      await this.audit.record(m, { action: 'agent.created', actorUserId: principal.userId, clientId: null, targetType: 'user', targetId: user.id, details: auditDetails(a) });
      return agentView(await oneAgent(m, user.id));
    });
    this.events.emit(AgentDirectoryChangedEvent.eventName, new AgentDirectoryChangedEvent(view.id, [], false));
    return view;
  }

  async updateAgent(principal: Principal, userId: string, input: unknown): Promise<AgentDirectoryView> {
    requireAdmin(principal);
    checkedUuid(userId, 'userId');
    const { view, removed, disabledNow, sessions, status } = await this.tenants.run(principal, async (m) => {
      await m.query('SELECT 1 FROM users WHERE id = $1 FOR UPDATE', [userId]);
      const current = agentView(await oneAgent(m, userId));
      const parsed = parseAgentRequest(input, { ...current, skills: current.skills.map(({ skillId, proficiency }) => ({ skillId, proficiency })) });
      if (!parsed.ok) throw new ValidationException(parsed.fields);
      const a = parsed.value;
      await checkLinks(m, principal, a);
      const passwordHash = a.password ? await hashPassword(a.password) : null;
      await unique('email', 'is already the email of another user', () =>
        m.query(
          `UPDATE users SET email = $2, display_name = $3, role = $4, password_hash = coalesce($5, password_hash),
                  disabled_at = CASE WHEN $6 THEN coalesce(disabled_at, now()) ELSE NULL END, updated_at = now() WHERE id = $1`,
          [userId, a.email, a.displayName, a.role, passwordHash, a.disabled],
        ),
      );
      // An INSERT … RETURNING answers its rows (an UPDATE … RETURNING answers [rows, count]).
      const [profile] = await m.query<{ inserted: boolean }[]>(
        `INSERT INTO agent_profiles (user_id, time_zone, languages, capacity, shift_schedule) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (user_id) DO UPDATE SET time_zone = EXCLUDED.time_zone, languages = EXCLUDED.languages, capacity = EXCLUDED.capacity, shift_schedule = EXCLUDED.shift_schedule
         RETURNING (xmax = 0) AS inserted`,
        [userId, a.timeZone, a.languages, a.capacity, a.shiftSchedule],
      );
      if (profile.inserted) await m.query(`INSERT INTO agent_state_history (user_id, state, started_at, changed_by) SELECT user_id, state, state_since, $2 FROM agent_profiles WHERE user_id = $1`, [userId, principal.userId]);
      await writeLinks(m, userId, a, current);
      const removed = current.clientIds.filter((id) => !a.clientIds.includes(id));
      const disabledNow = a.disabled && !current.disabled;
      // A new password or a disabled account ends every session: whoever holds a token must sign in again.
      let sessions: string[] = [];
      if (disabledNow || a.password) {
        const [rows] = await m.query<[{ id: string }[], number]>(
          `UPDATE auth_sessions SET revoked_at = now(), revoked_reason = $2 WHERE user_id = $1 AND revoked_at IS NULL RETURNING id`,
          [userId, disabledNow ? 'user_disabled' : 'password_reset'],
        );
        sessions = rows.map((r) => r.id);
      }
      const status: AgentStatusChangedEvent | null = disabledNow ? await this.presence.setOfflineIn(m, userId, principal.userId) : null;
      const details: Record<string, unknown> = { changed: auditDetails(a, input), removedClientIds: removed, sessionsEnded: sessions.length };
      await this.audit.record(m, { action: disabledNow ? 'agent.disabled' : a.disabled !== current.disabled ? 'agent.enabled' : 'agent.updated', actorUserId: principal.userId, clientId: null, targetType: 'user', targetId: userId, details });
      return { view: agentView(await oneAgent(m, userId)), removed, disabledNow, sessions, status };
    });
    if (status) this.presence.publishChange(status);
    for (const sessionId of sessions) this.events.emit(SessionEndedEvent.eventName, new SessionEndedEvent(sessionId, userId, disabledNow ? 'user_disabled' : 'password_reset'));
    // Awaited: when the admin hears back, the tickets the agent may no longer hold are waiting again.
    await this.events.emitAsync(AgentDirectoryChangedEvent.eventName, new AgentDirectoryChangedEvent(userId, removed, disabledNow));
    return view;
  }
}


function requireLeadOrAdmin(principal: Principal): void {
  if (principal.role !== 'admin' && principal.role !== 'team_lead') throw new ForbiddenException('Skills and teams are listed for leads and admins.');
}

/** The clients, skills and team named must exist (clients: among the admin's). Nothing is written before this passes. */
async function checkLinks(m: EntityManager, principal: Principal, a: AgentSettings): Promise<void> {
  const fields: { field: string; message: string }[] = [];
  const known = new Set((await m.query<{ id: string }[]>('SELECT id FROM clients WHERE id = ANY ($1)', [a.clientIds])).map((c) => c.id));
  a.clientIds.forEach((id, i) => {
    if (!known.has(id) || !principal.clientIds.includes(id)) fields.push({ field: `clientIds.${i}`, message: 'is not a client' });
  });
  const skills = new Set((await m.query<{ id: string }[]>('SELECT id FROM skills WHERE id = ANY ($1)', [a.skills.map((s) => s.skillId)])).map((s) => s.id));
  a.skills.forEach((s, i) => {
    if (!skills.has(s.skillId)) fields.push({ field: `skills.${i}.skillId`, message: 'is not a skill of the catalogue' });
  });
  if (a.teamId) {
    const [team] = await m.query('SELECT 1 FROM teams WHERE id = $1', [a.teamId]);
    if (!team) fields.push({ field: 'teamId', message: 'is not a team' });
  }
  if (fields.length) throw new ValidationException(fields);
}

/** Clients, skills and team as asked; only the differences are written (each row change bumps the agent's routing version). */
async function writeLinks(m: EntityManager, userId: string, a: AgentSettings, current: AgentDirectoryView | null): Promise<void> {
  const removed = (current?.clientIds ?? []).filter((id) => !a.clientIds.includes(id));
  const added = a.clientIds.filter((id) => !(current?.clientIds ?? []).includes(id));
  if (removed.length) await m.query('DELETE FROM staff_clients WHERE user_id = $1 AND client_id = ANY ($2)', [userId, removed]);
  if (added.length) await m.query('INSERT INTO staff_clients (user_id, client_id) SELECT $1, unnest($2::uuid[])', [userId, added]);

  const before = new Map((current?.skills ?? []).map((s) => [s.skillId, s.proficiency]));
  const after = new Map(a.skills.map((s) => [s.skillId, s.proficiency]));
  const dropped = [...before.keys()].filter((id) => !after.has(id));
  if (dropped.length) await m.query('DELETE FROM agent_skills WHERE user_id = $1 AND skill_id = ANY ($2)', [userId, dropped]);
  const changed = a.skills.filter((s) => before.get(s.skillId) !== s.proficiency);
  if (changed.length) {
    await m.query(
      `INSERT INTO agent_skills (user_id, skill_id, proficiency) SELECT $1, g.skill_id, g.proficiency FROM jsonb_to_recordset($2) AS g(skill_id uuid, proficiency smallint)
       ON CONFLICT (user_id, skill_id) DO UPDATE SET proficiency = EXCLUDED.proficiency`,
      [userId, JSON.stringify(changed.map((s) => ({ skill_id: s.skillId, proficiency: s.proficiency })))],
    );
  }

  const membership = a.role === 'team_lead' ? 'lead' : 'member';
  if (!current || current.teamId !== a.teamId || current.role !== a.role) {
    await m.query('DELETE FROM team_members WHERE user_id = $1', [userId]);
    if (a.teamId) await m.query('INSERT INTO team_members (team_id, user_id, membership) VALUES ($1, $2, $3)', [a.teamId, userId, membership]);
  }
}

async function oneAgent(m: EntityManager, userId: string): Promise<AgentRow> {
  const [row] = await m.query<AgentRow[]>(`SELECT ${AGENT_COLUMNS} FROM ${AGENT_FROM} AND u.id = $1`, [userId]);
  if (!row) throw new NotFoundException('Agent');
  return row;
}

async function oneTeam(m: EntityManager, teamId: string): Promise<TeamView> {
  const [row] = await m.query<TeamView[]>(`SELECT ${TEAM_COLUMNS} FROM teams t WHERE t.id = $1`, [teamId]);
  return row;
}

async function oneSkill(m: EntityManager, skillId: string): Promise<SkillView> {
  const [row] = await m.query<SkillView[]>(`SELECT ${SKILL_COLUMNS} FROM skills s WHERE s.id = $1`, [skillId]);
  return row;
}

function agentView(row: AgentRow): AgentDirectoryView {
  return { ...row, createdAt: new Date(row.createdAt).toISOString() };
}

/** What the audit log keeps of an agent change: never the password. */
function auditDetails(a: AgentSettings, input?: unknown): Record<string, unknown> {
  const { password, ...rest } = a;
  if (input && typeof input === 'object') {
    const given = Object.keys(input as object);
    return { ...Object.fromEntries(Object.entries(rest).filter(([key]) => given.includes(key))), ...(password ? { passwordChanged: true } : {}) };
  }
  return rest;
}


