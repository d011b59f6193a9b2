import { ValidationException } from '@switchboard/api-platform';
import type { Channel, TransferRequest, TransferTargets } from '@switchboard/shared-contracts';
import type { EntityManager } from 'typeorm';

/** Agents offered as transfer targets at most (ready ones first). */
const AGENT_TARGETS_MAX = 100;

/** Who may take a ticket of this client: active agents and leads serving it, other than its agent. */
const SERVING_STAFF = `staff_clients sc JOIN users u ON u.id = sc.user_id AND u.role IN ('agent', 'team_lead') AND u.disabled_at IS NULL
  WHERE sc.client_id = $1 AND sc.user_id IS DISTINCT FROM $2`;

/** Where a ticket may be transferred: what the transfer dialog offers, by the rules `checkTransferTarget` enforces. */
export async function transferTargets(m: EntityManager, ticket: { clientId: string; channel: Channel; queueId: string | null; assigneeId: string | null }): Promise<TransferTargets> {
  const queues = await m.query<{ id: string; name: string }[]>('SELECT id, name FROM queues WHERE client_id = $1 AND $2 = ANY (channels) AND id IS DISTINCT FROM $3 ORDER BY name', [
    ticket.clientId,
    ticket.channel,
    ticket.queueId,
  ]);
  const agents = await m.query<{ id: string; name: string; state: TransferTargets['agents'][number]['state'] | null; connected: boolean; team_name: string | null }[]>(
    `SELECT u.id, u.display_name AS name, ap.state, coalesce(ap.last_connected_at IS NOT NULL AND ap.disconnected_at IS NULL, false) AS connected,
            (SELECT min(t.name) FROM team_members tm JOIN teams t ON t.id = tm.team_id WHERE tm.user_id = u.id AND tm.membership = 'member') AS team_name
       FROM ${SERVING_STAFF.replace('WHERE', 'LEFT JOIN agent_profiles ap ON ap.user_id = u.id WHERE')}
      ORDER BY (ap.state = 'available') DESC NULLS LAST, u.display_name LIMIT ${AGENT_TARGETS_MAX}`,
    [ticket.clientId, ticket.assigneeId],
  );
  const teams = await m.query<{ id: string; name: string; agent_count: number }[]>(
    `SELECT t.id, t.name, count(DISTINCT tm.user_id)::int AS agent_count
       FROM teams t JOIN team_members tm ON tm.team_id = t.id JOIN users u ON u.id = tm.user_id AND u.role IN ('agent', 'team_lead') AND u.disabled_at IS NULL
       JOIN staff_clients sc ON sc.user_id = tm.user_id AND sc.client_id = $1
      WHERE tm.user_id IS DISTINCT FROM $2 GROUP BY t.id, t.name ORDER BY t.name`,
    [ticket.clientId, ticket.assigneeId],
  );
  return {
    queues,
    agents: agents.map((a) => ({ id: a.id, name: a.name, state: a.state ?? 'offline', connected: a.connected, teamName: a.team_name })),
    teams: teams.map((t) => ({ id: t.id, name: t.name, agentCount: t.agent_count })),
  };
}

/** A transfer's target must belong to the ticket's client: its queue, an active agent serving it, or a team with another such agent. */
export async function checkTransferTarget(m: EntityManager, clientId: string, request: TransferRequest, currentAgentId: string | null): Promise<void> {
  const target = request.target;
  if (target.kind === 'queue') {
    const [queue] = await m.query('SELECT 1 FROM queues WHERE id = $1 AND client_id = $2', [target.queueId, clientId]);
    if (!queue) throw new ValidationException([{ field: 'target.queueId', message: 'is not a queue of this ticket’s client' }]);
  } else if (target.kind === 'agent') {
    if (target.agentId === currentAgentId) throw new ValidationException([{ field: 'target.agentId', message: 'already has the ticket' }]);
    const [agent] = await m.query(`SELECT 1 FROM ${SERVING_STAFF} AND sc.user_id = $3`, [clientId, currentAgentId, target.agentId]);
    if (!agent) throw new ValidationException([{ field: 'target.agentId', message: 'is not an active agent serving this client' }]);
  } else {
    const [team] = await m.query(`SELECT 1 FROM team_members tm, ${SERVING_STAFF} AND sc.user_id = tm.user_id AND tm.team_id = $3 LIMIT 1`, [clientId, currentAgentId, target.teamId]);
    if (!team) throw new ValidationException([{ field: 'target.teamId', message: 'has no other agent serving this client' }]);
  }
}
