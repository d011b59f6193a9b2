import { Injectable } from '@nestjs/common';
import type { Role } from '@switchboard/shared-contracts';
import type { RoutingAgent } from '@switchboard/shared-domain';
import type { EntityManager } from 'typeorm';

/** What routing knows of an agent that rarely changes: read again only when the agent's `routing_version` moves. */
export interface AgentFacts extends Pick<RoutingAgent, 'id' | 'name' | 'timeZone' | 'schedule' | 'clientIds' | 'teamIds' | 'languages' | 'skills' | 'capacity'> {
  role: Role;
  active: boolean;
}

/** Every agent profile as one round sees it: the facts, and what changes all the time. */
export interface RosterEntry {
  facts: AgentFacts;
  /** The `routing_version` the facts were read at. */
  version: string;
  state: RoutingAgent['state'];
  /** Available and connected. */
  ready: boolean;
  connected: boolean;
  idleSince: Date;
}

export interface Roster {
  /** Agents and leads who can take work now (available, connected, not disabled). */
  ready: RosterEntry[];
  /** Per client: its agents who are not ready (away, offline, disconnected), for the trace. */
  unavailableByClient: Map<string, number>;
}

const CONNECTED = '(ap.last_connected_at IS NOT NULL AND ap.disconnected_at IS NULL)';

interface ProfileRow {
  user_id: string;
  routing_version: string;
  state: RoutingAgent['state'];
  connected: boolean;
  idle_since: Date;
}

interface FactsRow {
  id: string;
  routing_version: string;
  name: string;
  role: Role;
  active: boolean;
  time_zone: string;
  shift_schedule: RoutingAgent['schedule'];
  languages: string[];
  capacity: RoutingAgent['capacity'];
  client_ids: string[];
  team_ids: string[];
  skills: Record<string, number>;
}

/**
 * This node's copy of every agent's routing facts. Each round reads one small row per agent profile
 * (version, state, connection, idle time) and re-reads clients, teams, skills and the rest only for
 * agents whose version moved (triggers bump it on every change, made on any node), so the facts are
 * never older than the round's own read.
 */
@Injectable()
export class AgentRoster {
  private readonly known = new Map<string, { version: string; facts: AgentFacts }>();

  async read(m: EntityManager): Promise<Roster> {
    const profiles = await m.query<ProfileRow[]>(
      `SELECT ap.user_id, ap.routing_version::text AS routing_version, ap.state, ${CONNECTED} AS connected, greatest(ap.last_offer_at, ap.state_since) AS idle_since FROM agent_profiles ap`,
    );
    const stale = profiles.filter((p) => this.known.get(p.user_id)?.version !== p.routing_version).map((p) => p.user_id);
    if (stale.length > 0) await this.reload(m, stale);
    if (this.known.size > profiles.length) {
      const present = new Set(profiles.map((p) => p.user_id));
      for (const id of this.known.keys()) if (!present.has(id)) this.known.delete(id);
    }

    const ready: RosterEntry[] = [];
    const unavailableByClient = new Map<string, number>();
    for (const p of profiles) {
      const facts = this.known.get(p.user_id)?.facts;
      if (!facts?.active) continue;
      const entry: RosterEntry = { facts, version: p.routing_version, state: p.state, connected: p.connected, ready: p.state === 'available' && p.connected, idleSince: new Date(p.idle_since) };
      if (entry.ready && (facts.role === 'agent' || facts.role === 'team_lead')) ready.push(entry);
      else if (!entry.ready && facts.role === 'agent') for (const clientId of facts.clientIds) unavailableByClient.set(clientId, (unavailableByClient.get(clientId) ?? 0) + 1);
    }
    return { ready, unavailableByClient };
  }

  private async reload(m: EntityManager, ids: string[]): Promise<void> {
    const rows = await m.query<FactsRow[]>(
      `SELECT ap.user_id AS id, ap.routing_version::text AS routing_version, u.display_name AS name, u.role, u.disabled_at IS NULL AS active,
              ap.time_zone, ap.shift_schedule, ap.languages, ap.capacity,
              coalesce((SELECT array_agg(sc.client_id) FROM staff_clients sc WHERE sc.user_id = ap.user_id), '{}') AS client_ids,
              coalesce((SELECT array_agg(tm.team_id) FROM team_members tm WHERE tm.user_id = ap.user_id), '{}') AS team_ids,
              coalesce((SELECT jsonb_object_agg(s.key, ask.proficiency) FROM agent_skills ask JOIN skills s ON s.id = ask.skill_id WHERE ask.user_id = ap.user_id), '{}') AS skills
         FROM agent_profiles ap JOIN users u ON u.id = ap.user_id
        WHERE ap.user_id = ANY ($1)`,
      [ids],
    );
    for (const r of rows) {
      this.known.set(r.id, {
        version: r.routing_version,
        facts: {
          id: r.id,
          name: r.name,
          role: r.role,
          active: r.active,
          timeZone: r.time_zone,
          schedule: r.shift_schedule,
          clientIds: r.client_ids,
          teamIds: r.team_ids,
          languages: r.languages,
          skills: r.skills,
          capacity: r.capacity,
        },
      });
    }
  }
}
