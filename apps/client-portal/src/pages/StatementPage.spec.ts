import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  apiFailure,
  clientViewFixture,
  endSession,
  FileReply,
  installApiMock,
  mockDownloadStatementPdf,
  mockGetClient,
  mockGetMonthlyStatement,
  mockGetSlaContract,
  mockListClientInboxes,
  monthlyStatementFixture,
  seedSession,
  slaContractFixture,
  userFixture,
  type ApiMock,
} from '@switchboard/web-data-access';
import { renderComponent, within } from '@switchboard/web-ui';
import StatementPage from './StatementPage.vue';

const Empty = { render: () => null };
const routes = [
  { path: '/clients/:clientId', name: 'reports', component: Empty },
  { path: '/clients/:clientId/statements/:month', name: 'statement', component: StatementPage },
];
const client = 'client-northwind';

describe('StatementPage', () => {
  let api: ApiMock;
  beforeEach(() => {
    seedSession(userFixture({ role: 'client_admin', clientId: client }));
    api = installApiMock(
      mockGetClient(client, clientViewFixture()),
      mockListClientInboxes(client, []),
      mockGetSlaContract(client, slaContractFixture()),
      mockGetMonthlyStatement(client, '2026-11', monthlyStatementFixture()),
    );
  });
  afterEach(() => {
    api.restore();
    endSession();
  });

  it('shows attainment per service level, credits owed and earned back, and the billable quantity', async () => {
    const view = await renderComponent({ template: '<RouterView />' }, { routes, route: `/clients/${client}/statements/2026-11` });
    expect(view.getByRole('heading', { name: 'Monthly statement · November 2026' })).toBeTruthy();
    const summary = within(view.getByRole('region', { name: 'Summary' }));
    expect(summary.getByText('1,000')).toBeTruthy();
    expect(summary.getByText('handled tickets × US$4.50 = US$4,500.00')).toBeTruthy();
    expect(summary.getByText('US$450.00')).toBeTruthy();
    expect(summary.getByText('US$270.00')).toBeTruthy();
    expect(summary.getByText('US$180.00')).toBeTruthy();
    expect(summary.getByText('net credit US$90.00')).toBeTruthy();

    const critical = within(view.getByRole('region', { name: 'Critical service levels' }));
    const sl = within(critical.getByRole('row', { name: /Service level 80% in 20 s/ }));
    expect(sl.getByText('78.5 %')).toBeTruthy();
    expect(sl.getByText('Missed')).toBeTruthy();
    expect(sl.getByText('60 %')).toBeTruthy();
    expect(within(critical.getByRole('row', { name: /Average speed of answer/ })).getByText('21s')).toBeTruthy();
    expect(within(view.getByRole('region', { name: 'Key measurements (reported, no credits)' })).getByText('No data')).toBeTruthy();
    expect(view.getByText('Average speed of answer: the credit of September 2026, US$180.00')).toBeTruthy();

    const excluded = within(view.getByRole('region', { name: 'Left out by the contract’s exclusions' }));
    expect(excluded.getByText(/Service level 80% in 20 s: client-caused outage — 14 contacts in 1\s+outage/)).toBeTruthy();
    expect(excluded.queryByText(/Average speed of answer/)).toBeNull();
    expect(excluded.getByText(/Northwind order system down/).textContent).toMatch(/10 Nov, 09:00 – 10 Nov, 10:30: Northwind order system down/);
  });

  it('has no exclusions section when nothing was left out and no outage was declared', async () => {
    api.use(mockGetMonthlyStatement(client, '2026-11', monthlyStatementFixture({ outages: [], lines: monthlyStatementFixture().lines.map((line) => ({ ...line, excluded: [] })) })));
    const view = await renderComponent({ template: '<RouterView />' }, { routes, route: `/clients/${client}/statements/2026-11` });
    await view.findByRole('region', { name: 'Critical service levels' });
    expect(view.queryByRole('region', { name: 'Left out by the contract’s exclusions' })).toBeNull();
  });

  it('says when there is no contract for the month', async () => {
    api.use(mockGetMonthlyStatement(client, '2025-01', apiFailure(404, 'SLA_CONTRACT_NOT_FOUND', 'No SLA contract.')));
    const view = await renderComponent({ template: '<RouterView />' }, { routes, route: `/clients/${client}/statements/2025-01` });
    expect(view.getByText('There is no SLA contract for this month, so there is no statement.')).toBeTruthy();
  });

  it('downloads the statement as a PDF, fetched with the token and saved under the client’s name and month', async () => {
    api.use(mockDownloadStatementPdf(client, '2026-11', new FileReply('%PDF-1.3 statement', 'application/pdf')));
    const made: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => (made.push(blob as Blob), 'blob:http://localhost/2'));
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const saved: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });
    const view = await renderComponent({ template: '<RouterView />' }, { routes, route: `/clients/${client}/statements/2026-11` });
    await view.click(view.getByRole('button', { name: 'Download PDF' }));
    const [call] = api.callsTo('GET', `/api/reports/clients/${client}/exports/statements/2026-11.pdf`);
    expect(call.authorization).toMatch(/^Bearer .+/);
    expect(await made[0].text()).toBe('%PDF-1.3 statement');
    expect(saved).toEqual(['northwind-traders-statement-2026-11.pdf']);
    vi.restoreAllMocks();
  });
});
