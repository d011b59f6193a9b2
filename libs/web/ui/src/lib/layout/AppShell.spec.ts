import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { h } from 'vue';
import type { AgentClientEvents, AgentServerEvents } from '@switchboard/shared-contracts';
import { endSession, getAccessToken, installApiMock, mockLogout, seedSession, userFixture, type ApiMock } from '@switchboard/web-data-access';
import { createFakeConnection, useRealtimeStore, type FakeRealtimeConnection } from '@switchboard/web-realtime';
import { renderComponent } from '../testing/render-component.util';
import AppShell from './AppShell.vue';

const routes = [{ path: '/:path(.*)*', component: { render: () => h('p', 'The page') } }];

describe('AppShell', () => {
  let api: ApiMock;
  let connection: FakeRealtimeConnection<AgentServerEvents, AgentClientEvents>;
  let calls: { connects: number; disconnects: number };
  let connect: () => () => void;

  async function renderShell(slots: Record<string, () => unknown> = {}) {
    return renderComponent({ render: () => h(AppShell, { product: 'Agent console', connect }, slots) }, { routes });
  }

  beforeEach(() => {
    api = installApiMock(mockLogout());
    seedSession(userFixture({ displayName: 'Lena Lead', role: 'team_lead' }));
    connection = createFakeConnection<AgentServerEvents, AgentClientEvents>('connected');
    const counted = { connects: 0, disconnects: 0 };
    calls = counted;
    // Stands in for an app's realtime connector.
    connect = () => {
      counted.connects += 1;
      useRealtimeStore().attach(connection);
      return () => {
        counted.disconnects += 1;
        useRealtimeStore().detach();
      };
    };
  });
  afterEach(() => {
    api.restore();
    endSession();
  });

  it('frames the page with the product, who is signed in and the live status', async () => {
    const view = await renderShell();

    expect(view.getByText('Agent console')).toBeTruthy();
    expect(view.getByText('Lena Lead')).toBeTruthy();
    expect(view.getByRole('status', { name: 'Connection: Live' })).toBeTruthy();
    expect(view.getByText('The page')).toBeTruthy();
    expect(view.getByRole('link', { name: 'Skip to content' }).getAttribute('href')).toBe('#main');
    expect(view.queryByRole('navigation')).toBeNull();
  });

  it("shows the app's navigation and banner", async () => {
    const view = await renderShell({
      nav: () => h('a', { href: '/board' }, 'Team board'),
      banner: () => h('p', 'Your account details could not be loaded.'),
    });

    expect(view.getByRole('navigation', { name: 'Main' }).textContent).toContain('Team board');
    expect(view.getByText('Your account details could not be loaded.')).toBeTruthy();
  });

  it('keeps the live connection open for as long as it is shown', async () => {
    const view = await renderShell();
    expect(calls.connects).toBe(1);

    view.unmount();

    expect(calls.disconnects).toBe(1);
    expect(connection.state.value).toBe('offline');
  });

  it('closes the live connection and signs out', async () => {
    const view = await renderShell();

    await view.click(view.getByRole('button', { name: 'Sign out' }));

    expect(connection.state.value).toBe('offline');
    expect(api.callsTo('POST', '/api/auth/logout')).toHaveLength(1);
    expect(getAccessToken()).toBeNull();
  });
});
