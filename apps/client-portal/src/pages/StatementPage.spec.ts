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
  mockDeclareOutage,
  mockGetSlaContract,
  mockRemoveOutage,
  mockUploadForecast,
  mockListClientInboxes,
  monthlyStatementFixture,
  seedSession,
  slaContractFixture,
  userFixture,
  type ApiMock,
} from '@switchboard/web-data-access';
import { renderComponent, within, type RenderResult } from '@switchboard/web-ui';
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

  describe('for a provider admin', () => {
    const statementPath = `/api/reports/clients/${client}/statements/2026-11`;
    beforeEach(() => seedSession(userFixture({ role: 'admin', clientId: null })));

    async function chooseFile(view: RenderResult, name: string, text: string): Promise<void> {
      const input = view.getByLabelText(/^Load a volume forecast/) as HTMLInputElement;
      Object.defineProperty(input, 'files', { value: [new File([text], name, { type: 'text/csv' })], configurable: true });
      input.dispatchEvent(new Event('change'));
      await view.settle();
    }

    it('declares an outage on the client’s clock (New York), then reads the statement again', async () => {
      const view = await renderComponent({ template: '<RouterView />' }, { routes, route: `/clients/${client}/statements/2026-11` });
      api.use(mockDeclareOutage(client, monthlyStatementFixture().outages[0]));
      await view.type(view.getByLabelText(/^Began/), '2026-11-10T09:00');
      await view.type(view.getByLabelText('Ended'), '2026-11-10T10:30');
      await view.type(view.getByLabelText('What happened'), 'Northwind order system down');
      await view.click(view.getByRole('button', { name: 'Declare outage' }));
      expect(api.callsTo('POST', `/api/reports/clients/${client}/outages`).map((call) => call.body)).toEqual([{ startsAt: '2026-11-10T14:00:00.000Z', endsAt: '2026-11-10T15:30:00.000Z', reason: 'Northwind order system down' }]);
      expect(api.callsTo('GET', statementPath)).toHaveLength(2);
    });

    it('says what is missing before sending anything, and shows the API’s reason when it refuses', async () => {
      const view = await renderComponent({ template: '<RouterView />' }, { routes, route: `/clients/${client}/statements/2026-11` });
      await view.click(view.getByRole('button', { name: 'Declare outage' }));
      expect(view.getByText('Give the date and time the outage began and ended.')).toBeTruthy();
      expect(api.callsTo('POST', `/api/reports/clients/${client}/outages`)).toHaveLength(0);
      api.use(mockDeclareOutage(client, apiFailure(400, 'SLA_EVIDENCE_INVALID', 'The outage was refused.', [{ field: 'startsAt', message: 'overlaps the outage declared from 2026-11-10T14:00:00.000Z' }])));
      await view.type(view.getByLabelText(/^Began/), '2026-11-10T09:30');
      await view.type(view.getByLabelText('Ended'), '2026-11-10T10:00');
      await view.type(view.getByLabelText('What happened'), 'Again');
      await view.click(view.getByRole('button', { name: 'Declare outage' }));
      expect(view.getByText('startsAt: overlaps the outage declared from 2026-11-10T14:00:00.000Z')).toBeTruthy();
      expect(api.callsTo('GET', statementPath)).toHaveLength(1);
    });

    it('removes an outage only on the second click', async () => {
      const view = await renderComponent({ template: '<RouterView />' }, { routes, route: `/clients/${client}/statements/2026-11` });
      api.use(mockRemoveOutage(client, 'outage-1', undefined));
      await view.click(view.getByRole('button', { name: 'Remove the outage of 10 Nov, 09:00' }));
      expect(api.callsTo('DELETE', `/api/reports/clients/${client}/outages/outage-1`)).toHaveLength(0);
      await view.click(view.getByRole('button', { name: 'Really remove the outage of 10 Nov, 09:00?' }));
      expect(api.callsTo('DELETE', `/api/reports/clients/${client}/outages/outage-1`)).toHaveLength(1);
    });

    it('loads a forecast CSV, and refuses a broken one on its line without sending it', async () => {
      const view = await renderComponent({ template: '<RouterView />' }, { routes, route: `/clients/${client}/statements/2026-11` });
      await chooseFile(view, 'broken.csv', 'interval_start,channel,offered\n2026-11-10T14:15:00Z,voice,3\n');
      expect(view.getByText('broken.csv was not loaded: line 2: interval_start must be an ISO instant on a :00 or :30 UTC boundary')).toBeTruthy();
      expect(api.callsTo('PUT', `/api/reports/clients/${client}/forecasts`)).toHaveLength(0);

      api.use(mockUploadForecast(client, { stored: 2 }));
      await chooseFile(view, 'november.csv', 'interval_start,channel,offered\n2026-11-10T14:00:00Z,voice,3\n2026-11-10T14:30:00Z,,9\n');
      expect(api.callsTo('PUT', `/api/reports/clients/${client}/forecasts`).map((call) => call.body)).toEqual([
        { intervals: [{ intervalStart: '2026-11-10T14:00:00.000Z', channel: 'voice', offered: 3 }, { intervalStart: '2026-11-10T14:30:00.000Z', channel: null, offered: 9 }] },
      ]);
      expect(view.getByText('Loaded 2 forecast intervals from november.csv.')).toBeTruthy();
    });
  });

  it('shows a client admin the outages but no form to change them', async () => {
    const view = await renderComponent({ template: '<RouterView />' }, { routes, route: `/clients/${client}/statements/2026-11` });
    expect(within(view.getByRole('list', { name: 'Declared outages' })).getByText(/Northwind order system down/)).toBeTruthy();
    expect(view.queryByRole('button', { name: 'Declare outage' })).toBeNull();
    expect(view.queryByRole('button', { name: /Remove the outage/ })).toBeNull();
    expect(view.container.querySelector('input[type="file"]')).toBeNull();
  });
});
