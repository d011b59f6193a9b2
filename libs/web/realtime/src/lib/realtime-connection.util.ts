import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import { computed, ref, shallowRef } from 'vue';
import { ErrorCode, type Ack, type ConnectErrorData, type ErrorBody } from '@switchboard/shared-contracts';
import { RealtimeError, type ConnectionState, type EventMap, type RealtimeConnection } from './realtime.types';

export interface ConnectRealtimeOptions {
  /** `/agent`, `/portal` or `/customer` (see `Namespace` in contracts). */
  namespace: string;
  /** Origin of the API; same origin when omitted. */
  url?: string;
  /** Read at every (re)connection attempt, so a refreshed token is picked up. */
  auth: () => Record<string, string>;
  /** Called once when the server says the access token expired; resolve `true` to retry. */
  refreshAuth?: () => Promise<boolean>;
  /** The server refused the connection for good (unknown inbox, revoked session, …). */
  onRejected?: (reason: ErrorBody) => void;
  /** Low-level socket.io options (tests use them to speed up reconnection). */
  socketOptions?: Partial<ManagerOptions & SocketOptions>;
}

const DEFAULT_ACK_TIMEOUT_MS = 10_000;
/** Refusals that pass: the server is busy, its database is away, or this client reconnected too often. */
const RETRYABLE: readonly string[] = [ErrorCode.ServiceUnavailable, ErrorCode.RateLimited];
const DEFAULT_RETRY_SECONDS = 2;

function connectErrorData(error: Error): ConnectErrorData | null {
  const data = (error as Error & { data?: unknown }).data;
  if (typeof data === 'object' && data !== null && 'code' in data && typeof data.code === 'string') {
    return data as ConnectErrorData;
  }
  return null;
}

/** Opens a typed socket.io connection to one namespace and keeps an honest connection state. */
export function connectRealtime<S extends EventMap<S>, C extends EventMap<C>>(options: ConnectRealtimeOptions): RealtimeConnection<S, C> {
  const state = ref<ConnectionState>('connecting');
  const rejection = shallowRef<ErrorBody | null>(null);
  const reconnectHandlers = new Set<() => void>();
  let hasConnected = false;
  let refreshTried = false;
  let closed = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  // The event maps are enforced by this module's typed surface; the socket itself stays generic.
  const socket: Socket = io(`${options.url ?? ''}${options.namespace}`, {
    ...options.socketOptions,
    auth: (callback) => callback(options.auth()),
  });

  const reject = (reason: ErrorBody) => {
    state.value = 'offline';
    rejection.value = reason;
    options.onRejected?.(reason);
  };

  socket.on('connect', () => {
    state.value = 'connected';
    rejection.value = null;
    refreshTried = false;
    if (hasConnected) reconnectHandlers.forEach((handler) => handler());
    hasConnected = true;
  });

  socket.on('disconnect', () => {
    state.value = socket.active && !closed ? 'reconnecting' : 'offline';
  });

  socket.on('connect_error', async (error) => {
    const data = connectErrorData(error);
    if (!data) {
      // Transport trouble: socket.io keeps retrying on its own while `active`.
      state.value = socket.active ? (hasConnected ? 'reconnecting' : 'connecting') : 'offline';
      return;
    }
    if (data.code === ErrorCode.AuthTokenExpired && options.refreshAuth && !refreshTried) {
      refreshTried = true;
      state.value = hasConnected ? 'reconnecting' : 'connecting';
      const refreshed = await options.refreshAuth().catch(() => false);
      if (closed) return;
      if (refreshed) {
        socket.connect();
        return;
      }
    }
    if (RETRYABLE.includes(data.code)) {
      // Not a refusal for good: try again after the wait the server asked for (plus a little jitter, so a
      // node's clients do not all come back in the same instant).
      state.value = hasConnected ? 'reconnecting' : 'connecting';
      const waitMs = (data.retryAfterSeconds ?? DEFAULT_RETRY_SECONDS) * 1000 + Math.floor(Math.random() * 500);
      clearTimeout(retryTimer);
      retryTimer = setTimeout(() => {
        if (!closed) socket.connect();
      }, waitMs);
      return;
    }
    reject(data);
  });

  return {
    state: computed(() => state.value),
    rejection: computed(() => rejection.value),
    on(event, handler) {
      const listener = handler as unknown as (...args: unknown[]) => void;
      socket.on(event as string, listener);
      return () => {
        socket.off(event as string, listener);
      };
    },
    async request(event, payload, timeoutMs = DEFAULT_ACK_TIMEOUT_MS) {
      if (!socket.connected) {
        throw new RealtimeError({ code: ErrorCode.ServiceUnavailable, message: 'Not connected to Switchboard right now. Please try again in a moment.' });
      }
      let ack: Ack<never>;
      try {
        ack = await socket.timeout(timeoutMs).emitWithAck(event, payload);
      } catch {
        throw new RealtimeError({ code: ErrorCode.ServiceUnavailable, message: 'Switchboard did not answer in time. Please try again.' });
      }
      if (!ack.ok) throw new RealtimeError(ack.error);
      return ack.data;
    },
    onReconnect(handler) {
      reconnectHandlers.add(handler);
      return () => reconnectHandlers.delete(handler);
    },
    close() {
      closed = true;
      clearTimeout(retryTimer);
      reconnectHandlers.clear();
      socket.disconnect();
      state.value = 'offline';
    },
  };
}
