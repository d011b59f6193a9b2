import type { ErrorResponse } from '@switchboard/shared-contracts';
import { http, login, ownerQuery, startTestApp, type TestApp } from '../testing/test-app';

interface OpenApi {
  paths: Record<string, Record<string, unknown>>;
}

/** Routes that answer without a sign-in. Anything else must refuse an anonymous caller. */
const PUBLIC_ROUTES = new Set(['POST /api/auth/login', 'POST /api/auth/refresh', 'GET /api/health', 'GET /api/health/live', 'GET /api/health/ready', 'GET /api/widget/inboxes/{inboxKey}', 'GET /api/webhooks/meta']);
/** Public to the provider that calls them, and only with its signature: unsigned calls get 401 with this code. */
const SIGNED_WEBHOOKS = new Set([
  'POST /api/webhooks/meta',
  ...['incoming', 'hold', 'queue', 'status', 'recording', 'transcription'].map((hook) => `POST /api/webhooks/voice/${hook}`),
]);

describe('the HTTP edge', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ BODY_LIMIT_BYTES: '2048' });
  });
  afterAll(() => t.close());

  it('every route discovered from the running app refuses anonymous callers unless it is marked public', async () => {
    const spec = await http<OpenApi>(t.url, 'GET', '/api/docs/openapi.json');
    expect(spec.status).toBe(200);
    const routes = Object.entries(spec.body.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => ({ method: m.toUpperCase(), path })));
    expect(routes.length).toBeGreaterThanOrEqual(12);
    for (const route of routes) {
      const key = `${route.method} ${route.path}`;
      const concrete = route.path.replace(/\{(clientId|ticketId)\}/, '00000000-0000-4000-8000-000000000000').replace('{inboxKey}', 'wk_globex_demo');
      const r = await http<ErrorResponse>(t.url, route.method, concrete, { body: route.method === 'GET' ? undefined : {} });
      if (PUBLIC_ROUTES.has(key)) expect(r.status).not.toBe(401);
      else if (SIGNED_WEBHOOKS.has(key)) expect({ key, status: r.status, code: r.body?.error?.code }).toEqual({ key, status: 401, code: 'WEBHOOK_SIGNATURE_INVALID' });
      else expect({ key, status: r.status, code: r.body?.error?.code }).toEqual({ key, status: 401, code: 'AUTH_REQUIRED' });
    }
  });

  it('refuses malformed JSON, unknown fields, wrong types and oversized bodies with stable codes, writing nothing', async () => {
    const [{ count: before }] = await ownerQuery<{ count: number }>('SELECT count(*)::int AS count FROM auth_sessions');
    const malformed = await http<ErrorResponse>(t.url, 'POST', '/api/auth/login', { rawBody: '{"email": "agent1@switchboard.demo", ' });
    expect([malformed.status, malformed.body.error.code]).toEqual([400, 'MALFORMED_JSON']);

    const unknown = await http<ErrorResponse>(t.url, 'POST', '/api/auth/login', { body: { email: 'agent1@switchboard.demo', password: 'demo-password', role: 'admin' } });
    expect([unknown.status, unknown.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(unknown.body.error.fields).toEqual([{ field: 'role', message: 'is not a known field' }]);

    const wrongTypes = await http<ErrorResponse>(t.url, 'POST', '/api/auth/login', { body: { email: 42, password: ['x'] } });
    expect(wrongTypes.status).toBe(400);
    expect(wrongTypes.body.error.fields?.map((f) => f.field)).toEqual(expect.arrayContaining(['email', 'password']));

    const notObject = await http<ErrorResponse>(t.url, 'POST', '/api/auth/login', { rawBody: '[1,2,3]' });
    expect(notObject.status).toBe(400);

    const huge = await http<ErrorResponse>(t.url, 'POST', '/api/auth/login', { body: { email: 'agent1@switchboard.demo', password: 'x'.repeat(5000) } });
    expect([huge.status, huge.body.error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);

    const [{ count: after }] = await ownerQuery<{ count: number }>('SELECT count(*)::int AS count FROM auth_sessions');
    expect(after).toBe(before);
  });

  it('validates presence changes, including the away reason', async () => {
    const { accessToken } = await login(t.url, 'agent4@switchboard.demo');
    const noReason = await http<ErrorResponse>(t.url, 'PUT', '/api/presence/me', { token: accessToken, body: { state: 'away' } });
    expect([noReason.status, noReason.body.error.code, noReason.body.error.fields?.[0].field]).toEqual([400, 'VALIDATION_FAILED', 'reason']);
    const badState = await http<ErrorResponse>(t.url, 'PUT', '/api/presence/me', { token: accessToken, body: { state: 'busy' } });
    expect(badState.body.error.fields?.[0]).toEqual({ field: 'state', message: 'must be one of available, away, offline' });
    const ok = await http<{ state: string; reason: string }>(t.url, 'PUT', '/api/presence/me', { token: accessToken, body: { state: 'away', reason: 'training' } });
    expect(ok.body).toMatchObject({ state: 'away', reason: 'training' });
    const history = await ownerQuery(`SELECT h.state, h.reason, h.ended_at FROM agent_state_history h JOIN users u ON u.id = h.user_id WHERE u.email = 'agent4@switchboard.demo' ORDER BY h.id DESC LIMIT 2`);
    expect(history[0]).toMatchObject({ state: 'away', reason: 'training', ended_at: null });
    expect(history[1]['ended_at']).not.toBeNull();
    await http(t.url, 'PUT', '/api/presence/me', { token: accessToken, body: { state: 'offline' } });
  });

  it('answers unknown routes with the error shape, echoes request ids and sends security headers', async () => {
    const r = await http<ErrorResponse>(t.url, 'GET', '/api/nope', { headers: { 'x-request-id': 'trace-123' } });
    expect([r.status, r.body.error.code, r.body.error.requestId]).toEqual([404, 'NOT_FOUND', 'trace-123']);
    expect(r.headers.get('x-request-id')).toBe('trace-123');
    const health = await http(t.url, 'GET', '/api/health');
    expect(health.body).toEqual({ status: 'ok', database: 'up' });
    expect(health.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(health.headers.get('x-content-type-options')).toBe('nosniff');
    expect(health.headers.get('x-powered-by')).toBeNull();
  });

  it('the public widget lookup reveals branding and availability only, and refuses unknown keys', async () => {
    const known = await http<Record<string, unknown>>(t.url, 'GET', '/api/widget/inboxes/wk_globex_demo');
    expect(Object.keys(known.body).sort()).toEqual(['brandColor', 'clientName', 'csat', 'greeting', 'inboxName', 'offline', 'online', 'open', 'preChat']);
    const unknown = await http<ErrorResponse>(t.url, 'GET', '/api/widget/inboxes/wk_nobody');
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'INBOX_UNKNOWN']);
    const injected = await http<ErrorResponse>(t.url, 'GET', `/api/widget/inboxes/${encodeURIComponent("x' OR '1'='1")}`);
    expect(injected.status).toBe(400);
  });
});
