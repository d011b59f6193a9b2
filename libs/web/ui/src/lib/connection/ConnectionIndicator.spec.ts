import { describe, expect, it } from 'vitest';
import type { PortalClientEvents, PortalServerEvents } from '@switchboard/shared-contracts';
import { createFakeConnection } from '@switchboard/web-realtime';
import { renderComponent } from '../testing/render-component.util';
import ConnectionIndicator from './ConnectionIndicator.vue';

describe('ConnectionIndicator', () => {
  it('says when updates are live, reconnecting or offline', async () => {
    const connection = createFakeConnection<PortalServerEvents, PortalClientEvents>('connecting');
    const view = await renderComponent(ConnectionIndicator, { props: { source: connection } });

    expect(view.getByRole('status').textContent).toContain('Connecting…');
    connection.setState('connected');
    await view.settle();
    expect(view.getByRole('status', { name: 'Connection: Live' })).toBeTruthy();

    connection.setState('reconnecting');
    await view.settle();
    expect(view.getByRole('status', { name: 'Connection: Reconnecting…' })).toBeTruthy();
  });

  it('shows offline when there is no connection at all', async () => {
    const view = await renderComponent(ConnectionIndicator, { props: { source: null } });
    expect(view.getByRole('status', { name: 'Connection: Offline' })).toBeTruthy();
  });
});
