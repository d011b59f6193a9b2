import { computed, ref, shallowRef } from 'vue';
import { ErrorCode, type Ack, type ErrorBody } from '@switchboard/shared-contracts';
import { RealtimeError, type AckEventName, type AckRequest, type AckResult, type ConnectionState, type EventMap, type RealtimeConnection } from './realtime.types';

type Responder<C, E extends AckEventName<C>> = (payload: AckRequest<C, E>) => Ack<AckResult<C, E>> | Promise<Ack<AckResult<C, E>>>;

/** A connection that a test drives by hand: no server, same typed surface as `connectRealtime`. */
export interface FakeRealtimeConnection<S extends EventMap<S>, C extends EventMap<C>> extends RealtimeConnection<S, C> {
  /** Acknowledged writes the code under test sent, in order. */
  readonly requests: { event: string; payload: unknown }[];
  /** Delivers a server → client event to every listener. */
  emitFromServer<E extends keyof S & string>(event: E, ...args: Parameters<S[E]>): void;
  /** How the fake server answers an acknowledged write. */
  answer<E extends AckEventName<C>>(event: E, responder: Responder<C, E>): void;
  /** Moves the connection to `state`; reaching `connected` again counts as a reconnect. */
  setState(state: ConnectionState, rejection?: ErrorBody): void;
}

export function createFakeConnection<S extends EventMap<S>, C extends EventMap<C>>(
  initial: ConnectionState = 'connected',
): FakeRealtimeConnection<S, C> {
  const state = ref<ConnectionState>(initial);
  const rejection = shallowRef<ErrorBody | null>(null);
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  const responders = new Map<string, (payload: unknown) => Ack<unknown> | Promise<Ack<unknown>>>();
  const reconnectHandlers = new Set<() => void>();
  const requests: { event: string; payload: unknown }[] = [];
  let hasConnected = initial === 'connected';

  return {
    state: computed(() => state.value),
    rejection: computed(() => rejection.value),
    requests,
    on(event, handler) {
      const set = listeners.get(event) ?? new Set();
      const listener = handler as unknown as (...args: unknown[]) => void;
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
    async request(event, payload) {
      requests.push({ event, payload });
      if (state.value !== 'connected') {
        throw new RealtimeError({ code: ErrorCode.ServiceUnavailable, message: 'Not connected to Switchboard right now. Please try again in a moment.' });
      }
      const responder = responders.get(event);
      if (!responder) throw new RealtimeError({ code: ErrorCode.Internal, message: `No fake answer for ${event}` });
      const ack = (await responder(payload)) as Ack<AckResult<C, typeof event>>;
      if (!ack.ok) throw new RealtimeError(ack.error);
      return ack.data;
    },
    onReconnect(handler) {
      reconnectHandlers.add(handler);
      return () => reconnectHandlers.delete(handler);
    },
    close() {
      state.value = 'offline';
    },
    emitFromServer(event, ...args) {
      listeners.get(event)?.forEach((listener) => listener(...args));
    },
    answer(event, responder) {
      responders.set(event, responder as (payload: unknown) => Ack<unknown> | Promise<Ack<unknown>>);
    },
    setState(next, reason) {
      state.value = next;
      rejection.value = reason ?? null;
      if (next === 'connected') {
        if (hasConnected) reconnectHandlers.forEach((handler) => handler());
        hasConnected = true;
      }
    },
  };
}
