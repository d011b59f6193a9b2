import type { Ack, FieldError } from '@switchboard/shared-contracts';
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { discoverRoutes, discoverSocketEvents, type DiscoveredRoute } from '../testing/app-surface';
import { freshToken, populatedWorld, rowIdsOf, snapshotOf, type PopulatedWorld, type Resource, type Role } from '../testing/attack-world';
import { destroyRoutingWorlds, nodeClient } from '../testing/routing-world';
import { ownerQuery, startTestApp, type TestApp } from '../testing/test-app';

/**
 * The attack matrix. Routes and socket events are discovered from the running app (Express's router
 * joined with Nest's metadata; the gateways' @SubscribeMessage handlers), so a route or event added
 * tomorrow is attacked without anyone editing this file. Each is tried as every role of a "home"
 * client against a "victim" client that shares nothing with it:
 *   - foreign ids: the victim's ids in the path, the query and the body (the body is completed by
 *     reading the validation errors, so the attempt reaches the service, not just the validator);
 *   - spoofed identity and forwarding headers on the same attempt;
 *   - mass assignment: the caller's own ids in the path, the victim's clientId in the body/query;
 *   - injection strings in every path parameter, query filter and text field.
 * Expected: every attempt that names a victim row is refused with 400/403/404 (an anonymous caller:
 * 401), nothing ever answers 5xx, nothing any caller receives carries a victim id or the victim's
 * secret marker, and the victim's rows (every table with a client_id, found in the catalogue) are
 * byte-for-byte the same afterwards. A path parameter or id field the matrix cannot map to a kind of
 * row fails the test, so a new route is either covered or loudly unclassified.
 */

jest.setTimeout(900_000);

/** How a path parameter or an id field names a row. `:id` takes its kind from the collection before it. */
const PARAM_KINDS: Record<string, Resource> = {
  clientId: 'client',
  ticketId: 'ticket',
  messageId: 'message',
  offerId: 'offer',
  queueId: 'queue',
  inboxId: 'inbox',
  userId: 'agent',
  agentId: 'agent',
  toUserId: 'agent',
  assigneeId: 'agent',
  reviewerId: 'agent',
  whisperId: 'whisper',
  attachmentId: 'attachment',
  attachments: 'attachment',
  scorecardId: 'scorecard',
  evaluationId: 'evaluation',
  disputeId: 'dispute',
  cannedResponseId: 'cannedResponse',
  dispositionId: 'disposition',
  teamId: 'agent',
  reviewerIds: 'agent',
  referenceReviewerId: 'agent',
  ticketIds: 'ticket',
  evaluationIds: 'evaluation',
  skillId: 'skill',
  scheduleId: 'reportSchedule',
  outageId: 'outage',
};
const COLLECTION_KINDS: Record<string, Resource> = {
  clients: 'client',
  tickets: 'ticket',
  messages: 'message',
  offers: 'offer',
  queues: 'queue',
  inboxes: 'inbox',
  agents: 'agent',
  users: 'agent',
  whispers: 'whisper',
  attachments: 'attachment',
  scorecards: 'scorecard',
  evaluations: 'evaluation',
  disputes: 'dispute',
  'canned-responses': 'cannedResponse',
  dispositions: 'disposition',
  'sampling-policies': 'samplingPolicy',
  'calibration-sessions': 'calibrationSession',
  'coaching-notes': 'coachingNote',
  skills: 'skill',
  'report-schedules': 'reportSchedule',
  outages: 'outage',
};
/** Path parameters that name no row but a value of a fixed set (a KPI, a month): any caller may say them. */
const LITERAL_PARAMS: Record<string, string> = { kpi: 'service_level', month: '2026-11', file: '2026-11.pdf' };
/** Public lookups by a key that is public by design (the widget's inbox key is in every client web page). */
const PUBLIC_KEY_PARAMS = new Set(['inboxKey']);

const INJECTIONS = [`' OR '1'='1`, `1; DROP TABLE tickets; --`, `{"$ne": null}`, `../../../etc/passwd`, `%`, `\u0000`];

