import { DomainException, isOriginAllowed, type AppConfig } from '@switchboard/api-platform';
import { ErrorCode, type Ack, type ConnectErrorData } from '@switchboard/shared-contracts';
import { takeFromWindow } from '@switchboard/shared-domain';
import type { Socket } from 'socket.io';

type Next = (error?: Error) => void;

/** An Error whose `data` reaches the client in `connect_error`. */
export function connectError(code: ConnectErrorData['code'], message: string, retryAfterSeconds?: number): Error & { data: ConnectErrorData } {
  return Object.assign(new Error(message), { data: { code, message, ...(retryAfterSeconds ? { retryAfterSeconds } : {}) } });
}

/**
 * Namespace middleware: checks the browser Origin (unless the namespace checks it itself, as the widget's
 * does per inbox), then lets `authenticate` fill `socket.data`.
 * Any failure refuses the connection with a coded `connect_error`; nothing else runs.
 */
export function socketGate<S extends Socket>(config: AppConfig, authenticate: (socket: S) => Promise<void>, options: { originCheckedByNamespace?: boolean } = {}) {
  return (socket: S, next: Next) => {
    if (!options.originCheckedByNamespace && !isOriginAllowed(config, socket.handshake.headers.origin)) {
      return next(connectError(ErrorCode.OriginNotAllowed, 'This origin may not connect.'));
    }
    authenticate(socket).then(
      () => {
        socket.use(messageRateLimit(config.sockets.rateLimitPerMinute));
        next();
      },
      (error: unknown) => next(error instanceof DomainException ? connectError(error.code, error.message, error.retryAfterSeconds) : connectError(ErrorCode.Internal, 'Could not connect; try again.')),
    );
  };
}

export function handshakeString(socket: Socket, key: string): string | undefined {
  const auth = socket.handshake.auth as Record<string, unknown> | undefined;
  const value = auth?.[key];
  return typeof value === 'string' && value.length <= 4096 ? value : undefined;
}

const MINUTE_MS = 60_000;

/**
 * Per-socket limit on incoming messages: at most `perMinute` in any 60 s. A message over the limit is
 * dropped before any handler runs; when it asked for an acknowledgement it gets RATE_LIMITED with how
 * long to wait, so the client can tell the person rather than retry blindly.
 */
export function messageRateLimit(perMinute: number) {
  let stamps: number[] = [];
  return (packet: unknown[], next: (error?: Error) => void) => {
    const decision = takeFromWindow(stamps, Date.now(), perMinute, MINUTE_MS);
    stamps = decision.stamps;
    if (decision.allowed) return next();
    const ack = packet[packet.length - 1];
    if (typeof ack === 'function') {
      const seconds = Math.ceil(decision.retryAfterMs / 1000);
      const refusal: Ack<never> = { ok: false, error: { code: ErrorCode.RateLimited, message: `Too many messages: at most ${perMinute} a minute on one connection. Try again in ${seconds} s.` } };
      ack(refusal);
    }
  };
}
