import type { ErrorResponse, LoginResponse, SessionEnded } from '@switchboard/shared-contracts';
import { io } from 'socket.io-client';
import { freshToken, populatedWorld, type PopulatedWorld } from '../testing/attack-world';
import { destroyRoutingWorlds } from '../testing/routing-world';
import { connected, nextEvent } from '../testing/socket-events';
import { http, login, ownerQuery, startTestApp, type TestApp } from '../testing/test-app';

const PRODUCT = 'https://console.example';
const EVIL = 'https://evil.example';
const sessionsOf = async (userId: string) => (await ownerQuery<{ n: number }>('SELECT count(*)::int AS n FROM auth_sessions WHERE user_id = $1', [userId]))[0].n;

describe('HTTP hardening', () => {
  let t: TestApp;
  let w: PopulatedWorld;

  beforeAll(async () => {
    t = await startTestApp({ ALLOWED_ORIGINS: PRODUCT, LOGIN_MAX_FAILURES: '3' });
    w = await populatedWorld('http-hard');
  });
  afterAll(async () => {
    // Refused sign-ins from 127.0.0.1 would lock the address for the suites after this one (one shared database).
    await ownerQuery('DELETE FROM login_failures');
    await destroyRoutingWorlds();
    await t.close();
  });

  it('sends the security headers and a restrictive CSP on every response', async () => {
    for (const path of ['/api/health', '/api/nope', '/api/me']) {
      const r = await http(t.url, 'GET', path);
      const csp = r.headers.get('content-security-policy') ?? '';
      for (const directive of ["default-src 'self'", "script-src 'self'", "object-src 'none'", "frame-ancestors 'none'", "base-uri 'self'", "form-action 'self'", "script-src-attr 'none'"]) expect(csp).toContain(directive);
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
      expect({
        nosniff: r.headers.get('x-content-type-options'),
        frame: r.headers.get('x-frame-options'),
        referrer: r.headers.get('referrer-policy'),
        hsts: r.headers.get('strict-transport-security'),
        opener: r.headers.get('cross-origin-opener-policy'),
        poweredBy: r.headers.get('x-powered-by'),
      }).toEqual({ nosniff: 'nosniff', frame: 'SAMEORIGIN', referrer: 'no-referrer', hsts: expect.stringContaining('max-age='), opener: 'same-origin', poweredBy: null });
    }
  });

  it('answers CORS only for the product’s origins, and refuses writes from any other origin before they run', async () => {
    const preflight = (origin: string) => fetch(`${t.url}/api/auth/login`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    const allowed = await preflight(PRODUCT);
    expect([allowed.status, allowed.headers.get('access-control-allow-origin'), allowed.headers.get('access-control-allow-credentials')]).toEqual([204, PRODUCT, null]);
    expect((await preflight(EVIL)).headers.get('access-control-allow-origin')).toBeNull();

    const read = await http(t.url, 'GET', '/api/health', { headers: { origin: EVIL } });
    expect([read.status, read.headers.get('access-control-allow-origin')]).toEqual([200, null]);

    const before = await sessionsOf(w.users.agent.id);
    const write = await http<ErrorResponse>(t.url, 'POST', '/api/auth/login', { headers: { origin: EVIL }, body: { email: w.users.agent.email, password: 'demo-password' } });
    expect([write.status, write.body.error.code]).toEqual([403, 'ORIGIN_NOT_ALLOWED']);
    expect(await sessionsOf(w.users.agent.id)).toBe(before);
    const ok = await http<LoginResponse>(t.url, 'POST', '/api/auth/login', { headers: { origin: PRODUCT }, body: { email: w.users.agent.email, password: 'demo-password' } });
    expect([ok.status, ok.headers.get('access-control-allow-origin')]).toEqual([200, PRODUCT]);
  });

  it('locks an account after repeated failures, whatever address the caller claims', async () => {
    const email = w.users.viewer.email;
    for (let i = 0; i < 3; i++) {
      const r = await http<ErrorResponse>(t.url, 'POST', '/api/auth/login', { body: { email, password: `wrong-${i}` }, headers: { 'x-forwarded-for': `10.0.0.${i}` } });
      expect(r.body.error.code).toBe('AUTH_INVALID_CREDENTIALS');
    }
    const locked = await http<ErrorResponse>(t.url, 'POST', '/api/auth/login', { body: { email, password: 'demo-password' }, headers: { 'x-forwarded-for': '10.9.9.9' } });
    expect([locked.status, locked.body.error.code]).toEqual([429, 'AUTH_RATE_LIMITED']);
    expect(locked.body.error.message).toMatch(/Try again in \d+ seconds/);
    await ownerQuery('DELETE FROM login_failures WHERE account_key = $1', [email]);
  });

  describe('password changes', () => {
    it('refuses a weak or reused password and a wrong current one, changing nothing', async () => {
      const { accessToken } = await login(t.url, w.users.lead.email);
      const [{ password_hash: hashBefore }] = await ownerQuery<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [w.users.lead.id]);
      for (const [newPassword, fragment] of [
        ['short-1', 'at least 12 characters'],
        ['password1234', 'too common'],
        [`${w.users.lead.email}-2026`, 'email address'],
        ['aaaaaaaaaaaaaaaa', 'simple run'],
      ]) {
        const r = await http<ErrorResponse>(t.url, 'POST', '/api/auth/password', { token: accessToken, body: { currentPassword: 'demo-password', newPassword } });
        expect([r.status, r.body.error.code, r.body.error.fields?.[0].field]).toEqual([400, 'PASSWORD_REJECTED', 'newPassword']);
        expect(r.body.error.message).toContain(fragment);
      }
      const wrong = await http<ErrorResponse>(t.url, 'POST', '/api/auth/password', { token: accessToken, body: { currentPassword: 'not-it', newPassword: 'a much better passphrase' } });
      expect([wrong.status, wrong.body.error.code, wrong.body.error.fields]).toEqual([400, 'VALIDATION_FAILED', [{ field: 'currentPassword', message: 'is not your current password' }]]);
      const unknown = await http<ErrorResponse>(t.url, 'POST', '/api/auth/password', { token: accessToken, body: { currentPassword: 'demo-password', newPassword: 'a much better passphrase', role: 'admin' } });
      expect(unknown.status).toBe(400);
      const [{ password_hash: hashAfter }] = await ownerQuery<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [w.users.lead.id]);
      expect(hashAfter).toBe(hashBefore);
      // A wrong current password counts towards the lockout like a failed sign-in.
      expect((await ownerQuery('SELECT 1 FROM login_failures WHERE account_key = $1', [w.users.lead.email])).length).toBe(1);
      await ownerQuery('DELETE FROM login_failures WHERE account_key = $1', [w.users.lead.email]);
    });

    it('changes it, keeps this session, ends every other (sockets too) and audits it', async () => {
      const here = await login(t.url, w.users.agent.email);
      const elsewhere = await login(t.url, w.users.agent.email);
      const socket = io(`${t.url}/agent`, { auth: { token: elsewhere.accessToken }, transports: ['websocket'], reconnection: false, forceNew: true });
      await connected(socket);
      const ended = nextEvent<SessionEnded>(socket, 'session.ended');
      const r = await http(t.url, 'POST', '/api/auth/password', { token: here.accessToken, body: { currentPassword: 'demo-password', newPassword: 'Seven-Lanterns-Over-Quay' } });
      expect(r.status).toBe(204);
      expect((await ended).code).toBe('AUTH_SESSION_REVOKED');
      socket.disconnect();
      expect((await http(t.url, 'GET', '/api/me', { token: here.accessToken })).status).toBe(200);
      expect((await http<ErrorResponse>(t.url, 'GET', '/api/me', { token: elsewhere.accessToken })).body.error.code).toBe('AUTH_SESSION_REVOKED');
      expect((await http(t.url, 'POST', '/api/auth/login', { body: { email: w.users.agent.email, password: 'demo-password' } })).status).toBe(401);
      await ownerQuery('DELETE FROM login_failures WHERE account_key = $1', [w.users.agent.email]);
      expect((await http(t.url, 'POST', '/api/auth/login', { body: { email: w.users.agent.email, password: 'Seven-Lanterns-Over-Quay' } })).status).toBe(200);
      const [audit] = await ownerQuery<{ details: { sessionsEnded: number } }>(`SELECT details FROM audit_log WHERE action = 'auth.password_changed' AND actor_user_id = $1`, [w.users.agent.id]);
      expect(audit.details.sessionsEnded).toBeGreaterThanOrEqual(1);
      const [{ password_hash }] = await ownerQuery<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [w.users.agent.id]);
      expect(password_hash).toMatch(/^\$argon2id\$/);
    });
  });

  it('a reused refresh token ends the whole session family, its sockets included', async () => {
    const first = await login(t.url, w.users.clientAdmin.email);
    const second = await http<LoginResponse>(t.url, 'POST', '/api/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect(second.status).toBe(200);
    const socket = io(`${t.url}/portal`, { auth: { token: second.body.accessToken }, transports: ['websocket'], reconnection: false, forceNew: true });
    await connected(socket);
    const gone = new Promise((resolve) => socket.once('disconnect', resolve));
    const reuse = await http<ErrorResponse>(t.url, 'POST', '/api/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect([reuse.status, reuse.body.error.code]).toEqual([401, 'AUTH_REFRESH_REUSED']);
    expect(await gone).toBe('io server disconnect');
    // The newest token of the family is dead too.
    expect((await http<ErrorResponse>(t.url, 'POST', '/api/auth/refresh', { body: { refreshToken: second.body.refreshToken } })).body.error.code).toBe('AUTH_REFRESH_INVALID');
  });
});

