import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { TenantDatabase } from '@switchboard/api-database';
import { SYSTEM_SCOPE } from '@switchboard/api-platform';
import { FanOutConnection, NodeLifecycle } from '@switchboard/api-realtime';
import { OfferClosedEvent, OfferMadeEvent, TicketAssignedEvent } from '@switchboard/api-routing';
import { MessageCreatedEvent } from '@switchboard/api-tickets';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Buckets for the latencies a person notices: 1 ms … 10 s. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const ROUTING_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300];

/**
 * This node's Prometheus metrics (GET /metrics). Counters and histograms are per node (sum them across
 * nodes); queue depth is read from PostgreSQL at scrape time, so every node reports the same, whole
 * picture (take one, not the sum).
 */
@Injectable()
export class MetricsService {
  /** One registry per app instance (tests run two nodes in one process). */
  readonly registry = new Registry();
  private readonly offers = new Counter({ name: 'switchboard_offers_total', help: 'Offers by outcome: offered, accepted, and each way an offer closed without the agent (timed_out, rescinded, rejected…).', labelNames: ['outcome'], registers: [this.registry] });
  private readonly delivery = new Histogram({
    name: 'switchboard_message_delivery_seconds',
    help: 'From a message row being written (its transaction began) to its event leaving this node for the sockets, by direction.',
    labelNames: ['direction'],
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly routing = new Histogram({ name: 'switchboard_routing_seconds', help: 'From a ticket entering its queue to its offer to an agent.', labelNames: ['channel'], buckets: ROUTING_BUCKETS, registers: [this.registry] });

  constructor(database: TenantDatabase, lifecycle: NodeLifecycle, fanOut: FanOutConnection) {
    // Process metrics, event-loop lag (switchboard_nodejs_eventloop_lag_*) among them.
    collectDefaultMetrics({ register: this.registry, prefix: 'switchboard_', eventLoopMonitoringPrecision: 10 });
    new Gauge({
      name: 'switchboard_sockets',
      help: 'Sockets connected to this node, per namespace.',
      labelNames: ['namespace'],
      registers: [this.registry],
      collect() {
        for (const [namespace, count] of Object.entries(lifecycle.localSockets())) this.set({ namespace }, count);
      },
    });
    new Gauge({
      name: 'switchboard_socket_writes_in_flight',
      help: 'Acknowledged socket writes this node is handling.',
      registers: [this.registry],
      collect() {
        this.set(lifecycle.pendingWrites);
      },
    });
    new Gauge({
      name: 'switchboard_redis_up',
      help: '1 while the cross-node link (Redis) answers, 0 while it is down; absent without REDIS_URL.',
      registers: [this.registry],
      collect() {
        if (fanOut.state !== 'off') this.set(fanOut.state === 'up' ? 1 : 0);
      },
    });
    new Gauge({
      name: 'switchboard_draining',
      help: '1 while this node is shutting down (refusing new sockets).',
      registers: [this.registry],
      collect() {
        this.set(lifecycle.isDraining ? 1 : 0);
      },
    });
    // One read of the queues per scrape, shared by the gauges below (a scrape collects them all at once).
    type QueueRow = { channel: string; n: number; oldest: number };
    let reading: Promise<QueueRow[] | null> | null = null;
    const queues = () =>
      (reading ??= database
        .run(SYSTEM_SCOPE, (m) =>
          m.query<QueueRow[]>(`SELECT channel, count(*)::int AS n, coalesce(extract(epoch FROM now() - min(queued_at)), 0)::float8 AS oldest FROM tickets WHERE status = 'queued' GROUP BY channel`),
        )
        .catch(() => null)
        .finally(() => (reading = null)));
    const perChannel = (gauge: Gauge, rows: QueueRow[], pick: (row: QueueRow) => number) => {
      gauge.reset();
      for (const channel of ['chat', 'email', 'voice', 'social']) {
        const row = rows.find((r) => r.channel === channel);
        gauge.set({ channel }, row ? pick(row) : 0);
      }
    };
    new Gauge({
      name: 'switchboard_queue_depth',
      help: 'Tickets waiting in a queue for an agent, per channel (read from PostgreSQL at scrape: the same on every node).',
      labelNames: ['channel'],
      registers: [this.registry],
      async collect() {
        const rows = await queues();
        if (rows) perChannel(this, rows, (r) => r.n);
      },
    });
    new Gauge({
      name: 'switchboard_queue_oldest_wait_seconds',
      help: 'How long the longest-waiting queued ticket has waited, per channel.',
      labelNames: ['channel'],
      registers: [this.registry],
      async collect() {
        const rows = await queues();
        if (rows) perChannel(this, rows, (r) => r.oldest);
      },
    });
    new Gauge({
      name: 'switchboard_database_up',
      help: '1 when the queue read of this scrape succeeded, 0 when the database did not answer.',
      registers: [this.registry],
      async collect() {
        this.set((await queues()) ? 1 : 0);
      },
    });
  }

  @OnEvent(OfferMadeEvent.eventName)
  onOfferMade(event: OfferMadeEvent): void {
    this.offers.inc({ outcome: 'offered' });
    const queuedAt = event.offer.ticket.queuedAt ? Date.parse(event.offer.ticket.queuedAt) : NaN;
    const offeredAt = Date.parse(event.offer.createdAt);
    if (Number.isFinite(queuedAt) && Number.isFinite(offeredAt) && offeredAt >= queuedAt) this.routing.observe({ channel: event.offer.channel }, (offeredAt - queuedAt) / 1000);
  }

  @OnEvent(OfferClosedEvent.eventName)
  onOfferClosed(event: OfferClosedEvent): void {
    this.offers.inc({ outcome: event.closed.status });
  }

  @OnEvent(TicketAssignedEvent.eventName)
  onTicketAssigned(event: TicketAssignedEvent): void {
    if (event.assigned.via === 'offer' || event.assigned.via === 'auto_accept') this.offers.inc({ outcome: 'accepted' });
  }

  @OnEvent(MessageCreatedEvent.eventName)
  onMessageCreated(event: MessageCreatedEvent): void {
    const written = Date.parse(event.message.createdAt);
    if (Number.isFinite(written)) this.delivery.observe({ direction: event.message.direction }, Math.max(0, Date.now() - written) / 1000);
  }

  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
