import type { Ack, MessageView, SessionEnded, SessionRescoped } from '@switchboard/shared-contracts';
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { populatedWorld, type PopulatedWorld } from '../testing/attack-world';
import { destroyRoutingWorlds } from '../testing/routing-world';
import { acked, connected, emitAck, nextEvent, record, refused } from '../testing/socket-events';
import { http, login, ownerQuery, startTestApp, type TestApp } from '../testing/test-app';

const ALLOWED = 'https://console.example';
const disconnected = (socket: Socket) => new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));

describe('socket hardening', () => {
  let t: TestApp;
  let a: PopulatedWorld;
  let b: PopulatedWorld;
  let admin: string;
  const sockets: Socket[] = [];

  function open(namespace: string, auth: Record<string, string>, origin?: string): Socket {
    const socket = io(`${t.url}${namespace}`, { auth, transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: origin ? { origin } : undefined });
    sockets.push(socket);
    return socket;
  }

  beforeAll(async () => {
    // Periodic revalidation at its slowest (30 min): everything below must happen because of the change itself.
    t = await startTestApp({ ALLOWED_ORIGINS: ALLOWED, SOCKET_RATE_LIMIT_PER_MINUTE: '20', SOCKET_REVALIDATE_SECONDS: '1800' });
    a = await populatedWorld('sock-a');
    b = await populatedWorld('sock-b');
    admin = (await login(t.url, 'admin@switchboard.demo')).accessToken;
  });
  afterEach(() => {
    sockets.splice(0).forEach((s) => s.disconnect());
  });
  afterAll(async () => {
    await destroyRoutingWorlds();
    await t.close();
  });

  it('lets in only allowlisted origins on every namespace', async () => {
    const agent = await login(t.url, a.users.agent.email);
    const viewer = await login(t.url, a.users.viewer.email);
    // (the product's own PUBLIC_URL, http://localhost:3000 here, is always allowed)
    for (const origin of ['https://evil.example', 'http://localhost:5173', 'null']) {
      for (const [namespace, auth] of [['/agent', { token: agent.accessToken }], ['/portal', { token: viewer.accessToken }], ['/customer', { inboxKey: a.widgetKey }]] as const) {
        const outcome = await refused(open(namespace, auth, origin)).catch((error: Error) => ({ code: error.message }));
        expect({ namespace, origin, code: outcome.code }).toEqual({ namespace, origin, code: 'ORIGIN_NOT_ALLOWED' });
      }
    }
    await connected(open('/agent', { token: agent.accessToken }, ALLOWED));
    await connected(open('/portal', { token: viewer.accessToken }, ALLOWED));
    // A client's own web site may embed its widget once listed on the inbox, and only that client's.
    await ownerQuery(`UPDATE inboxes SET allowed_origins = '{https://shop.a.example}' WHERE id = $1`, [a.ids.inbox]);
    await connected(open('/customer', { inboxKey: a.widgetKey }, 'https://shop.a.example'));
    expect((await refused(open('/customer', { inboxKey: b.widgetKey }, 'https://shop.a.example'))).code).toBe('ORIGIN_NOT_ALLOWED');
  });

  it('closes a socket that sends more than 64 KB in one message, and answers a large but allowed one normally', async () => {
    const { accessToken } = await login(t.url, a.users.agent.email);
    const socket = open('/agent', { token: accessToken });
    await connected(socket);
    const nearly = await emitAck(socket, 'presence.set', { state: 'away', reason: 'x'.repeat(60 * 1024) });
    expect(nearly).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const closing = disconnected(socket);
    socket.emit('presence.set', { state: 'away', reason: 'x'.repeat(65 * 1024) }, () => undefined);
    expect(await closing).toMatch(/transport (close|error)/);
    const [{ state }] = await ownerQuery<{ state: string }>('SELECT state FROM agent_profiles WHERE user_id = $1', [a.users.agent.id]);
    expect(state).not.toBe('away');
  });

  it('limits each socket to its messages a minute with a clear RATE_LIMITED answer, per socket', async () => {
    const { accessToken } = await login(t.url, a.users.lead.email);
    const busy = open('/agent', { token: accessToken });
    const calm = open('/agent', { token: accessToken });
    await Promise.all([connected(busy), connected(calm)]);
    const answers: Ack<unknown>[] = [];
    for (let i = 0; i < 25; i++) answers.push(await emitAck(busy, 'ticket.unwatch', { ticketId: a.ids.ticket }));
    expect(answers.slice(0, 20).every((ack) => ack.ok)).toBe(true);
    const limited = answers.slice(20);
    expect(limited.map((ack) => (ack.ok ? 'ok' : ack.error.code))).toEqual(Array(5).fill('RATE_LIMITED'));
    expect(limited[0].ok === false && limited[0].error.message).toMatch(/^Too many messages: at most 20 a minute on one connection\. Try again in \d+ s\.$/);
    // Another socket of the same user has its own allowance, and the limited one stays connected.
    expect((await emitAck(calm, 'ticket.unwatch', { ticketId: a.ids.ticket })).ok).toBe(true);
    expect(busy.connected).toBe(true);
  });

  it('signing out ends the session on every socket of that session, console and portal', async () => {
    const lead = await login(t.url, a.users.lead.email);
    const viewer = await login(t.url, a.users.viewer.email);
    const staffSocket = open('/agent', { token: lead.accessToken });
    const portal = open('/portal', { token: viewer.accessToken });
    await Promise.all([connected(staffSocket), connected(portal)]);
    const ended = [nextEvent<SessionEnded>(staffSocket, 'session.ended'), disconnected(staffSocket), nextEvent<SessionEnded>(portal, 'session.ended'), disconnected(portal)];
    expect((await http(t.url, 'POST', '/api/auth/logout', { token: lead.accessToken })).status).toBe(204);
    expect((await http(t.url, 'POST', '/api/auth/logout', { token: viewer.accessToken })).status).toBe(204);
    const [leadNotice, leadReason, viewerNotice, viewerReason] = await Promise.all(ended);
    expect([leadNotice, viewerNotice].map((n) => (n as SessionEnded).code)).toEqual(['AUTH_SESSION_REVOKED', 'AUTH_SESSION_REVOKED']);
    expect([leadReason, viewerReason]).toEqual(['io server disconnect', 'io server disconnect']);
  });

  it('disabling a user disconnects their sockets at once, however the change is made', async () => {
    const agent = await login(t.url, b.users.agent.email);
    const viewer = await login(t.url, b.users.viewer.email);
    const staffSocket = open('/agent', { token: agent.accessToken });
    const portal = open('/portal', { token: viewer.accessToken });
    await Promise.all([connected(staffSocket), connected(portal)]);
    const gone = [nextEvent<SessionEnded>(staffSocket, 'session.ended'), disconnected(staffSocket), disconnected(portal)];
    // Straight in the database, as an operator would: no API call involved.
    await ownerQuery('UPDATE users SET disabled_at = now() WHERE id = ANY ($1)', [[b.users.agent.id, b.users.viewer.id]]);
    const [notice, ...reasons] = await Promise.all(gone);
    expect((notice as SessionEnded).code).toBe('AUTH_SESSION_REVOKED');
    expect(reasons).toEqual(['io server disconnect', 'io server disconnect']);
    expect((await refused(open('/agent', { token: agent.accessToken }))).code).toBe('AUTH_SESSION_REVOKED');
    await ownerQuery('UPDATE users SET disabled_at = NULL WHERE id = ANY ($1)', [[b.users.agent.id, b.users.viewer.id]]);
  });

  it('removing a client assignment re-scopes the open socket: that client falls silent, the others carry on', async () => {
    // Client A's agent also serves B for a while.
    await ownerQuery('INSERT INTO staff_clients (user_id, client_id) VALUES ($1, $2)', [a.users.agent.id, b.ids.client]);
    const { accessToken } = await login(t.url, a.users.agent.email);
    const socket = open('/agent', { token: accessToken });
    await connected(socket);
    acked(await emitAck(socket, 'ticket.watch', { ticketId: a.ids.ticket }));
    acked(await emitAck(socket, 'ticket.watch', { ticketId: b.ids.ticket }));
    const heard = record<MessageView>(socket, 'message.created');
    const note = (ticketId: string, body: string) => http(t.url, 'POST', `/api/tickets/${ticketId}/messages`, { token: admin, body: { clientMsgId: randomUUID(), kind: 'note', body } });
    const before = nextEvent<MessageView>(socket, 'message.created', (m) => m.body === 'B before');
    await note(b.ids.ticket, 'B before');
    await before;

    const rescoped = nextEvent<SessionRescoped>(socket, 'session.rescoped');
    await ownerQuery('DELETE FROM staff_clients WHERE user_id = $1 AND client_id = $2', [a.users.agent.id, b.ids.client]);
    expect((await rescoped).clientIds).toEqual([a.ids.client]);

    // B's note is sent first, A's second: when A's arrives, B's would have arrived before it.
    await note(b.ids.ticket, 'B after');
    const aNote = nextEvent<MessageView>(socket, 'message.created', (m) => m.body === 'A after');
    await note(a.ids.ticket, 'A after');
    await aNote;
    expect(heard.map((m) => m.body)).toEqual(['B before', 'A after']);
    expect((await emitAck(socket, 'ticket.watch', { ticketId: b.ids.ticket })).ok).toBe(false);
    expect(socket.connected).toBe(true);
  });

});

describe('socket sessions are revalidated periodically', () => {
  let t: TestApp;
  let w: PopulatedWorld;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await startTestApp({ SOCKET_REVALIDATE_SECONDS: '1' });
    w = await populatedWorld('sock-periodic');
  });
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await destroyRoutingWorlds();
    await t.close();
  });

  it('a session ended behind the app’s back (no notification) still closes its socket at the next check', async () => {
    const { accessToken } = await login(t.url, w.users.lead.email);
    const socket = io(`${t.url}/agent`, { auth: { token: accessToken }, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(socket);
    await connected(socket);
    const gone = [nextEvent<SessionEnded>(socket, 'session.ended', () => true, 10_000), disconnected(socket)];
    const claims = JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString());
    // Triggers off for this statement: nothing is notified, only the periodic check can notice.
    await ownerQuery(`BEGIN; SET LOCAL session_replication_role = replica; UPDATE auth_sessions SET revoked_at = now() WHERE id = '${claims.sid}'; COMMIT;`);
    const [notice, reason] = await Promise.all(gone);
    expect((notice as SessionEnded).code).toBe('AUTH_SESSION_REVOKED');
    expect(reason).toBe('io server disconnect');
  });
});
