import { Inject, Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { TenantDatabase } from '@switchboard/api-database';
import { APP_CONFIG, ROOT_LOGGER, SYSTEM_SCOPE, type AppConfig } from '@switchboard/api-platform';
import type { Logger } from 'pino';
import { AgentStatusChangedEvent } from '@switchboard/api-presence';
import type { RoutingAgent } from '@switchboard/shared-domain';
import type { EntityManager } from 'typeorm';
import { AgentRoster } from './agent-roster.service';
import { routingAgents, type Holding } from './routing-queries';

/** A picture older than its age limit is still planned with, up to this many times the limit, while a fresh one is read beside the round. */
const STALE_WHILE_READING = 4;

export interface ReadyAgentsView {
  agents: RoutingAgent[];
  /** The `routing_version` each agent's facts (clients, skills, capacity…) were read at. */
  versions: ReadonlyMap<string, string>;
  /** Per client: its agents who are not ready, for the trace. */
  unavailableByClient: Map<string, number>;
}

/**
 * The ready agents a round plans with, as this node last read them (at most ROUTING_AGENTS_MAX_AGE_MS
 * ago, 250 by default), kept up to date with what this node learns between reads: the offers its
 * rounds make and the occupancy its rounds re-read under lock. Reading every ready agent's load is the one part of a round that grows
 * with the number of agents; new tickets ask for rounds many times a second.
 *
 * Planning with a picture a little old is safe: a round locks the agents it chose and checks them
 * again before it offers — still ready, facts unchanged (the same `routing_version`: same clients,
 * skills and capacity), under capacity now; one found changed gets nothing this round and the
 * picture is dropped. An agent becoming ready on this node is seen at once (the picture is dropped).
 *
 * A picture past its age is read again beside the round, in its own transaction, while the round
 * plans with the old one (up to four times the age): the read of every agent stays off the path from
 * a new ticket to its offer.
 */
@Injectable()
export class ReadyAgents {
  private view: ReadyAgentsView | null = null;
  private readAt = 0;
  /** Bumped when the picture is dropped: a read that started before is kept only as already past its age. */
  private generation = 0;
  private reading: Promise<void> | null = null;
  private readonly log: Logger;

  constructor(
    private readonly roster: AgentRoster,
    private readonly tenants: TenantDatabase,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ context: ReadyAgents.name });
  }

  async read(m: EntityManager): Promise<ReadyAgentsView> {
    const age = performance.now() - this.readAt;
    const maxAge = this.config.routing.agentsMaxAgeMs;
    if (this.view && age < maxAge) return this.view;
    if (this.view && age < maxAge * STALE_WHILE_READING) {
      this.readBeside();
      return this.view;
    }
    return await this.readInto(m);
  }

  private readBeside(): void {
    if (this.reading) return;
    this.reading = this.tenants
      .run(SYSTEM_SCOPE, (m) => this.readInto(m), 'routing')
      .then(
        () => undefined,
        (error: unknown) => this.log.warn({ err: error }, 'could not read the ready agents'),
      )
      .finally(() => (this.reading = null));
  }

  private async readInto(m: EntityManager): Promise<ReadyAgentsView> {
    const generation = this.generation;
    const startedAt = performance.now();
    const { ready, unavailableByClient } = await this.roster.read(m);
    const versions = new Map(ready.map((entry) => [entry.facts.id, entry.version]));
    const view = { agents: await routingAgents(m, ready, this.config.routing.fairnessWindowSeconds), versions, unavailableByClient };
    // Patches made meanwhile may be in this read or not: either way the lock check keeps offers right.
    this.view = view;
    // A picture dropped meanwhile (an agent became ready) may have been read before that change
    // committed: it is kept as already past its age, so the next round reads again beside it.
    this.readAt = generation === this.generation ? startedAt : startedAt - this.config.routing.agentsMaxAgeMs;
    return view;
  }

  /** A round re-read these agents under lock: `holding` is what each holds now (absent: nothing); `ready` those still ready. */
  checked(agentIds: readonly string[], ready: ReadonlySet<string>, holding: ReadonlyMap<string, Holding>): void {
    const checked = new Set(agentIds);
    this.patch((agent) => {
      if (!checked.has(agent.id)) return agent;
      if (!ready.has(agent.id)) return null;
      return { ...agent, occupancy: holding.get(agent.id)?.occupancy ?? 0 };
    });
  }

  /** A round offered these agents work: the capacity share each took, and how many offers. */
  offered(added: ReadonlyMap<string, { share: number; offers: number }>, at: Date): void {
    this.patch((agent) => {
      const more = added.get(agent.id);
      return more ? { ...agent, occupancy: agent.occupancy + more.share, recentOffers: agent.recentOffers + more.offers, idleSince: at } : agent;
    });
  }

  /** Anything this node saw that the picture cannot follow: the next round reads afresh. */
  forget(): void {
    this.view = null;
    this.generation += 1;
  }

  @OnEvent(AgentStatusChangedEvent.eventName)
  onAgentStatusChanged(): void {
    this.forget();
  }

  private patch(change: (agent: RoutingAgent) => RoutingAgent | null): void {
    if (!this.view) return;
    this.view = { ...this.view, agents: this.view.agents.map(change).filter((agent): agent is RoutingAgent => agent !== null) };
  }
}
