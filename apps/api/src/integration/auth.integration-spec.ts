import type { ErrorResponse, LoginResponse, MeResponse } from '@switchboard/shared-contracts';
import { sign } from 'jsonwebtoken';
import { http, login, ownerQuery, startTestApp, type TestApp } from '../testing/test-app';
import { DEMO_USERS } from '../database/seed/demo-data';

describe('identity over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LOGIN_MAX_FAILURES: '3' });
  });
  afterAll(() => t.close());
  afterEach(() => ownerQuery('DELETE FROM login_failures'));

  it.each(DEMO_USERS.map((u) => [u.email, u.role]))('%s signs in as %s and reads /api/me', async (email, role) => {
    const session = await login(t.url, email);
    expect(session.user).toMatchObject({ email, role });
    expect(session.expiresIn).toBe(900);
    const me = await http<MeResponse>(t.url, 'GET', '/api/me', { token: session.accessToken });
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe(email);
  });

  it('gives the same answer for an unknown email and a wrong password', async () => {
    const unknown = await http<ErrorResponse>(t.url, 'POST', '/api/auth/login', { body: { email: 'nobody@switchboard.demo', password: 'demo-password' } });
    const wrong = await http<ErrorResponse>(t.url, 'POST', '/api/auth/login', { body: { email: 'agent2@switchboard.demo', password: 'not-the-password' } });
    for (const r of [unknown, wrong]) {
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe('AUTH_INVALID_CREDENTIALS');
      expect(r.body.error.message).toBe('Email or password is incorrect.');
    }
  });

  it('refuses sign-in after repeated failures, even with the right password, and says when to retry', async () => {
    for (let i = 0; i < 3; i++) {
      expect((await http(t.url, 'POST', '/api/auth/login', { body: { email: 'agent3@switchboard.demo', password: `guess-${i}` } })).status).toBe(401);
    }
    const blocked = await http<ErrorResponse>(t.url, 'POST', '/api/auth/login', { body: { email: 'Agent3@Switchboard.demo', password: 'demo-password' } });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('AUTH_RATE_LIMITED');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    // Other accounts are not affected.
    expect((await login(t.url, 'agent4@switchboard.demo')).user.email).toBe('agent4@switchboard.demo');
  });

  it('rotates refresh tokens and ends the whole session when a used one comes back', async () => {
    const first = await login(t.url, 'agent5@switchboard.demo');
    const second = await http<LoginResponse>(t.url, 'POST', '/api/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    expect((await http(t.url, 'GET', '/api/me', { token: second.body.accessToken })).status).toBe(200);

    const replay = await http<ErrorResponse>(t.url, 'POST', '/api/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe('AUTH_REFRESH_REUSED');
    // The family is revoked: the newest refresh token and the live access token stop working too.
    const afterReuse = await http<ErrorResponse>(t.url, 'POST', '/api/auth/refresh', { body: { refreshToken: second.body.refreshToken } });
    expect(afterReuse.body.error.code).toBe('AUTH_REFRESH_INVALID');
    const me = await http<ErrorResponse>(t.url, 'GET', '/api/me', { token: second.body.accessToken });
    expect(me.status).toBe(401);
    expect(me.body.error.code).toBe('AUTH_SESSION_REVOKED');
    const [audit] = await ownerQuery<{ count: number }>(`SELECT count(*)::int AS count FROM audit_log WHERE action = 'auth.refresh_reused'`);
    expect(audit.count).toBeGreaterThan(0);
  });

  it('logout ends the session at once and is audited', async () => {
    const session = await login(t.url, 'agent6@switchboard.demo');
    expect((await http(t.url, 'POST', '/api/auth/logout', { token: session.accessToken })).status).toBe(204);
    expect((await http(t.url, 'GET', '/api/me', { token: session.accessToken })).status).toBe(401);
    expect((await http(t.url, 'POST', '/api/auth/refresh', { body: { refreshToken: session.refreshToken } })).status).toBe(401);
    const rows = await ownerQuery(`SELECT action FROM audit_log WHERE actor_user_id = $1 ORDER BY id`, [session.user.id]);
    expect(rows.map((r) => r['action'])).toEqual(expect.arrayContaining(['auth.login', 'auth.logout']));
  });

  it('tells an expired token from a forged one', async () => {
    const session = await login(t.url, 'agent1@switchboard.demo');
    const [, payload] = session.accessToken.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const expired = sign({ sid: claims.sid, typ: 'access', sub: claims.sub, iss: 'switchboard', aud: 'switchboard', exp: Math.floor(Date.now() / 1000) - 60 }, t.config.auth.jwtSecret);
    const forged = sign({ sid: claims.sid, typ: 'access', sub: claims.sub, iss: 'switchboard', aud: 'switchboard' }, 'a-different-secret-a-different-secret-000', { expiresIn: 600 });
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`;
    expect((await http<ErrorResponse>(t.url, 'GET', '/api/me', { token: expired })).body.error.code).toBe('AUTH_TOKEN_EXPIRED');
    expect((await http<ErrorResponse>(t.url, 'GET', '/api/me', { token: forged })).body.error.code).toBe('AUTH_TOKEN_INVALID');
    expect((await http<ErrorResponse>(t.url, 'GET', '/api/me', { token: none })).body.error.code).toBe('AUTH_TOKEN_INVALID');
    expect((await http<ErrorResponse>(t.url, 'GET', '/api/me')).body.error.code).toBe('AUTH_REQUIRED');
  });

  it('a disabled user is cut off on the next request', async () => {
    const session = await login(t.url, 'lead2@switchboard.demo');
    await ownerQuery(`UPDATE users SET disabled_at = now() WHERE email = 'lead2@switchboard.demo'`);
    try {
      expect((await http(t.url, 'GET', '/api/me', { token: session.accessToken })).status).toBe(401);
      expect((await http(t.url, 'POST', '/api/auth/login', { body: { email: 'lead2@switchboard.demo', password: 'demo-password' } })).status).toBe(401);
    } finally {
      await ownerQuery(`UPDATE users SET disabled_at = NULL WHERE email = 'lead2@switchboard.demo'`);
    }
  });

  it('stores only argon2id hashes and never the refresh token itself', async () => {
    const session = await login(t.url, 'agent2@switchboard.demo');
    const users = await ownerQuery<{ password_hash: string }>('SELECT password_hash FROM users');
    expect(users.every((u) => u.password_hash.startsWith('$argon2id$'))).toBe(true);
    const stored = await ownerQuery(`SELECT 1 FROM refresh_tokens WHERE token_hash = $1`, [session.refreshToken]);
    expect(stored).toHaveLength(0);
  });
});
