import type { Principal } from '@switchboard/api-platform';
import type { EntityManager } from 'typeorm';

/**
 * Which of these agents the caller supervises: an admin, every agent; a team lead, the members of the
 * teams they lead. The board shows these agents, and only these can be set away or whispered to.
 */
export async function agentsLedBy(m: EntityManager, principal: Principal, agentIds: readonly string[]): Promise<string[]> {
  if (agentIds.length === 0) return [];
  if (principal.role === 'admin') {
    const rows = await m.query<{ user_id: string }[]>('SELECT user_id FROM agent_profiles WHERE user_id = ANY ($1)', [[...agentIds]]);
    return rows.map((row) => row.user_id);
  }
  if (principal.role !== 'team_lead' || principal.leadTeamIds.length === 0) return [];
  const rows = await m.query<{ user_id: string }[]>(
    `SELECT DISTINCT tm.user_id FROM team_members tm JOIN agent_profiles ap ON ap.user_id = tm.user_id
      WHERE tm.user_id = ANY ($1) AND tm.team_id = ANY ($2) AND tm.membership = 'member'`,
    [[...agentIds], [...principal.leadTeamIds]],
  );
  return rows.map((row) => row.user_id);
}
