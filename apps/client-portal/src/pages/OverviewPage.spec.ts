import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  clientViewFixture,
  endSession,
  inboxFixture,
  installApiMock,
  mockGetClient,
  mockGetClientStaffing,
  mockListClientInboxes,
  seedSession,
  staffingFixture,
  userFixture,
  type ApiMock,
} from '@switchboard/web-data-access';
import { renderComponent, within } from '@switchboard/web-ui';
import OverviewPage from './OverviewPage.vue';

describe('OverviewPage', () => {
  let api: ApiMock;

  beforeEach(() => {
    seedSession(userFixture({ role: 'client_viewer', clientId: 'client-northwind', displayName: 'Nora Viewer' }));
    api = installApiMock(
      mockGetClient('client-northwind', clientViewFixture()),
      mockListClientInboxes('client-northwind', [
        inboxFixture(),
        inboxFixture({ id: 'inbox-2', channel: 'email', name: 'Support email', address: 'support@northwind.example' }),
      ]),
      mockGetClientStaffing('client-northwind', staffingFixture()),
    );
  });
  afterEach(() => {
    api.restore();
    endSession();
  });

  it("shows the client's profile, hours, inboxes and staffing", async () => {
    const view = await renderComponent(OverviewPage);

    expect(await view.findByRole('heading', { name: 'Northwind Traders' })).toBeTruthy();
    expect(view.getByText(/Time zone America\/New_York/)).toBeTruthy();
    expect(view.getByText('Spanish')).toBeTruthy();

    const hours = within(view.getByRole('region', { name: 'Business hours' }));
    expect(within(hours.getByRole('row', { name: /Monday/ })).getByText('08:00–20:00')).toBeTruthy();
    expect(within(hours.getByRole('row', { name: /Sunday/ })).getByText('Closed')).toBeTruthy();

    const inboxes = within(view.getByRole('region', { name: 'Inboxes' }));
    expect(inboxes.getByText('Support email')).toBeTruthy();
    expect(inboxes.getByText('support@northwind.example')).toBeTruthy();

    expect(view.getByRole('heading', { name: 'Agents available now: 3 of 6 rostered (4 signed in)' })).toBeTruthy();
  });
});
