import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, DomainException, ROOT_LOGGER, type AppConfig } from '@switchboard/api-platform';
import { ErrorCode } from '@switchboard/shared-contracts';
import { bucketIsFull, takeToken, type TokenBucket, type TokenBucketPolicy } from '@switchboard/shared-domain';
import type { Logger } from 'pino';
import type { Namespace, Socket } from 'socket.io';

/** Catch-up requests per socket: 10 at once, then one every 2 s. */
const SYNC_POLICY: TokenBucketPolicy = { perMinute: 30, burst: 10 };

/** Buckets of keys that refilled are forgotten this often, so a flood of one-off keys cannot grow the map for ever. */
const SWEEP_EVERY_MS = 60_000;

/**
 * This node's life as a socket server: how many acknowledged writes are in flight, whether it still
 * takes sockets (not while draining for shutdown), and the reconnect rate limit per identity.
 */
@Injectable()
export class NodeLifecycle {
  private readonly log: Logger;
  private readonly namespaces = new Set<Namespace>();
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly policy: TokenBucketPolicy;
  /** Connections without an identity yet (a widget's first visit), per address: many visitors may share one (NAT). */
  private readonly anonymousPolicy: TokenBucketPolicy;
  private inFlight = 0;
  private idle: (() => void)[] = [];
  private draining = false;
  private lastSweep = Date.now();

  constructor(@Inject(APP_CONFIG) config: AppConfig, @Inject(ROOT_LOGGER) logger: Logger) {
    this.log = logger.child({ context: NodeLifecycle.name });
    // A burst of a third of the minute's allowance: a page reload or two tabs pass, a reconnect loop does not.
    this.policy = { perMinute: config.reconnectsPerMinute, burst: Math.max(3, Math.ceil(config.reconnectsPerMinute / 3)) };
    this.anonymousPolicy = { perMinute: config.reconnectsPerMinute * 20, burst: config.reconnectsPerMinute * 10 };
  }

  get isDraining(): boolean {
    return this.draining;
  }

  get pendingWrites(): number {
    return this.inFlight;
  }

  /** Sockets connected to this node, per namespace. */
  localSockets(): Record<string, number> {
    return Object.fromEntries([...this.namespaces].map((nsp) => [nsp.name, nsp.sockets.size]));
  }

  /** Called by each gateway's afterInit: every acknowledged event on its sockets is counted while it runs. */
  attach(namespace: Namespace): void {
    this.namespaces.add(namespace);
    namespace.on('connection', (socket: Socket) => {
      socket.use((args, next) => {
        const last = args.length - 1;
        const ack = args[last];
        if (typeof ack === 'function') {
          this.inFlight++;
          let done = false;
          args[last] = (...reply: unknown[]) => {
            if (!done) {
              done = true;
              this.settle();
            }
            (ack as (...a: unknown[]) => void)(...reply);
          };
        }
        next();
      });
    });
  }

  /** Whether the engine accepts a new connection (HTTP handshake): not while draining. */
  acceptsConnections(): boolean {
    return !this.draining;
  }

  /**
   * A connection of `key` (an agent, a visitor; `anonymous`: an address) may go ahead, or is refused with
   * RATE_LIMITED and the seconds to wait. Each key has its own allowance: one client's reconnect loop
   * uses up its own, never another's.
   */
  admit(key: string, anonymous = false): void {
    const wait = this.connectAttempt(anonymous ? `address:${key}` : key, anonymous ? this.anonymousPolicy : this.policy);
    if (wait !== null) throw new DomainException(ErrorCode.RateLimited, `Too many connection attempts; retry in ${wait} s.`, undefined, wait);
  }

  /** Catch-up requests of one socket: a burst after a reconnect passes, a loop is refused (RATE_LIMITED). */
  admitSync(socketId: string): void {
    const wait = this.connectAttempt(`sync:${socketId}`, SYNC_POLICY);
    if (wait !== null) throw new DomainException(ErrorCode.RateLimited, `Too many catch-up requests; retry in ${wait} s.`, undefined, wait);
  }

  private connectAttempt(key: string, policy: TokenBucketPolicy): number | null {
    const now = Date.now();
    if (now - this.lastSweep > SWEEP_EVERY_MS) {
      for (const [k, bucket] of this.buckets) if (bucketIsFull(k.startsWith('address:') ? this.anonymousPolicy : k.startsWith('sync:') ? SYNC_POLICY : this.policy, bucket, now)) this.buckets.delete(k);
      this.lastSweep = now;
    }
    const decision = takeToken(policy, this.buckets.get(key), now);
    this.buckets.set(key, decision.bucket);
    return decision.allowed ? null : decision.retryAfterSeconds;
  }

  /**
   * Shutdown, step one: take no more sockets, wait (up to `graceMs`) for the writes in flight to be
   * answered, then close every socket's transport. Clients see a dropped connection and reconnect,
   * through the load balancer, to another node; their catch-up fetches what they missed.
   */
  async drain(graceMs: number): Promise<{ waitedMs: number; unanswered: number; closed: number }> {
    this.draining = true;
    const started = Date.now();
    if (this.inFlight > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, graceMs);
        this.idle.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    // The last acks were handed to the transport; let it write them before the connections close.
    await new Promise((resolve) => setImmediate(resolve));
    let closed = 0;
    for (const nsp of this.namespaces) {
      for (const socket of nsp.sockets.values()) {
        closed++;
        // Closes the transport after its write buffer is flushed (engine.close() would discard it). The
        // client sees "transport close" and reconnects on its own; this node refuses the handshake.
        socket.conn.close();
      }
    }
    const outcome = { waitedMs: Date.now() - started, unanswered: this.inFlight, closed };
    this.log.info(outcome, 'drained: sockets closed, clients reconnect to another node');
    return outcome;
  }

  private settle(): void {
    this.inFlight--;
    if (this.inFlight === 0) this.idle.splice(0).forEach((resolve) => resolve());
  }
}
