import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, ROOT_LOGGER, type AppConfig } from '@switchboard/api-platform';
import type { Logger } from 'pino';
import { createClient } from 'redis';
import { resilientStreamsAdapter } from './fan-out.adapter';

export type FanOutState = 'off' | 'up' | 'down';

/** At most one "Redis is unreachable" warning per this many ms (the client retries every second or so). */
const WARN_EVERY_MS = 30_000;

/**
 * The Redis connection that carries socket events between API nodes (REDIS_URL). Off without it: one
 * node, events stay in the process. The client reconnects for ever; while Redis is down each node serves
 * its own sockets and `onRestored` handlers run when it is back (clients are then told to resync).
 */
@Injectable()
export class FanOutConnection implements OnApplicationShutdown {
  private readonly log: Logger;
  private readonly client: ReturnType<typeof createClient> | null;
  private up = false;
  private wasDown = false;
  private lastWarnAt = 0;
  private closed = false;
  private readonly restored = new Set<() => void>();
  private readonly changed = new Set<(state: FanOutState) => void>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig, @Inject(ROOT_LOGGER) logger: Logger) {
    this.log = logger.child({ context: FanOutConnection.name });
    const url = config.redis.url;
    this.client = url ? createClient({ url, socket: { connectTimeout: 2_000, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 1_000) } }) : null;
    if (!this.client) return;
    this.client.on('ready', () => {
      this.up = true;
      this.changed.forEach((handler) => handler('up'));
      if (this.wasDown) {
        this.log.info('Redis is back: cross-node events resume');
        this.restored.forEach((handler) => handler());
      }
      this.wasDown = false;
    });
    const lost = () => {
      if (this.closed) return;
      if (this.up) this.log.warn('Redis connection lost: serving this node’s sockets only until it returns');
      this.up = false;
      this.wasDown = true;
      this.changed.forEach((handler) => handler('down'));
    };
    this.client.on('reconnecting', lost);
    this.client.on('end', lost);
    this.client.on('error', (error: Error) => {
      if (Date.now() - this.lastWarnAt < WARN_EVERY_MS) return;
      this.lastWarnAt = Date.now();
      this.log.warn({ err: { message: error.message, code: (error as NodeJS.ErrnoException).code } }, 'Redis is unreachable; retrying');
    });
    // Not awaited: a node starts (and serves its own sockets) while Redis is still away.
    this.client.connect().catch(() => undefined);
  }

  get state(): FanOutState {
    return this.client ? (this.up ? 'up' : 'down') : 'off';
  }

  /** The Socket.IO adapter over Redis Streams, or null without REDIS_URL. */
  adapter(): ReturnType<typeof resilientStreamsAdapter> | null {
    return this.client ? resilientStreamsAdapter({ client: this.client, isUp: () => this.up && !this.closed }, this.config.redis.stream) : null;
  }

  onRestored(handler: () => void): () => void {
    this.restored.add(handler);
    return () => this.restored.delete(handler);
  }

  onStateChange(handler: (state: FanOutState) => void): () => void {
    this.changed.add(handler);
    return () => this.changed.delete(handler);
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    if (!this.client?.isOpen) return;
    if (this.up) await this.client.close().catch(() => this.client?.destroy());
    else this.client.destroy();
  }
}
