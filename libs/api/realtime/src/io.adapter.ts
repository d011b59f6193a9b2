import type { IncomingHttpHeaders } from 'node:http';
import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { isOriginAllowed, ROOT_LOGGER, type AppConfig } from '@switchboard/api-platform';
import { TenancyService } from '@switchboard/api-tenancy';
import type { Logger } from 'pino';
import { filter } from 'rxjs';
import type { Server, ServerOptions } from 'socket.io';
import { FanOutConnection } from './fan-out.service';
import { NodeLifecycle } from './node-lifecycle.service';

/** What Socket.IO's handshake of a namespace reads from the session's first request. */
interface HandshakeSource {
  headers: IncomingHttpHeaders;
  url?: string;
  _query?: Record<string, string>;
  connection: { encrypted?: boolean };
}

const handshakeSource = (request: HandshakeSource): HandshakeSource => ({
  headers: request.headers,
  url: request.url,
  _query: request._query,
  connection: { encrypted: Boolean(request.connection?.encrypted) },
});

/** How long the list of web sites that embed a widget is reused before it is read again. */
const WIDGET_ORIGINS_TTL_MS = 30_000;

/**
 * Socket.IO server settings shared by every namespace: payload cap and the transport-level origin
 * check (CORS of long-polling). That check also lets in the web sites that embed a chat widget; each
 * namespace then checks the origin again for itself (staff namespaces: only the product's origins).
 */
export class SwitchboardIoAdapter extends IoAdapter {
  private widgetOrigins: { origins: Set<string>; readAt: number } = { origins: new Set(), readAt: 0 };

  constructor(
    private readonly app: INestApplicationContext,
    private readonly config: AppConfig,
  ) {
    super(app);
  }

  /**
   * The one Socket.IO server of the node. With REDIS_URL its adapter is the Redis Streams one, so an
   * emit to a room reaches the room's sockets on every node. A draining node refuses new handshakes
   * (the client retries, and the load balancer sends it to another node).
   */
  override createIOServer(port: number, options?: ServerOptions) {
    const lifecycle = this.app.get(NodeLifecycle, { strict: false });
    const server: Server = super.createIOServer(port, {
      ...options,
      allowRequest: (_req: unknown, callback: (error: string | null | undefined, allow: boolean) => void) => (lifecycle.acceptsConnections() ? callback(null, true) : callback('This node is shutting down; reconnect to another.', false)),
      maxHttpBufferSize: 64 * 1024,
      pingInterval: 10_000,
      pingTimeout: 10_000,
      cors: {
        origin: (origin: string | undefined, done: (error: Error | null, allow?: boolean) => void) => {
          if (isOriginAllowed(this.config, origin)) return done(null, true);
          this.embeddingOrigins().then(
            (origins) => done(null, origins.has((origin ?? '').replace(/\/$/, ''))),
            () => done(null, false),
          );
        },
        credentials: false,
      },
    });
    // Engine.IO keeps each session's first HTTP request (an IncomingMessage: raw headers, parser and
    // stream state…) for the connection's whole life, only to build the handshake of each namespace the
    // client joins. Keep just what that handshake reads: a few KB less per idle socket.
    server.engine.on('connection', (raw: { request: HandshakeSource }) => {
      raw.request = handshakeSource(raw.request);
    });
    const adapter = this.app.get(FanOutConnection, { strict: false }).adapter();
    if (adapter) server.adapter(adapter);
    return server;
  }

  /**
   * One plain listener per event and socket. Nest's own binding builds an RxJS pipeline per event and
   * socket (`fromEvent` → `mergeMap` → `takeUntil(disconnect)`) that every socket holds for its whole
   * life: an idle widget socket carried about 20 subscribers and 130 closures. The behaviour is Nest's:
   * a handler's non-null result acknowledges the call, or is emitted when it is `{ event, data }`.
   */
  override bindMessageHandlers(...[socket, handlers, transform]: Parameters<IoAdapter['bindMessageHandlers']>): void {
    for (const { message, callback, isAckHandledManually } of handlers) {
      socket.on(message as string, (...args: unknown[]) => {
        const { data, ack } = this.mapPayload(args.length === 1 ? args[0] : args);
        transform(callback(data, ack))
          .pipe(filter((response) => response !== null && response !== undefined))
          .subscribe({
            next: (response) => {
              const reply = response as { event?: string; data?: unknown };
              if (reply.event) socket.emit(reply.event, reply.data);
              else if (!isAckHandledManually && typeof ack === 'function') ack(response);
            },
            error: (error: unknown) => this.log().error({ err: error, event: message }, 'socket handler failed outside its exception filter'),
          });
      });
    }
  }

  private log(): Logger {
    return this.app.get<Logger>(ROOT_LOGGER, { strict: false });
  }

  private async embeddingOrigins(): Promise<Set<string>> {
    if (Date.now() - this.widgetOrigins.readAt > WIDGET_ORIGINS_TTL_MS) {
      const origins = await this.app.get(TenancyService, { strict: false }).widgetOrigins();
      this.widgetOrigins = { origins: new Set(origins), readAt: Date.now() };
    }
    return this.widgetOrigins.origins;
  }
}
