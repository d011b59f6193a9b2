import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PortalClientEvents, PortalServerEvents } from '@switchboard/shared-contracts';
import { endSession, installApiMock, mockGetClientStaffing, seedSession, staffingFixture, userFixture, type ApiMock } from '@switchboard/web-data-access';
import { createFakeConnection, type FakeRealtimeConnection } from '@switchboard/web-realtime';
import { renderComponent } from '@switchboard/web-ui';
import { startPortalRealtime } from '../realtime/portal-realtime.connector';
import StaffingTile from './StaffingTile.vue';
import { useStaffingStore } from './staffing.store';

describe('StaffingTile', () => {
  let api: ApiMock;
  let connection: FakeRealtimeConnection<PortalServerEvents, PortalClientEvents>;
  let stop: () => void;

  beforeEach(() => {
    seedSession(userFixture({ role: 'client_viewer', clientId: 'client-northwind' }));
    api = installApiMock(mockGetClientStaffing('client-northwind', staffingFixture({ available: 3, signedIn: 4, rostered: 6 })));
    connection = createFakeConnection<PortalServerEvents, PortalClientEvents>('connected');
  });
  afterEach(() => {
    stop();
    api.restore();
    endSession();
  });

  async function renderTile() {
    const view = await renderComponent(StaffingTile);
    stop = startPortalRealtime(() => connection);
    await useStaffingStore().load('client-northwind');
    await view.settle();
    return view;
  }

  const sentence = (view: Awaited<ReturnType<typeof renderTile>>) => view.getByRole('heading', { name: /^Agents available now:/ }).textContent?.replace(/\s+/g, ' ').trim();

  it('shows how many agents are available, rostered and signed in', async () => {
    const view = await renderTile();
    expect(sentence(view)).toBe('Agents available now: 3 of 6 rostered (4 signed in)');
    expect(view.getByText('1 signed in, away')).toBeTruthy();
    expect(view.getByText('2 not signed in')).toBeTruthy();
  });

  it('updates when client.staffing_changed arrives, and only for this client', async () => {
    const view = await renderTile();

    connection.emitFromServer('client.staffing_changed', { clientId: 'client-globex', available: 9, signedIn: 9, rostered: 9 });
    await view.settle();
    expect(sentence(view)).toBe('Agents available now: 3 of 6 rostered (4 signed in)');

    connection.emitFromServer('client.staffing_changed', { clientId: 'client-northwind', available: 5, signedIn: 5, rostered: 6 });
    await view.settle();
    expect(sentence(view)).toBe('Agents available now: 5 of 6 rostered (5 signed in)');
  });

  it('refetches after a reconnect', async () => {
    const view = await renderTile();
    api.use(mockGetClientStaffing('client-northwind', staffingFixture({ available: 0, signedIn: 1, rostered: 6 })));

    connection.setState('reconnecting');
    connection.setState('connected');
    await view.settle();

    expect(sentence(view)).toBe('Agents available now: 0 of 6 rostered (1 signed in)');
  });
});