const SPOOFED_HEADERS = (victim: PopulatedWorld): Record<string, string> => ({
  'x-forwarded-for': '10.1.2.3, 127.0.0.1',
  'x-real-ip': '10.1.2.3',
  forwarded: 'for=10.1.2.3;host=evil.example;proto=https',
  'x-forwarded-host': 'evil.example',
  'x-forwarded-proto': 'https',
  'x-user-id': victim.ids.agent,
  'x-client-id': victim.ids.client,
  'x-tenant-id': victim.ids.client,
  'x-role': 'admin',
  'x-forwarded-user': 'admin@switchboard.demo',
  'x-remote-user': 'admin@switchboard.demo',
  'x-original-url': '/api/health',
  'x-rewrite-url': '/api/health',
  'x-http-method-override': 'GET',
});

const ROLES: Role[] = ['anonymous', 'client_viewer', 'client_admin', 'agent', 'team_lead', 'admin'];

interface Outcome {
  target: string;
  role: Role;
  variant: string;
  status: number;
  code?: string;
  /** The request named a victim row. */
  foreign: boolean;
  problem?: string;
}

type Json = Record<string, unknown>;

function setPath(target: Json, dotted: string, value: unknown): void {
  const parts = dotted.split('.');
  let node: Json = target;
  for (const part of parts.slice(0, -1)) {
    if (typeof node[part] !== 'object' || node[part] === null) node[part] = {};
    node = node[part] as Json;
  }
  node[parts[parts.length - 1]] = value;
}

function deletePath(target: Json, dotted: string): void {
  const parts = dotted.split('.');
  let node: Json | undefined = target;
  for (const part of parts.slice(0, -1)) node = node?.[part] as Json | undefined;
  if (node) delete node[parts[parts.length - 1]];
}

