import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { isOriginAllowed, type AppConfig } from '@switchboard/api-platform';
import type { ServerOptions } from 'socket.io';

/** Socket.IO server settings shared by every namespace: origin allowlist, payload cap. */
export class SwitchboardIoAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly config: AppConfig,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions) {
    return super.createIOServer(port, {
      ...options,
      maxHttpBufferSize: 64 * 1024,
      pingInterval: 10_000,
      pingTimeout: 10_000,
      cors: { origin: (origin: string | undefined, done: (error: Error | null, allow?: boolean) => void) => done(null, isOriginAllowed(this.config, origin)), credentials: false },
    });
  }
}
