import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { endSession, installApiMock, mockGetReportsOverview, reportsOverviewFixture, seedSession, userFixture, type ApiMock } from '@switchboard/web-data-access';
import { renderComponent, within } from '@switchboard/web-ui';
import ProviderOverviewPage from './ProviderOverviewPage.vue';

const Empty = { render: () => null };
const routes = [
  { path: '/clients', name: 'provider-overview', component: ProviderOverviewPage },
  { path: '/clients/:clientId', name: 'reports', component: Empty },
];

describe('ProviderOverviewPage', () => {
  let api: ApiMock;
  beforeEach(() => {
    seedSession(userFixture({ role: 'team_lead' }));
    api = installApiMock(mockGetReportsOverview('2026-11-01', '2026-11-30', reportsOverviewFixture()));
  });
  afterEach(() => {
    api.restore();
    endSession();
  });

  it('puts every client side by side, each opening its own reports', async () => {
    const view = await renderComponent({ template: '<RouterView />' }, { routes, route: '/clients?from=2026-11-01&to=2026-11-30' });
    const table = within(view.getByRole('table'));
    const northwind = within(table.getByRole('row', { name: /Northwind Traders/ }));
    expect(northwind.getByText('85.0 %')).toBeTruthy();
    expect(northwind.getByText('v2')).toBeTruthy();
    const globex = within(table.getByRole('row', { name: /Globex Retail/ }));
    expect(globex.getByText('62.5 %')).toBeTruthy();
    expect(globex.getByText('none')).toBeTruthy();
    expect(globex.getByRole('link', { name: 'Globex Retail' }).getAttribute('href')).toBe('/clients/client-globex?from=2026-11-01&to=2026-11-30');
  });
});
