import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { isOriginAllowed, type AppConfig } from '@switchboard/api-platform';
import { TenancyService } from '@switchboard/api-tenancy';
import type { Server, ServerOptions } from 'socket.io';
import { FanOutConnection } from './fan-out.service';
import { NodeLifecycle } from './node-lifecycle.service';

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
    const adapter = this.app.get(FanOutConnection, { strict: false }).adapter();
    if (adapter) server.adapter(adapter);
    return server;
  }

  private async embeddingOrigins(): Promise<Set<string>> {
    if (Date.now() - this.widgetOrigins.readAt > WIDGET_ORIGINS_TTL_MS) {
      const origins = await this.app.get(TenancyService, { strict: false }).widgetOrigins();
      this.widgetOrigins = { origins: new Set(origins), readAt: Date.now() };
    }
    return this.widgetOrigins.origins;
  }
}
