import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { EventEmitter2, OnEvent } from '@nestjs/event-emitter';
import { TenantDatabase } from '@switchboard/api-database';
import { NotFoundException, pageOf, ROOT_LOGGER, SYSTEM_SCOPE, type PageRequest, type Principal, type TenantScope } from '@switchboard/api-platform';
import { TicketUpdatedEvent } from '@switchboard/api-tickets';
import type { AgentLoad, Page, QueueStats } from '@switchboard/shared-contracts';
import { bestSkillFit, channelWeight, requirementAt, serviceLevel } from '@switchboard/shared-domain';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { agentsLedBy } from '@switchboard/api-presence';
import { AgentLoadEvent, QueueStatsEvent } from './routing-events';
import { AgentRoster, type AgentFacts } from './agent-roster.service';
import { occupancies, queuesById, type QueueRow } from './routing-queries';

/** At most one push per client (queue numbers) and per agent (load) in this window. */
const PUSH_EVERY_MS = 500;

/**
 * Live numbers for the lead's board: per queue (waiting, longest wait, at risk, service level today,
 * agents ready) and per agent (what they hold). Pushed, throttled, after routing changes.
 */
@Injectable()
export class RoutingStatsService implements OnApplicationShutdown {
  private readonly log: Logger;
  private readonly dirtyClients = new Set<string>();
  private readonly dirtyAgents = new Set<string>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly tenants: TenantDatabase,
    private readonly events: EventEmitter2,
    private readonly roster: AgentRoster,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ context: RoutingStatsService.name });
  }

  onApplicationShutdown(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** A ticket arrived, moved or ended: its queue's numbers and its agent's load changed. */
  @OnEvent(TicketUpdatedEvent.eventName)
  onTicketUpdated(event: TicketUpdatedEvent): void {
    this.changed([event.ticket.clientId], event.ticket.assigneeId ? [event.ticket.assigneeId] : []);
  }

  changed(clientIds: Iterable<string>, agentIds: Iterable<string>): void {
    for (const id of clientIds) this.dirtyClients.add(id);
    for (const id of agentIds) this.dirtyAgents.add(id);
    if (this.timer || (this.dirtyClients.size === 0 && this.dirtyAgents.size === 0)) return;
    this.timer = setTimeout(() => void this.flush(), PUSH_EVERY_MS);
    this.timer.unref();
  }

  private async flush(): Promise<void> {
    const clients = [...this.dirtyClients];
    const agents = [...this.dirtyAgents];
    this.dirtyClients.clear();
    this.dirtyAgents.clear();
    try {
      if (clients.length > 0) {
        const stats = await this.queueStats(SYSTEM_SCOPE, clients);
        for (const clientId of clients) this.events.emit(QueueStatsEvent.eventName, new QueueStatsEvent(clientId, stats.filter((s) => s.clientId === clientId)));
      }
      if (agents.length > 0) {
        const { loads, teams } = await this.tenants.run(SYSTEM_SCOPE, async (m) => ({ loads: await agentLoads(m, agents), teams: await teamsOf(m, agents) }));
        for (const load of loads) this.events.emit(AgentLoadEvent.eventName, new AgentLoadEvent(load, teams.get(load.userId) ?? []));
      }
    } catch (error) {
      this.log.warn({ err: error }, 'could not push routing numbers');
    } finally {
      this.timer = null;
      if (this.dirtyClients.size > 0 || this.dirtyAgents.size > 0) this.changed([], []);
    }
  }

  /** Queue numbers of these clients (the caller's scope limits what it sees), by client and queue name; a page of them when `page` is given. */
  async queueStats(scope: TenantScope, clientIds: readonly string[]): Promise<QueueStats[]>;
  async queueStats(scope: TenantScope, clientIds: readonly string[], page: PageRequest): Promise<Page<QueueStats>>;
  async queueStats(scope: TenantScope, clientIds: readonly string[], page?: PageRequest): Promise<QueueStats[] | Page<QueueStats>> {
    return await this.tenants.run(scope, async (m) => {
      const params: unknown[] = [clientIds];
      const after = page?.after ? ` AND (c.name, q.name, q.id::text) > ($${params.push(page.after[0])}, $${params.push(page.after[1])}, $${params.push(page.after[2])})` : '';
      const limit = page ? ` LIMIT ${page.limit + 1}` : '';
      const rows = await m.query<{ id: string; client_id: string; client_name: string; name: string; waiting: number; longest: number | null; at_risk: number; answered: number; answered_within: number; abandoned: number; abandoned_within: number }[]>(
        `SELECT q.id, q.client_id, c.name AS client_name, q.name,
                (SELECT count(*)::int FROM tickets t WHERE t.queue_id = q.id AND t.status = 'queued') AS waiting,
                (SELECT extract(epoch FROM now() - min(t.queued_at))::int FROM tickets t WHERE t.queue_id = q.id AND t.status = 'queued') AS longest,
                (SELECT count(*)::int FROM tickets t WHERE t.queue_id = q.id AND t.status = 'queued'
                    AND t.queued_at + make_interval(secs => q.sla_seconds * 0.8) <= now()) AS at_risk,
                d.answered, d.answered_within, d.abandoned, d.abandoned_within
           FROM queues q JOIN clients c ON c.id = q.client_id
           CROSS JOIN LATERAL (
             SELECT count(*) FILTER (WHERE t.answered_at IS NOT NULL)::int AS answered,
                    count(*) FILTER (WHERE t.answered_at IS NOT NULL AND t.answered_at <= t.queued_at + make_interval(secs => q.sla_seconds))::int AS answered_within,
                    count(*) FILTER (WHERE t.answered_at IS NULL AND t.status = 'abandoned')::int AS abandoned,
                    count(*) FILTER (WHERE t.answered_at IS NULL AND t.status = 'abandoned' AND t.abandoned_at <= t.queued_at + make_interval(secs => q.sla_seconds))::int AS abandoned_within
               FROM tickets t
              WHERE t.queue_id = q.id
                AND coalesce(t.answered_at, t.abandoned_at) >= (date_trunc('day', now() AT TIME ZONE c.time_zone) AT TIME ZONE c.time_zone)) d
          WHERE q.client_id = ANY ($1)${after}
          ORDER BY c.name, q.name, q.id::text${limit}`,
        params,
      );
      const shown = page ? rows.slice(0, page.limit) : rows;
      const ready = (await this.roster.read(m)).ready.map((entry) => entry.facts);
      const queues = await queuesById(m, shown.map((r) => r.id));
      const stats = shown.map((r) => ({
        queueId: r.id,
        clientId: r.client_id,
        name: r.name,
        waiting: r.waiting,
        longestWaitSeconds: Math.max(0, r.longest ?? 0),
        atRisk: r.at_risk,
        serviceLevelToday: serviceLevel({ answered: r.answered, answeredWithin: r.answered_within, abandoned: r.abandoned, abandonedWithin: r.abandoned_within }),
        answeredToday: r.answered,
        abandonedToday: r.abandoned,
        agentsReady: agentsReadyFor(queues.get(r.id)!, ready),
      }));
      if (!page) return stats;
      const byQueue = new Map(stats.map((s) => [s.queueId, s]));
      return pageOf(rows, page.limit, (r) => [r.client_name, r.name, r.id], (r) => byQueue.get(r.id)!);
    });
  }

  /** What these agents hold now. A lead hears only of the agents of the teams they lead (others are left out, as on the board). */
  async agentLoads(principal: Principal, agentIds: readonly string[]): Promise<AgentLoad[]> {
    return await this.tenants.run(principal, async (m) => {
      // Every id must be one of the caller's agents: a foreign id is refused, not silently dropped.
      const visible = await agentsLedBy(m, principal, agentIds);
      if (new Set(visible).size < new Set(agentIds).size) throw new NotFoundException('Agent');
      return await agentLoads(m, visible);
    });
  }
}

