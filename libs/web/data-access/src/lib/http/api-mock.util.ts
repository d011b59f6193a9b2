import type { ErrorBody, ErrorCode, FieldError, Page } from '@switchboard/shared-contracts';
import type { HttpMethod } from './http-transport.util';

/**
 * A tiny stand-in for the API used by component tests: it replaces `fetch` and answers the typed
 * routes built by the `mock*` helpers that sit beside each API operation (`auth.mock.ts`, …).
 */
export class ApiFailure {
  constructor(
    readonly status: number,
    readonly error: ErrorBody,
  ) {}
}

export function apiFailure(status: number, code: ErrorCode, message: string, fields?: FieldError[]): ApiFailure {
  return new ApiFailure(status, { code, message, ...(fields ? { fields } : {}) });
}

export interface RecordedCall {
  method: HttpMethod;
  /** Path with its query string, if any (`/api/tickets?assignee=me`). */
  path: string;
  body: unknown;
  authorization: string | null;
  /** Every request header, names lower-cased. */
  headers: Record<string, string>;
  /** A body that is not JSON text (a File or Blob upload), as it was given to fetch. */
  rawBody: unknown;
}

/** A reply: the operation's response type, an `ApiFailure`, or a function of the call returning either. */
export type MockReply<T> = T | ApiFailure | ((call: RecordedCall) => T | ApiFailure);

/** A file answer (downloads): the body as it is, with its type. */
export class FileReply {
  constructor(
    readonly content: string,
    readonly contentType = 'application/octet-stream',
  ) {}
}

export interface MockRouteOptions {
  /** Answer only the first matching call, then fall through to older routes. */
  once?: boolean;
}

export interface MockRoute {
  method: HttpMethod;
  path: string;
  answer: (call: RecordedCall) => { status: number; body: unknown };
  once: boolean;
}

export function mockRoute<T>(method: HttpMethod, path: string, reply: MockReply<T>, options: MockRouteOptions = {}): MockRoute {
  return {
    method,
    path,
    once: options.once ?? false,
    answer: (call) => {
      const value = typeof reply === 'function' ? (reply as (call: RecordedCall) => T | ApiFailure)(call) : reply;
      if (value instanceof ApiFailure) return { status: value.status, body: { error: value.error } };
      if (value instanceof FileReply) return { status: 200, body: value };
      return { status: value === undefined ? 204 : 200, body: value };
    },
  };
}

/** A whole list answered as its one page: what most component tests need of a paged list API. */
export function onePage<T>(reply: MockReply<T[]>): MockReply<Page<T>> {
  if (reply instanceof ApiFailure) return reply;
  if (typeof reply === 'function') {
    return (call) => {
      const value = reply(call);
      return value instanceof ApiFailure ? value : { items: value, nextCursor: null };
    };
  }
  return { items: reply, nextCursor: null };
}

export interface ApiMock {
  /** Every request the code under test made, in order. */
  readonly calls: RecordedCall[];
  use(...routes: MockRoute[]): void;
  callsTo(method: HttpMethod, path: string): RecordedCall[];
  restore(): void;
}

export function installApiMock(...initial: MockRoute[]): ApiMock {
  const originalFetch = globalThis.fetch;
  const routes: MockRoute[] = [];
  const calls: RecordedCall[] = [];

  const fakeFetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, 'http://localhost');
    const headers = new Headers(init.headers);
    const call: RecordedCall = {
      method: (init.method ?? 'GET').toUpperCase() as HttpMethod,
      path: url.pathname + url.search,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
      authorization: headers.get('Authorization'),
      headers: Object.fromEntries([...headers.entries()].map(([name, value]) => [name.toLowerCase(), value])),
      rawBody: typeof init.body === 'string' ? undefined : init.body,
    };
    calls.push(call);
    // Newest routes win, so a test can override a default set up in `beforeEach`.
    const index = routes.findLastIndex((route) => route.method === call.method && route.path === call.path);
    if (index === -1) {
      const error = { code: 'INTERNAL', message: `No API mock for ${call.method} ${call.path}` };
      return new Response(JSON.stringify({ error }), { status: 501, headers: { 'Content-Type': 'application/json' } });
    }
    const route = routes[index];
    if (route.once) routes.splice(index, 1);
    const { status, body } = route.answer(call);
    if (status === 204) return new Response(null, { status });
    if (body instanceof FileReply) return new Response(body.content, { status, headers: { 'Content-Type': body.contentType } });
    return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  };

  globalThis.fetch = fakeFetch as typeof fetch;
  const mock: ApiMock = {
    calls,
    use: (...more) => routes.push(...more),
    callsTo: (method, path) => calls.filter((call) => call.method === method && call.path === path),
    restore: () => {
      globalThis.fetch = originalFetch;
    },
  };
  mock.use(...initial);
  return mock;
}