describe('HTTP rate limits per address', () => {
  let t: TestApp;
  let w: PopulatedWorld;

  const limits = { LOGIN_RATE_LIMIT_PER_MINUTE: '5', WEBHOOK_RATE_LIMIT_PER_MINUTE: '4' };

  beforeAll(async () => {
    // The counts are shared through the database: start from none (earlier suites signed in from 127.0.0.1 too).
    await ownerQuery('DELETE FROM http_rate_windows');
    t = await startTestApp(limits);
    w = await populatedWorld('http-rate');
  });
  beforeEach(async () => ownerQuery('DELETE FROM http_rate_windows'));
  afterAll(async () => {
    // Refused sign-ins from 127.0.0.1 would lock the address for the suites after this one (one shared database).
    await ownerQuery('DELETE FROM login_failures');
    await ownerQuery('DELETE FROM http_rate_windows');
    await destroyRoutingWorlds();
    await t.close();
  });

  it('sign-in and refresh share a limit; past it every request is 429 with Retry-After, spoofed addresses included', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await http(t.url, 'POST', '/api/auth/login', { body: { email: `nobody${i}@example.com`, password: 'x' } })).status);
    statuses.push((await http(t.url, 'POST', '/api/auth/refresh', { body: { refreshToken: 'x'.repeat(40) } })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const before = await sessionsOf(w.users.agent.id);
    for (const headers of [{}, { 'x-forwarded-for': '203.0.113.7' }, { 'x-real-ip': '203.0.113.8', forwarded: 'for=203.0.113.9' }] as Record<string, string>[]) {
      const limited = await http<ErrorResponse>(t.url, 'POST', '/api/auth/login', { headers, body: { email: w.users.agent.email, password: 'demo-password' } });
      expect([limited.status, limited.body.error.code]).toEqual([429, 'RATE_LIMITED']);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(limited.body.error.message).toMatch(/^Too many sign-in requests from this address: at most 5 a minute\. Try again in \d+ s\.$/);
    }
    expect(await sessionsOf(w.users.agent.id)).toBe(before);
    // Signed-in work is not limited by it.
    expect((await http(t.url, 'GET', '/api/me', { token: await freshToken(t.app, w.users.agent.id) })).status).toBe(200);
  });

  it('two nodes share one limit: sign-ins spread over both are refused past it on either', async () => {
    // Two fresh nodes (each one's own count starts empty) on the one database.
    const [a, b] = await Promise.all([startTestApp({ ...limits, NODE_ID: 'rate-c' }), startTestApp({ ...limits, NODE_ID: 'rate-d' })]);
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) {
        const node = i % 2 === 0 ? a : b;
        statuses.push((await http(node.url, 'POST', '/api/auth/login', { body: { email: `spread${i}@example.com`, password: 'x' } })).status);
      }
      // Each node alone saw 4 (under its own limit of 5): together they are past it.
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('webhooks have their own limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await http(t.url, 'POST', '/api/webhooks/meta', { body: { object: 'page', entry: [] } })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
  });
});
