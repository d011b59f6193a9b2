import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { DATABASE_APP_URL } from '@switchboard/api-database';
import { ROOT_LOGGER } from '@switchboard/api-platform';
import { Client } from 'pg';
import type { Logger } from 'pino';
import { PrincipalChangedEvent } from './principal-changed.event';

/** The channel the principal_changed triggers notify (migration 1765200000000). */
export const PRINCIPAL_CHANNEL = 'principal_changed';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RECONNECT_MS = 1_000;

/**
 * Listens on its own connection (outside the pool) for changes to users, client assignments, teams
 * and sessions, and raises PrincipalChangedEvent for each user concerned, so their open sockets are
 * checked again at once rather than at the next periodic revalidation. After a lost connection it
 * reconnects and asks for everyone to be checked (notifications sent meanwhile are gone).
 */
@Injectable()
export class PrincipalChangeFeed implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log: Logger;
  private client: Client | null = null;
  private stopped = false;
  private retry?: NodeJS.Timeout;

  constructor(
    @Inject(DATABASE_APP_URL) private readonly url: string,
    private readonly events: EventEmitter2,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ context: PrincipalChangeFeed.name });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.connect(false);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    await this.client?.end().catch(() => undefined);
  }

  private async connect(resumed: boolean): Promise<void> {
    const client = new Client({ connectionString: this.url });
    client.on('notification', (message) => {
      if (message.channel !== PRINCIPAL_CHANNEL) return;
      const userId = message.payload && UUID.test(message.payload) ? message.payload : null;
      this.events.emit(PrincipalChangedEvent.eventName, new PrincipalChangedEvent(userId));
    });
    client.on('error', (error) => this.log.warn({ err: error }, 'principal change feed lost its connection'));
    client.on('end', () => this.scheduleReconnect(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${PRINCIPAL_CHANNEL}`);
      this.client = client;
      if (resumed) this.events.emit(PrincipalChangedEvent.eventName, new PrincipalChangedEvent(null));
    } catch (error) {
      this.log.warn({ err: error }, 'principal change feed could not listen; retrying');
      await client.end().catch(() => undefined);
      this.scheduleReconnect(client);
    }
  }

  private scheduleReconnect(from: Client): void {
    if (this.stopped || (this.client !== null && this.client !== from) || this.retry) return;
    this.client = null;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      void this.connect(true);
    }, RECONNECT_MS);
    this.retry.unref();
  }
}