/** Ready agents who serve the queue's client, take one of its channels and match its own requirement. */
function agentsReadyFor(queue: QueueRow, ready: AgentFacts[]): number {
  const requirement = requirementAt(queue, null, 0);
  return ready.filter(
    (a) =>
      a.clientIds.includes(queue.clientId) &&
      queue.channels.some((channel) => Number.isFinite(channelWeight(a.capacity, channel))) &&
      bestSkillFit(a.skills, requirement.skillSets) !== null &&
      (!requirement.language || a.languages.includes(requirement.language)),
  ).length;
}

async function agentLoads(m: EntityManager, agentIds: string[]): Promise<AgentLoad[]> {
  const holding = await occupancies(m, agentIds);
  return agentIds.map((userId) => {
    const h = holding.get(userId);
    return { userId, tickets: h?.tickets ?? { voice: 0, chat: 0, email: 0, social: 0 }, offers: h?.offers ?? 0, occupancy: Math.round((h?.occupancy ?? 0) * 1000) / 1000 };
  });
}

async function teamsOf(m: EntityManager, agentIds: string[]): Promise<Map<string, string[]>> {
  const rows = await m.query<{ user_id: string; team_ids: string[] }[]>('SELECT user_id, array_agg(team_id) AS team_ids FROM team_members WHERE user_id = ANY ($1) GROUP BY user_id', [agentIds]);
  return new Map(rows.map((r) => [r.user_id, r.team_ids]));
}