describe('attack matrix: every route and socket event, every role, against a foreign client', () => {
  let t: TestApp;
  let home: PopulatedWorld;
  let victim: PopulatedWorld;
  let adminId: string;
  let victimMarkers: string[];
  let victimVisitorToken: string;
  let before: Record<string, string>;
  const unclassified = new Set<string>();
  const sockets: Socket[] = [];

  beforeAll(async () => {
    // No background QA work (AutoQA sweeps write autoqa_results for resolved tickets): the victim's rows change only if an attack changes them.
    t = await startTestApp({ LOGIN_MAX_FAILURES: '1000', LOGIN_MAX_FAILURES_PER_ADDRESS: '10000', QA_JOBS_ENABLED: 'false' });
    home = await populatedWorld('home');
    victim = await populatedWorld('victim');
    const chat = await nodeClient(t.url, sockets).chat(victim.widgetKey, `Hello from the victim's customer ${victim.secret}`);
    victimVisitorToken = chat.visitorToken;
    chat.socket.disconnect();
    [{ id: adminId }] = await ownerQuery<{ id: string }>(`SELECT id FROM users WHERE email = 'admin@switchboard.demo'`);
    victimMarkers = [...(await rowIdsOf(victim.ids.client)), victim.secret, victimVisitorToken];
    before = await snapshotOf(victim.ids.client);
  });
  afterEach(() => {
    sockets.splice(0).forEach((s) => s.disconnect());
  });
  afterAll(async () => {
    // Thousands of refused sign-ins from 127.0.0.1: the suites after this one share the database and that address.
    await ownerQuery('DELETE FROM login_failures');
    await destroyRoutingWorlds();
    await t.close();
  });

  const userOf = (role: Role): string | null =>
    role === 'anonymous' ? null : role === 'admin' ? adminId : { client_viewer: home.users.viewer, client_admin: home.users.clientAdmin, agent: home.users.agent, team_lead: home.users.lead }[role].id;
  const tokenFor = async (role: Role) => {
    const user = userOf(role);
    return user ? await freshToken(t.app, user) : undefined;
  };

  /** The kind of row a path parameter names, or null (recorded as unclassified). */
  function kindOfParam(route: DiscoveredRoute, param: string): Resource | 'publicKey' | { literal: string } | null {
    if (PUBLIC_KEY_PARAMS.has(param)) return 'publicKey';
    if (LITERAL_PARAMS[param]) return { literal: LITERAL_PARAMS[param] };
    if (PARAM_KINDS[param]) return PARAM_KINDS[param];
    if (param === 'id') {
      const segments = route.path.split('/');
      const collection = segments[segments.indexOf(':id') - 1];
      if (COLLECTION_KINDS[collection]) return COLLECTION_KINDS[collection];
    }
    unclassified.add(`${route.method} ${route.path}: path parameter :${param}`);
    return null;
  }

  function concretePath(route: DiscoveredRoute, world: PopulatedWorld, override?: (param: string, index: number) => string): string {
    let index = 0;
    return route.path.replace(/:(\w+)/g, (_m, param: string) => {
      if (override) return encodeURIComponent(override(param, index++));
      const kind = kindOfParam(route, param);
      if (kind === 'publicKey') return world.widgetKey;
      if (typeof kind === 'object' && kind !== null) return kind.literal;
      return kind ? world.ids[kind] : randomUUID();
    });
  }

  /** A value the validator will accept for `field`, from what it said was wrong; ids are the world's rows. */
  function valueFor(where: string, field: string, message: string, world: PopulatedWorld): unknown {
    const leaf = field.split('.').pop() as string;
    if (/UUID/i.test(message)) {
      const kind = PARAM_KINDS[leaf] ?? COLLECTION_KINDS[leaf];
      if (!kind) {
        unclassified.add(`${where}: id field ${field}`);
        return randomUUID();
      }
      return /array/i.test(message) || leaf === 'attachments' ? [world.ids[kind]] : world.ids[kind];
    }
    const oneOf = /must be one of (.+)$/.exec(message);
    if (oneOf) return oneOf[1].split(/,\s*|\s+or\s+/)[0].replace(/["']/g, '');
    if (/boolean/i.test(message)) return true;
    const min = /(?:less than|at least) (\d+)/.exec(message);
    if (min && !/characters|elements|items/.test(message)) return Number(min[1]);
    if (/number|integer/i.test(message)) return 1;
    if (/array|list/i.test(message)) return [];
    if (/email/i.test(message)) return `probe.${randomUUID().slice(0, 6)}@example.com`;
    if (/date|ISO 8601|time/i.test(message)) return new Date().toISOString();
    if (/object/i.test(message)) return {};
    const longer = /(?:longer than or equal to|at least) (\d+) characters/.exec(message);
    if (longer) return 'p'.repeat(Number(longer[1]));
    return `probe ${randomUUID().slice(0, 8)}`;
  }

  /** Fixes the body from the validation errors; false when there is nothing left to fix (or only our planted field is refused). */
  function adjust(body: Json, fields: FieldError[], where: string, world: PopulatedWorld, planted: string[] = []): boolean {
    let changed = false;
    for (const { field, message } of fields) {
      if (message === 'is not a known field') {
        if (planted.includes(field)) return false;
        deletePath(body, field);
        changed = true;
      } else if (field !== '(payload)') {
        setPath(body, field, valueFor(where, field, message, world));
        changed = true;
      }
    }
    return changed;
  }

  const leakIn = (text: string, request: string): string | undefined => victimMarkers.find((marker) => text.includes(marker) && !request.includes(marker));
  const namesVictim = (request: string) => victimMarkers.some((marker) => request.includes(marker));

  describe('HTTP', () => {
    let routes: DiscoveredRoute[];
    const outcomes: Outcome[] = [];

    async function send(route: DiscoveredRoute, role: Role, variant: string, path: string, options: { query?: Json; body?: Json; headers?: Record<string, string>; token?: string }) {
      const search = new URLSearchParams();
      for (const [key, value] of Object.entries(options.query ?? {})) for (const v of [value].flat()) search.append(key, String(v));
      const url = `${path}${search.size ? `?${search}` : ''}`;
      const headers: Record<string, string> = { ...options.headers };
      if (options.token) headers['authorization'] = `Bearer ${options.token}`;
      const body = route.method === 'GET' || route.method === 'HEAD' ? undefined : JSON.stringify(options.body ?? {});
      if (body !== undefined) headers['content-type'] = 'application/json';
      const response = await fetch(`${t.url}${url}`, { method: route.method, headers, body, redirect: 'manual' });
      const text = await response.text();
      let parsed: { error?: { code?: string; fields?: FieldError[] } } | null = null;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = null;
      }
      const request = `${url} ${body ?? ''}`;
      // What the handler reads: the path, the query keys it takes, the body if it takes one.
      const read = `${path} ${route.wholeQuery ? search : route.queryKeys.map((k) => search.getAll(k).join(',')).join(' ')} ${route.hasBody ? (body ?? '') : ''}`;
      const foreign = namesVictim(read);
      const outcome: Outcome = { target: `${route.method} ${route.path}`, role, variant, status: response.status, code: parsed?.error?.code, foreign };
      const leak = role === 'admin' ? undefined : leakIn(`${text} ${response.headers.get('content-disposition') ?? ''}`, request);
      const refused = [400, 403, 404].includes(response.status) || (response.status === 401 && (role === 'anonymous' || route.isPublic)) || (response.status === 429 && route.isPublic);
      if (response.status >= 500) outcome.problem = `answered ${response.status}`;
      else if (leak) outcome.problem = `leaked victim data (${leak}) with ${response.status}`;
      else if (response.status === 401 && role !== 'anonymous' && !route.isPublic) outcome.problem = `a valid session got 401 ${outcome.code}: the attempt proved nothing`;
      else if (role === 'anonymous' && !route.isPublic && response.status !== 401) outcome.problem = `an anonymous caller got ${response.status}`;
      else if (foreign && role !== 'admin' && !refused) outcome.problem = `named a victim row and got ${response.status} ${outcome.code ?? ''}`;
      outcomes.push(outcome);
      return { status: response.status, fields: parsed?.error?.code === 'VALIDATION_FAILED' ? (parsed.error.fields ?? []) : null };
    }

    /** Sends, then completes the body (or the query of a GET) from the validation errors, up to 8 rounds. */
    async function probe(route: DiscoveredRoute, role: Role, variant: string, path: string, world: PopulatedWorld, start: { query: Json; body: Json; headers?: Record<string, string>; planted?: string[] }) {
      const token = await tokenFor(role);
      const query = { ...start.query };
      const body = structuredClone(start.body);
      for (let round = 0; round < 8; round++) {
        const { fields } = await send(route, role, variant, path, { query, body, headers: start.headers, token });
        if (!fields?.length) break;
        const target = route.method === 'GET' || route.method === 'DELETE' ? query : body;
        if (!adjust(target, fields, `${route.method} ${route.path}`, world, start.planted)) break;
      }
      return { query, body };
    }

    /** Replaces every victim id in a value with the home world's id of the same kind. */
    const homeified = (value: Json): Json => {
      let text = JSON.stringify(value);
      for (const kind of Object.keys(victim.ids) as Resource[]) text = text.split(victim.ids[kind]).join(home.ids[kind]);
      return JSON.parse(text);
    };

    beforeAll(() => {
      routes = discoverRoutes(t.app);
    });

    it('serves no route the matrix cannot see: every Express route is a Nest handler (or the API docs)', () => {
      // Outside Nest by design: the API docs, and Prometheus' /metrics (counts per channel, no client's rows; METRICS_TOKEN guards it in production).
      const outside = routes.filter((r) => r.handler === null && !r.path.startsWith('/api/docs') && r.path !== '/metrics');
      expect(outside).toEqual([]);
      expect(routes.filter((r) => r.handler).length).toBeGreaterThanOrEqual(60);
    });

    it('refuses every foreign, spoofed, mass-assigned and injected request and changes none of the victim rows', async () => {
      const attackable = routes.filter((r) => r.handler !== null);
      for (const route of attackable) {
        for (const role of ROLES) {
          // 1. The victim's ids everywhere an id can go. An admin has a right to every client, so an
          //    admin aims at the home client instead (and must still never answer 5xx or touch the victim).
          const aim = role === 'admin' ? home : victim;
          const idQuery = Object.fromEntries(route.queryKeys.flatMap((key) => (PARAM_KINDS[key] ? [[key, aim.ids[PARAM_KINDS[key]]]] : [])));
          const foreignPath = concretePath(route, aim);
          const shaped = await probe(route, role, 'foreign ids', foreignPath, aim, { query: idQuery, body: { clientId: aim.ids.client } });

          // 2. The same, claiming another identity and address through headers.
          await send(route, role, 'spoofed headers', foreignPath, { ...shaped, headers: SPOOFED_HEADERS(victim), token: await tokenFor(role) });

          if (role !== 'anonymous') {
            // 3. Mass assignment: the caller's own rows in the path, the victim's client in the body and query.
            const own = homeified({ query: shaped.query, body: shaped.body });
            await send(route, role, 'mass assignment', concretePath(route, home), {
              query: { ...(own['query'] as Json), ...(route.queryKeys.includes('clientId') ? { clientId: victim.ids.client } : {}) },
              body: { ...(own['body'] as Json), clientId: victim.ids.client },
              token: await tokenFor(role),
            });
          }

          // 4. Injection strings in every path parameter, query filter and text field.
          for (const injection of INJECTIONS) {
            const path = route.path.includes(':') ? concretePath(route, home, () => injection) : route.path;
            const query = Object.fromEntries([...new Set([...route.queryKeys, ...Object.keys(shaped.query)])].map((key) => [key, injection]));
            const body = JSON.parse(JSON.stringify(shaped.body), (_key, value) => (typeof value === 'string' ? injection : value));
            await send(route, role, 'injection', path, { query, body, token: await tokenFor(role) });
          }
        }
      }

      const after = await snapshotOf(victim.ids.client);
      const problems = outcomes.filter((o) => o.problem).map((o) => `${o.role} ${o.variant} ${o.target}: ${o.problem}`);
      const foreign = outcomes.filter((o) => o.foreign && o.role !== 'admin');
      const pastValidation = foreign.filter((o) => o.code !== 'VALIDATION_FAILED');
      console.log(
        [
          `attack matrix (HTTP): ${attackable.length} routes × ${ROLES.length} roles → ${outcomes.length} attempts`,
          `  naming a victim row (non-admin): ${foreign.length}, refused: ${foreign.filter((o) => [400, 401, 403, 404, 429].includes(o.status)).length} (${pastValidation.length} of them past validation, refused by authorisation)`,
          `  by status: ${JSON.stringify(outcomes.reduce<Record<number, number>>((n, o) => ({ ...n, [o.status]: (n[o.status] ?? 0) + 1 }), {}))}`,
        ].join('\n'),
      );
      expect({ unclassified: [...unclassified], problems }).toEqual({ unclassified: [], problems: [] });
      expect(pastValidation.length).toBeGreaterThan(attackable.length);
      expect(after).toEqual(before);
    });
  });

  describe('sockets', () => {
    const outcomes: Outcome[] = [];
    const received: { role: Role; namespace: string; event: string; payload: string; presented: string }[] = [];

    function open(namespace: string, auth: Json, role: Role): Socket {
      const socket = io(`${t.url}${namespace}`, { auth, transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: SPOOFED_HEADERS(victim) });
      sockets.push(socket);
      // What the socket presented itself (its token) may come back to it; anything else of the victim's may not.
      socket.onAny((event: string, payload: unknown) => received.push({ role, namespace, event, payload: JSON.stringify(payload), presented: JSON.stringify(auth) }));
      return socket;
    }

    const connect = (socket: Socket) =>
      new Promise<string | null>((resolve) => {
        socket.once('connect', () => resolve(null));
        socket.once('connect_error', (error: Error & { data?: { code?: string } }) => resolve(error.data?.code ?? error.message));
      });

    const emit = (socket: Socket, event: string, payload: unknown) =>
      new Promise<Ack<unknown> | null>((resolve) => {
        const timer = setTimeout(() => resolve(null), 5_000);
        socket.emit(event, payload, (ack: Ack<unknown>) => {
          clearTimeout(timer);
          resolve(ack);
        });
      });

    it('refuses every foreign, mass-assigned and injected event on every namespace, for every role', async () => {
      const { namespaces, events } = discoverSocketEvents(t.app);
      const connectedAs: string[] = [];

      for (const namespace of namespaces) {
        for (const role of ROLES) {
          // The widget's namespace is the anonymous visitor's: it is entered with an inbox key, by anyone,
          // here with the victim visitor's token (which must not open the victim's conversation).
          if (namespace === '/customer' && role !== 'anonymous') continue;
          const token = await tokenFor(role);
          const auth: Json =
            namespace === '/customer'
              ? { inboxKey: home.widgetKey, visitorToken: victimVisitorToken, clientId: victim.ids.client }
              : { ...(token ? { token } : {}), clientId: victim.ids.client, userId: victim.ids.agent, role: 'admin' };
          const socket = open(namespace, auth, role);
          const refusal = await connect(socket);
          const mine = events.filter((e) => e.namespace === namespace);
          if (refusal) {
            for (const e of mine) outcomes.push({ target: `${namespace} ${e.event}`, role, variant: 'connect', status: 403, code: refusal, foreign: false });
            continue;
          }
          connectedAs.push(`${namespace} ${role}`);
          for (const { event } of mine) {
            const target = `${namespace} ${event}`;
            const record = (variant: string, payload: Json, ack: Ack<unknown> | null, expectRefusal: boolean) => {
              const request = JSON.stringify(payload);
              const foreign = namesVictim(request);
              const outcome: Outcome = { target, role, variant, status: ack?.ok ? 200 : 400, code: ack && !ack.ok ? ack.error.code : undefined, foreign };
              const leak = role === 'admin' ? undefined : leakIn(JSON.stringify(ack), request);
              if (!ack) outcome.problem = 'no acknowledgement';
              else if (!ack.ok && ack.error.code === 'INTERNAL') outcome.problem = 'failed inside (INTERNAL)';
              else if (leak) outcome.problem = `leaked victim data (${leak})`;
              else if ((foreign || expectRefusal) && role !== 'admin' && ack.ok) outcome.problem = `named a victim row and was accepted`;
              else if ((foreign || expectRefusal) && role !== 'admin' && !ack.ok && !['VALIDATION_FAILED', 'NOT_FOUND', 'FORBIDDEN'].includes(ack.error.code)) outcome.problem = `named a victim row and got ${ack.error.code}`;
              outcomes.push(outcome);
            };

            // 1. Foreign ids: the payload is completed from the validation errors with the victim's ids.
            const payload: Json = {};
            for (let round = 0; round < 8; round++) {
              const ack = await emit(socket, event, payload);
              record('foreign ids', structuredClone(payload), ack, false);
              if (!ack || ack.ok || ack.error.code !== 'VALIDATION_FAILED' || !ack.error.fields?.length) break;
              if (!adjust(payload, ack.error.fields, target, role === 'admin' ? home : victim)) break;
            }
            // 2. Mass assignment: own ids, the victim's client planted beside them.
            let text = JSON.stringify(payload);
            for (const kind of Object.keys(victim.ids) as Resource[]) text = text.split(victim.ids[kind]).join(home.ids[kind]);
            const planted = { ...JSON.parse(text), clientId: victim.ids.client };
            record('mass assignment', planted, await emit(socket, event, planted), true);
            // 3. Injection strings in every field.
            for (const injection of INJECTIONS) {
              const injected = JSON.parse(JSON.stringify(payload), (key, value) => (key && typeof value !== 'object' ? injection : value));
              record('injection', injected, await emit(socket, event, injected), false);
            }
          }
          socket.disconnect();
        }
      }

      const after = await snapshotOf(victim.ids.client);
      const leaks = received.filter((r) => r.role !== 'admin' && leakIn(r.payload, r.presented)).map((r) => `${r.role} ${r.namespace} received ${r.event}: ${r.payload.slice(0, 300)}`);
      const problems = outcomes.filter((o) => o.problem).map((o) => `${o.role} ${o.variant} ${o.target}: ${o.problem}`);
      const foreign = outcomes.filter((o) => o.foreign && o.role !== 'admin');
      console.log(
        [
          `attack matrix (sockets): ${events.length} events on ${namespaces.length} namespaces (${namespaces.join(', ')}) × ${ROLES.length} roles → ${outcomes.length} attempts`,
          `  naming a victim row (non-admin): ${foreign.length}, refused: ${foreign.filter((o) => o.status !== 200).length} (${foreign.filter((o) => o.code && o.code !== 'VALIDATION_FAILED').length} past validation)`,
          `  connections refused: ${outcomes.filter((o) => o.variant === 'connect').length} attempts; connected as: ${connectedAs.join(', ')}`,
          `  events received by attackers: ${received.length}, carrying victim data: ${leaks.length}`,
        ].join('\n'),
      );
      expect({ unclassified: [...unclassified], problems, leaks }).toEqual({ unclassified: [], problems: [], leaks: [] });
      // Vacuity guard: each kind of caller really got in somewhere, so refusals above are the handlers' own.
      expect(connectedAs).toEqual(expect.arrayContaining(['/agent agent', '/agent team_lead', '/agent admin', '/portal client_viewer', '/portal client_admin', '/customer anonymous']));
      expect(after).toEqual(before);
    });
  });
});
