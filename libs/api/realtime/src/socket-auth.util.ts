import { DomainException, isOriginAllowed, type AppConfig } from '@switchboard/api-platform';
import { ErrorCode, type ConnectErrorData } from '@switchboard/shared-contracts';
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
      () => next(),
      (error: unknown) => next(error instanceof DomainException ? connectError(error.code, error.message, error.retryAfterSeconds) : connectError(ErrorCode.Internal, 'Could not connect; try again.')),
    );
  };
}

export function handshakeString(socket: Socket, key: string): string | undefined {
  const auth = socket.handshake.auth as Record<string, unknown> | undefined;
  const value = auth?.[key];
  return typeof value === 'string' && value.length <= 4096 ? value : undefined;
}
