import type { Ack, ConnectErrorData } from '@switchboard/shared-contracts';
import type { Socket } from 'socket.io-client';

/** The next `event` on `socket` whose payload passes `match`; rejects after `timeoutMs`. */
export function nextEvent<T>(socket: Socket, event: string, match: (payload: T) => boolean = () => true, timeoutMs = 5_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
    const handler = (payload: T) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      socket.off(event, handler);
      resolve(payload);
    };
    socket.on(event, handler);
  });
}

/** Emits `event` with `payload` and resolves with the server's ack. */
export function emitAck<T>(socket: Socket, event: string, payload: unknown, timeoutMs = 5_000): Promise<Ack<T>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ack to ${event} within ${timeoutMs} ms`)), timeoutMs);
    socket.emit(event, payload, (ack: Ack<T>) => {
      clearTimeout(timer);
      resolve(ack);
    });
  });
}

/** The data of a successful ack; fails the test with the error otherwise. */
export function acked<T>(ack: Ack<T>): T {
  if (!ack.ok) throw new Error(`ack failed: ${ack.error.code} ${ack.error.message}`);
  return ack.data;
}

export const connected = (socket: Socket) =>
  new Promise<void>((resolve, reject) => {
    if (socket.connected) return resolve();
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => reject(error));
  });

export const refused = (socket: Socket) =>
  new Promise<ConnectErrorData>((resolve, reject) => {
    socket.once('connect', () => reject(new Error('connected but should have been refused')));
    socket.once('connect_error', (error: Error & { data?: ConnectErrorData }) => resolve(error.data ?? { code: 'INTERNAL', message: error.message }));
  });

/** Collects every payload of an event, to show later that something did NOT arrive. */
export function record<T>(socket: Socket, event: string): T[] {
  const seen: T[] = [];
  socket.on(event, (payload: T) => seen.push(payload));
  return seen;
}
