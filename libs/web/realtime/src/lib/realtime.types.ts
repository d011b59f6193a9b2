import type { Ref } from 'vue';
import type { AckCallback, ErrorBody, ErrorCode } from '@switchboard/shared-contracts';

/** `connecting` only before the first successful connection; `offline` means no retry is under way. */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline';

/** An event map from contracts (`AgentServerEvents`, …): event name → listener signature. */
export type EventMap<T> = { [K in keyof T]: (...args: never[]) => void };

/** Client → server events answered with an `Ack<T>`. */
export type AckEventName<C> = {
  [E in keyof C]: C[E] extends (request: infer _Request, ack: AckCallback<infer _Result>) => void ? E : never;
}[keyof C] &
  string;
export type AckRequest<C, E extends keyof C> = C[E] extends (request: infer Request, ack: AckCallback<infer _Result>) => void ? Request : never;
export type AckResult<C, E extends keyof C> = C[E] extends (request: infer _Request, ack: AckCallback<infer Result>) => void ? Result : never;

/** Anything that can tell the UI how its live connection is doing. */
export interface ConnectionStatusSource {
  readonly state: Readonly<Ref<ConnectionState>>;
}

/** A typed live connection to one namespace. `S`: server → client events, `C`: client → server events. */
export interface RealtimeConnection<S extends EventMap<S>, C extends EventMap<C>> extends ConnectionStatusSource {
  /** Why the server refused the connection, when it did (then `state` is `offline`). */
  readonly rejection: Readonly<Ref<ErrorBody | null>>;
  on<E extends keyof S & string>(event: E, handler: S[E]): () => void;
  /** Sends an acknowledged write; resolves with the ack's data, rejects with a `RealtimeError`. */
  request<E extends AckEventName<C>>(event: E, payload: AckRequest<C, E>, timeoutMs?: number): Promise<AckResult<C, E>>;
  /** Called after every connection but the first: the moment to refetch what may have been missed. */
  onReconnect(handler: () => void): () => void;
  close(): void;
}

/** A refused or failed acknowledged write, with the server's stable code. */
export class RealtimeError extends Error {
  readonly code: ErrorCode;
  readonly body: ErrorBody;

  constructor(body: ErrorBody) {
    super(body.message);
    this.name = 'RealtimeError';
    this.code = body.code;
    this.body = body;
  }
}
