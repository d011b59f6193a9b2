// @vitest-environment node
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Server } from 'socket.io';
import type { AgentClientEvents, AgentServerEvents, ConnectErrorData } from '@switchboard/shared-contracts';
import { connectRealtime } from './realtime-connection.util';
import { RealtimeError, type RealtimeConnection } from './realtime.types';

type AgentConnection = RealtimeConnection<AgentServerEvents, AgentClientEvents>;

function refuse(code: ConnectErrorData['code'], message: string): Error {
  return Object.assign(new Error(message), { data: { code, message } satisfies ConnectErrorData });
}

async function until(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error('Timed out waiting for condition');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('connectRealtime against a real socket.io server', () => {
  let http: HttpServer;
  let io: Server<AgentClientEvents, AgentServerEvents>;
  let url: string;
  let connection: AgentConnection | null = null;
  const tokensSeen: string[] = [];

  beforeEach(async () => {
    tokensSeen.length = 0;
    http = createServer();
    io = new Server(http);
    const agents = io.of('/agent');
    agents.use((socket, next) => {
      const token = String(socket.handshake.auth['token']);
      tokensSeen.push(token);
      if (token === 'expired') return next(refuse('AUTH_TOKEN_EXPIRED', 'Access token expired.'));
      if (token === 'revoked') return next(refuse('AUTH_SESSION_REVOKED', 'This session was signed out.'));
      if (token === 'busy' && tokensSeen.filter((t) => t === 'busy').length < 3) return next(Object.assign(refuse('SERVICE_UNAVAILABLE', 'Database away.'), { data: { code: 'SERVICE_UNAVAILABLE', message: 'Database away.', retryAfterSeconds: 0 } }));
      next();
    });
    agents.on('connection', (socket) => {
      socket.on('presence.set', (request, ack) => {
        if (request.state === 'away' && !request.reason) {
          ack({ ok: false, error: { code: 'PRESENCE_INVALID', message: 'Pick a reason for being away.' } });
          return;
        }
        ack({ ok: true, data: { userId: 'u1', state: request.state, reason: request.reason ?? null, since: '2025-01-01T00:00:00.000Z', connected: true } });
      });
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    connection?.close();
    connection = null;
    await new Promise((resolve) => io.close(resolve));
  });

  function connect(token: () => string, extra: Partial<Parameters<typeof connectRealtime>[0]> = {}): AgentConnection {
    connection = connectRealtime<AgentServerEvents, AgentClientEvents>({
      namespace: '/agent',
      url,
      auth: () => ({ token: token() }),
      socketOptions: { transports: ['websocket'], reconnectionDelay: 20, reconnectionDelayMax: 50 },
      ...extra,
    });
    return connection;
  }

  it('connects, receives typed events and resolves acknowledged writes', async () => {
    const live = connect(() => 'good');
    expect(live.state.value).toBe('connecting');
    await until(() => live.state.value === 'connected');

    const received: string[] = [];
    live.on('agent.status_changed', (event) => received.push(`${event.userId}:${event.state}`));
    io.of('/agent').emit('agent.status_changed', { userId: 'u2', state: 'away', reason: 'lunch', since: '2025-01-01T00:00:00.000Z', connected: true, teamIds: [], setBy: null });
    await until(() => received.length === 1);
    expect(received).toEqual(['u2:away']);

    await expect(live.request('presence.set', { state: 'available' })).resolves.toMatchObject({ state: 'available' });
    const refused = live.request('presence.set', { state: 'away' });
    await expect(refused).rejects.toBeInstanceOf(RealtimeError);
    await expect(refused).rejects.toMatchObject({ code: 'PRESENCE_INVALID', message: 'Pick a reason for being away.' });
  });

  it('refreshes an expired token once and reconnects with the new one', async () => {
    let token = 'expired';
    const refreshAuth = vi.fn(async () => {
      token = 'fresh';
      return true;
    });
    const live = connect(() => token, { refreshAuth });

    await until(() => live.state.value === 'connected');
    expect(refreshAuth).toHaveBeenCalledTimes(1);
    expect(tokensSeen).toEqual(['expired', 'fresh']);
  });

  it('goes offline and reports why when the server refuses the session', async () => {
    const onRejected = vi.fn();
    const live = connect(() => 'revoked', { onRejected });

    await until(() => live.state.value === 'offline');
    expect(onRejected).toHaveBeenCalledWith({ code: 'AUTH_SESSION_REVOKED', message: 'This session was signed out.' });
    expect(live.rejection.value?.message).toBe('This session was signed out.');
  });

  it('keeps trying, without giving up, while the server says it is unavailable, and connects once it is back', async () => {
    const onRejected = vi.fn();
    const live = connect(() => 'busy', { onRejected });

    await until(() => live.state.value === 'connected', 5000);
    expect(tokensSeen).toEqual(['busy', 'busy', 'busy']);
    expect(onRejected).not.toHaveBeenCalled();
  });

  it('shows reconnecting after a dropped connection and tells listeners when it is back', async () => {
    const live = connect(() => 'good');
    const onReconnect = vi.fn();
    live.onReconnect(onReconnect);
    await until(() => live.state.value === 'connected');

    const states: string[] = [];
    const stop = setInterval(() => states.push(live.state.value), 1);
    for (const socket of io.of('/agent').sockets.values()) {
      socket.conn.close();
    }
    await until(() => onReconnect.mock.calls.length === 1);
    clearInterval(stop);

    expect(states).toContain('reconnecting');
    expect(live.state.value).toBe('connected');
  });
});
