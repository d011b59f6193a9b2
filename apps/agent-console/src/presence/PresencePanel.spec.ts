import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgentClientEvents, AgentServerEvents } from '@switchboard/shared-contracts';
import {
  agentProfileFixture,
  endSession,
  installApiMock,
  mockGetMyAgentProfile,
  mockSetMyPresence,
  presenceFixture,
  seedSession,
  type ApiMock,
} from '@switchboard/web-data-access';
import { createFakeConnection, useRealtimeStore, type FakeRealtimeConnection } from '@switchboard/web-realtime';
import { renderComponent, within } from '@switchboard/web-ui';
import PresencePanel from './PresencePanel.vue';
import { usePresenceStore } from './presence.store';

type FakeAgentConnection = FakeRealtimeConnection<AgentServerEvents, AgentClientEvents>;

async function renderPanel(connection: FakeAgentConnection) {
  const view = await renderComponent(PresencePanel);
  useRealtimeStore().attach(connection);
  await usePresenceStore().load();
  await view.settle();
  return view;
}

describe('PresencePanel', () => {
  let api: ApiMock;
  let connection: FakeAgentConnection;

  beforeEach(() => {
    seedSession();
    api = installApiMock(mockGetMyAgentProfile(agentProfileFixture({ presence: presenceFixture({ state: 'offline' }) })));
    connection = createFakeConnection<AgentServerEvents, AgentClientEvents>('connected');
    connection.answer('presence.set', (request) => ({
      ok: true,
      data: presenceFixture({ state: request.state, reason: request.reason ?? null }),
    }));
  });
  afterEach(() => {
    api.restore();
    endSession();
  });

  it('sends presence.set over the socket and shows the new state', async () => {
    const view = await renderPanel(connection);
    const status = () => within(view.getByRole('region', { name: 'My status' }));
    expect(status().getByText('offline')).toBeTruthy();

    await view.click(view.getByRole('button', { name: 'Available' }));

    expect(connection.requests).toEqual([{ event: 'presence.set', payload: { state: 'available' } }]);
    expect(status().getByText('available')).toBeTruthy();
    expect(status().queryByText('offline')).toBeNull();
  });

  it('asks for a reason before going away', async () => {
    const view = await renderPanel(connection);

    await view.click(view.getByRole('button', { name: 'Away' }));
    const reasons = within(view.getByRole('group', { name: 'Reason for being away' }));
    await view.click(reasons.getByRole('button', { name: 'Lunch' }));

    expect(connection.requests).toEqual([{ event: 'presence.set', payload: { state: 'away', reason: 'lunch' } }]);
    expect(view.getByText('away')).toBeTruthy();
    expect(view.getByText('Lunch')).toBeTruthy();
    expect(view.queryByRole('group', { name: 'Reason for being away' })).toBeNull();
  });

  it('shows the message of a refused change', async () => {
    connection.answer('presence.set', () => ({
      ok: false,
      error: { code: 'PRESENCE_INVALID', message: 'You are not on shift, so you cannot become available.' },
    }));
    const view = await renderPanel(connection);

    await view.click(view.getByRole('button', { name: 'Available' }));

    expect(view.getByRole('alert').textContent).toContain('You are not on shift, so you cannot become available.');
    expect(view.getByText('offline')).toBeTruthy();
  });

  it('falls back to HTTP while the live connection is down', async () => {
    api.use(mockSetMyPresence());
    connection.setState('reconnecting');
    const view = await renderPanel(connection);

    await view.click(view.getByRole('button', { name: 'Offline' }));
    await view.click(view.getByRole('button', { name: 'Available' }));

    expect(connection.requests).toEqual([]);
    expect(api.callsTo('PUT', '/api/presence/me').map((call) => call.body)).toEqual([{ state: 'offline' }, { state: 'available' }]);
    expect(view.getByText('available')).toBeTruthy();
  });

  it('tells the agent when their lead set their state, until they change it themselves', async () => {
    const view = await renderPanel(connection);
    usePresenceStore().applyStatus({ ...presenceFixture({ state: 'away', reason: 'meeting', since: new Date(Date.now() + 1000).toISOString() }), teamIds: [], setBy: 'Lea Mercado' });
    await view.settle();
    expect(view.getByText('Lea Mercado set you Away · Meeting.')).toBeTruthy();

    await view.click(view.getByRole('button', { name: 'Available' }));
    expect(view.queryByText(/set you/)).toBeNull();
  });
});
