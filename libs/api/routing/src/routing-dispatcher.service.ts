import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { TenantDatabase } from '@switchboard/api-database';
import { APP_CONFIG, ROOT_LOGGER, SYSTEM_SCOPE, type AppConfig } from '@switchboard/api-platform';
import { AgentDirectoryChangedEvent, AgentStatusChangedEvent } from '@switchboard/api-presence';
import { TicketUpdatedEvent } from '@switchboard/api-tickets';
import type { Logger } from 'pino';
import { ReadyAgents } from './ready-agents.snapshot';
import { RoutingAnnouncer } from './routing-announcer.service';
import { RoutingNews } from './routing-news';
import { expireOffers, makeOffers, requeueHeldBy, rescindStaleOffers, returnUnanswered, StepTimer, type RoundSettings } from './routing-round.util';

/** One key for the cluster: dispatch rounds of all nodes take turns on it. */
export const ROUTING_LOCK_KEY = 0x5b_0a_7e;

/**
 * Timer sweeps (stale offers, timeouts, the return timer) run at most this often on a node, however
 * many rounds new tickets ask for: what they find changes with time, not with each new ticket.
 */
const MAX_SWEEP_INTERVAL_MS = 250;

/**
 * Runs dispatch rounds: on every change that could make an offer possible (a ticket queued, an agent
 * available, capacity freed) and on a timer for what time alone changes (offer timeouts, overflow
 * rings, sticky waits, the return timer). Requests while a round runs fold into one more round.
 * Every node runs rounds; the routing lock in PostgreSQL makes them take turns.
 */
@Injectable()
export class RoutingDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log: Logger;
  private readonly settings: RoundSettings;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private timer?: NodeJS.Timeout;
  private lastSweepAt = 0;

  constructor(
    private readonly tenants: TenantDatabase,
    private readonly announcer: RoutingAnnouncer,
    private readonly readyAgents: ReadyAgents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ context: RoutingDispatcher.name, nodeId: config.routing.nodeId });
    this.settings = {
      nodeId: config.routing.nodeId,
      maxMissedOffers: config.routing.maxMissedOffers,
      maxOffers: config.routing.maxOffersPerRound,
      waitingLimit: 20_000,
    };
  }

  onApplicationBootstrap(): void {
    if (!this.config.routing.enabled) return;
    this.timer = setInterval(() => this.request(), this.config.routing.tickMs);
    this.timer.unref();
    this.request();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  @OnEvent(TicketUpdatedEvent.eventName)
  onTicketUpdated(): void {
    this.request();
  }

  @OnEvent(AgentStatusChangedEvent.eventName)
  onAgentStatusChanged(): void {
    this.request();
  }

  /**
   * An admin changed an agent (clients, skills, capacity, disabled…): tickets they may no longer hold
   * wait again, and the next round reads the new facts and rescinds offers they no longer allow.
   */
  @OnEvent(AgentDirectoryChangedEvent.eventName, { async: true, promisify: true })
  async onAgentDirectoryChanged(event: AgentDirectoryChangedEvent): Promise<void> {
    if (event.disabled || event.removedClientIds.length > 0) {
      try {
        const news = await this.tenants.run(SYSTEM_SCOPE, async (m) => {
          const news = new RoutingNews();
          await requeueHeldBy(m, news, event.userId);
          await news.readSummaries(m);
          return news;
        });
        if (!news.isEmpty) await this.announcer.announce(news);
      } catch (error) {
        this.log.warn({ err: error, agentId: event.userId }, 'could not requeue the tickets of a changed agent');
      }
    }
    void this.request();
  }

  /** Asks for a round soon; returns when the round that covers this request has finished. */
  request(): Promise<void> {
    if (!this.config.routing.enabled || this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.loop().finally(() => (this.running = null));
    return this.running;
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      try {
        const news = await this.round();
        if (news.moreWaiting) this.again = true;
      } catch (error) {
        if (!this.stopped) this.log.warn({ err: error }, 'routing round failed');
      }
    } while (this.again && !this.stopped);
  }

  /** One round under the cluster-wide routing lock: sweep timers, then make offers. */
  async round(): Promise<RoutingNews> {
    const steps = new StepTimer();
    const news = await this.tenants.run(SYSTEM_SCOPE, async (m) => {
      const news = new RoutingNews();
      await m.query('SELECT pg_advisory_xact_lock($1)', [ROUTING_LOCK_KEY]);
      steps.lap('lock');
      if (performance.now() - this.lastSweepAt >= Math.min(MAX_SWEEP_INTERVAL_MS, this.config.routing.tickMs)) {
        this.lastSweepAt = performance.now();
        await rescindStaleOffers(m, news);
        await expireOffers(m, news, this.settings.maxMissedOffers);
        await returnUnanswered(m, news);
        steps.lap('sweep');
      }
      await makeOffers(m, news, this.settings, this.readyAgents, steps);
      await news.readSummaries(m);
      steps.lap('summaries');
      return news;
    }, 'routing');
    steps.lap('commit');
    if (!news.isEmpty) await this.announcer.announce(news);
    steps.lap('announce');
    if (news.offersMade.length + news.assigned.length > 0) this.log.debug({ ms: steps.laps, offers: news.offersMade.length, assigned: news.assigned.length, more: news.moreWaiting }, 'routing round');
    return news;
  }
}
