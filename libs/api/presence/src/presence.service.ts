import { Inject, Injectable, type OnApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { TenantDatabase } from '@switchboard/api-database';
import { APP_CONFIG, NotFoundException, ROOT_LOGGER, SYSTEM_SCOPE, ValidationException, pageOf, type AppConfig, type PageRequest, type Principal, type TenantScope } from '@switchboard/api-platform';
import { checkPresenceRequest, isPresenceChange, isWithinSchedule, type PresenceChange } from '@switchboard/shared-domain';
import { AgentState, SystemReason, type AgentPresence, type AgentProfileView, type BoardAgent, type Page, type Role, type SkillLevel } from '@switchboard/shared-contracts';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { AgentProfileEntity } from './agent-profile.entity';
import { agentsLedBy } from './agents-led.util';
import { AgentStatusChangedEvent } from './agent-status-changed.event';

interface BoardRow {
  user_id: string;
  display_name: string;
  email: string;
  team_id: string | null;
  team_name: string | null;
  time_zone: string;
  state: AgentState;
  state_reason: AgentPresence['reason'];
  state_since: Date;
  shift_schedule: AgentProfileEntity['shiftSchedule'];
  connected: boolean;
  client_ids: string[];
  languages: string[];
  skills: SkillLevel[] | null;
  capacity: Record<string, number>;
}

const CONNECTED_SQL = '(last_connected_at IS NOT NULL AND disconnected_at IS NULL)';

const AGENT_ROWS_SQL = `
  SELECT ap.user_id, u.display_name, u.email, t.id AS team_id, t.name AS team_name, coalesce(t.name, '') AS team_key, ap.time_zone, ap.state, ap.state_reason,
         ap.state_since, ap.shift_schedule, ap.languages, ap.capacity,
         ${CONNECTED_SQL} AS connected,
         coalesce((SELECT array_agg(sc.client_id) FROM staff_clients sc WHERE sc.user_id = ap.user_id), '{}') AS client_ids,
         (SELECT json_agg(json_build_object('skill', s.key, 'name', s.name, 'proficiency', ask.proficiency) ORDER BY s.name)
            FROM agent_skills ask JOIN skills s ON s.id = ask.skill_id WHERE ask.user_id = ap.user_id) AS skills
    FROM agent_profiles ap
    JOIN users u ON u.id = ap.user_id AND u.disabled_at IS NULL
    LEFT JOIN team_members tm ON tm.user_id = ap.user_id AND tm.membership = 'member'
    LEFT JOIN teams t ON t.id = tm.team_id`;

const STAFF_ROLES_WITH_BOARD: Role[] = ['team_lead', 'admin'];
/** The board's order, one key per row: team (agents in no team first), name, id. */
const BOARD_ORDER = `coalesce(t.name, ''), u.display_name, ap.user_id::text`;

/**
 * Agent presence: the state an agent chose (or the system set), its history for adherence and
 * occupancy, the lead's board, and the disconnect grace period. Changes raise AgentStatusChangedEvent.
 */
/** Teams and clients of the agent `$1`, as `team_ids` and `client_ids`. */
const LINKS_SQL = `coalesce((SELECT array_agg(team_id) FROM team_members WHERE user_id = $1), '{}') AS team_ids,
  coalesce((SELECT array_agg(client_id) FROM staff_clients WHERE user_id = $1), '{}') AS client_ids`;

@Injectable()
export class PresenceService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log: Logger;
  private sweepTimer?: NodeJS.Timeout;

  constructor(
    private readonly tenants: TenantDatabase,
    private readonly events: EventEmitter2,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ context: PresenceService.name });
  }

  async getOwnProfile(principal: Principal): Promise<AgentProfileView> {
    return await this.tenants.run(principal, async (m) => {
      const [row] = await m.query<BoardRow[]>(`${AGENT_ROWS_SQL} WHERE ap.user_id = $1`, [principal.userId]);
      if (!row) throw new NotFoundException('Agent profile');
      const board = toBoardAgent(row, new Date());
      return { userId: row.user_id, timeZone: row.time_zone, languages: row.languages, skills: board.skills, capacity: row.capacity, clientIds: row.client_ids, onShift: board.onShift, presence: presenceOf(row) };
    });
  }

  /** An agent sets their own state. */
  async setOwnState(principal: Principal, state: unknown, reason: unknown): Promise<AgentPresence> {
    const check = checkPresenceRequest(state, reason);
    if (!check.ok) throw new ValidationException([{ field: check.field, message: check.message }]);
    return await this.changeState(principal, principal.userId, check.change, principal.userId);
  }

  /** A lead sets the state of an agent of their teams (an admin, of any agent); the agent sees who did. */
  async setAgentState(principal: Principal, agentId: string, state: unknown, reason: unknown): Promise<AgentPresence> {
    const check = checkPresenceRequest(state, reason);
    if (!check.ok) throw new ValidationException([{ field: check.field, message: check.message }]);
    if (agentId !== principal.userId) {
      const led = await this.tenants.run(principal, (m) => agentsLedBy(m, principal, [agentId]));
      if (led.length === 0) throw new NotFoundException('Agent');
    }
    return await this.changeState(principal, agentId, check.change, principal.userId);
  }

  /** The router saw the agent let offers time out in a row: away, not responding, until they come back. */
  async markNotResponding(userId: string): Promise<AgentPresence> {
    return await this.changeState(SYSTEM_SCOPE, userId, { state: AgentState.Away, reason: SystemReason.NotResponding }, null);
  }

  /**
   * An admin disabled the agent: offline now, in the admin's transaction (the history says who did).
   * The returned event is for `publishChange` once that transaction has committed.
   */
  async setOfflineIn(m: EntityManager, userId: string, changedBy: string): Promise<AgentStatusChangedEvent | null> {
    return await this.applyChange(m, userId, { state: AgentState.Offline, reason: null }, changedBy);
  }

  publishChange(event: AgentStatusChangedEvent): void {
    this.publish(event);
  }

  /** The lead's live board, a page at a time by team and name: agents of the teams they lead; admins see every agent. */
  async board(principal: Principal, page: PageRequest): Promise<Page<BoardAgent>> {
    if (!STAFF_ROLES_WITH_BOARD.includes(principal.role)) return { items: [], nextCursor: null };
    return await this.tenants.run(principal, async (m) => {
      const params: unknown[] = principal.role === 'admin' ? [] : [[...principal.leadTeamIds]];
      const filters = principal.role === 'admin' ? [] : ['tm.team_id = ANY ($1)'];
      if (page.after) {
        params.push(...page.after);
        filters.push(`(${BOARD_ORDER}) > ($${params.length - 2}, $${params.length - 1}, $${params.length})`);
      }
      const where = filters.length ? ` WHERE ${filters.join(' AND ')}` : '';
      const rows = await m.query<(BoardRow & { team_key: string })[]>(`${AGENT_ROWS_SQL}${where} ORDER BY ${BOARD_ORDER} LIMIT ${page.limit + 1}`, params);
      const now = new Date();
      return pageOf(rows, page.limit, (row) => [row.team_key, row.display_name, row.user_id], (row) => toBoardAgent(row, now));
    });
  }

  /** A socket of this agent connected: cancels any pending disconnect; boards hear of a new connection. */
  async markConnected(userId: string): Promise<void> {
    await this.setConnected(userId, true, 'last_connected_at = now(), disconnected_at = NULL');
  }

  /** The agent's last socket closed: after the grace period the sweep sets them offline. */
  async markDisconnected(userId: string): Promise<void> {
    await this.setConnected(userId, false, 'disconnected_at = now()');
  }

  private async setConnected(userId: string, connected: boolean, assignments: string): Promise<void> {
    const event = await this.tenants.run(SYSTEM_SCOPE, async (m) => {
      const [row] = await m.query<(BoardRow & { team_ids: string[]; client_ids: string[] })[]>(
        `SELECT user_id, state, state_reason, state_since, ${CONNECTED_SQL} AS connected, ${LINKS_SQL} FROM agent_profiles WHERE user_id = $1 FOR UPDATE`,
        [userId],
      );
      if (!row || row.connected === connected) return null;
      await m.query(`UPDATE agent_profiles SET ${assignments} WHERE user_id = $1`, [userId]);
      return new AgentStatusChangedEvent({ ...presenceOf(row), connected }, row.team_ids, row.client_ids);
    });
    if (event) this.publish(event);
  }

  /** Sets offline every agent whose sockets have all been gone for longer than the grace period. */
  async expireDisconnected(): Promise<number> {
    const changed = await this.tenants.run(SYSTEM_SCOPE, async (m) => {
      const rows = await m.query<{ user_id: string }[]>(
        `SELECT user_id FROM agent_profiles WHERE disconnected_at < now() - make_interval(secs => $1) AND state <> 'offline' FOR UPDATE SKIP LOCKED`,
        [this.config.presenceGraceSeconds],
      );
      const events: AgentStatusChangedEvent[] = [];
      for (const { user_id } of rows) {
        const event = await this.applyChange(m, user_id, { state: AgentState.Offline, reason: SystemReason.Disconnected }, null);
        if (event) events.push(event);
      }
      return events;
    });
    changed.forEach((event) => this.publish(event));
    return changed.length;
  }

  onApplicationBootstrap(): void {
    const every = Math.min(5_000, Math.max(250, (this.config.presenceGraceSeconds * 1000) / 3));
    this.sweepTimer = setInterval(() => {
      this.expireDisconnected().catch((error) => this.log.warn({ err: error }, 'disconnect sweep failed'));
    }, every);
    this.sweepTimer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.sweepTimer);
  }

  private async changeState(scope: TenantScope, userId: string, change: PresenceChange, changedBy: string | null): Promise<AgentPresence> {
    const { presence, event } = await this.tenants.run(scope, async (m) => {
      const event = await this.applyChange(m, userId, change, changedBy);
      if (event) return { presence: event.presence, event };
      const [row] = await m.query<BoardRow[]>(`SELECT user_id, state, state_reason, state_since, ${CONNECTED_SQL} AS connected FROM agent_profiles WHERE user_id = $1`, [userId]);
      if (!row) throw new NotFoundException('Agent profile');
      return { presence: presenceOf(row), event: null };
    });
    if (event) this.publish(event);
    return presence;
  }

  /** Writes the new state and closes the previous history entry; null when nothing changes. */
  private async applyChange(m: EntityManager, userId: string, change: PresenceChange, changedBy: string | null): Promise<AgentStatusChangedEvent | null> {
    // The agent's row locked, with their teams and clients (for the event) in the same read.
    const [current] = await m.query<{ state: AgentState; state_reason: AgentPresence['reason']; connected: boolean; team_ids: string[]; client_ids: string[] }[]>(
      `SELECT state, state_reason, ${CONNECTED_SQL} AS connected, ${LINKS_SQL} FROM agent_profiles WHERE user_id = $1 FOR UPDATE`,
      [userId],
    );
    if (!current) throw new NotFoundException('Agent profile');
    if (!isPresenceChange({ state: current.state, reason: current.state_reason }, change)) return null;
    // The new state and the end of the previous history entry in one statement; coming back to work
    // clears the count of offers let time out in a row. (The new entry is a second statement: one open
    // entry per agent is a unique index, and the parts of one statement run in no set order.)
    const [updated] = await m.query<{ state_since: Date }[]>(
      `WITH p AS (UPDATE agent_profiles SET state = $2, state_reason = $3, state_since = clock_timestamp(), missed_offers = CASE WHEN $2 = 'available' THEN 0 ELSE missed_offers END
                   WHERE user_id = $1 RETURNING state_since),
            closed AS (UPDATE agent_state_history SET ended_at = (SELECT state_since FROM p) WHERE user_id = $1 AND ended_at IS NULL)
       SELECT state_since FROM p`,
      [userId, change.state, change.reason],
    );
    await m.query('INSERT INTO agent_state_history (user_id, state, reason, started_at, changed_by) VALUES ($1, $2, $3, $4, $5)', [userId, change.state, change.reason, updated.state_since, changedBy]);
    const presence: AgentPresence = { userId, state: change.state, reason: change.reason, since: updated.state_since.toISOString(), connected: current.connected };
    return new AgentStatusChangedEvent(presence, current.team_ids, current.client_ids, changedBy && changedBy !== userId ? await this.nameOf(m, changedBy) : null);
  }

  private async nameOf(m: EntityManager, userId: string): Promise<string | null> {
    const [row] = await m.query<{ display_name: string }[]>('SELECT display_name FROM users WHERE id = $1', [userId]);
    return row?.display_name ?? null;
  }

  private publish(event: AgentStatusChangedEvent): void {
    this.log.info({ agentId: event.presence.userId, state: event.presence.state, reason: event.presence.reason }, 'agent state changed');
    this.events.emit(AgentStatusChangedEvent.eventName, event);
  }
}

function presenceOf(row: Pick<BoardRow, 'user_id' | 'state' | 'state_reason' | 'state_since' | 'connected'>): AgentPresence {
  return { userId: row.user_id, state: row.state, reason: row.state_reason, since: new Date(row.state_since).toISOString(), connected: row.connected };
}

function toBoardAgent(row: BoardRow, now: Date): BoardAgent {
  return {
    ...presenceOf(row),
    displayName: row.display_name,
    email: row.email,
    teamId: row.team_id,
    teamName: row.team_name,
    timeZone: row.time_zone,
    onShift: isWithinSchedule(row.shift_schedule, row.time_zone, now),
    clientIds: row.client_ids,
    languages: row.languages,
    skills: row.skills ?? [],
  };
}
