import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QaReportResponse, QaReportRow } from '@switchboard/shared-contracts';
import { apiFailure, clientViewFixture, endSession, installApiMock, mockGetClient, mockGetQaReport, mockListClientInboxes, qaReportFixture, seedSession, userFixture, type ApiMock } from '@switchboard/web-data-access';
import { renderComponent, within } from '@switchboard/web-ui';
import QualityPage from './QualityPage.vue';

const client = 'client-globex';
const period = 'from=2026-11-01&to=2026-11-30';
const routes = [{ path: '/clients/:clientId/quality', name: 'quality', component: QualityPage }];
const [agentRow] = qaReportFixture().rows;
const none = { evaluations: 0, score: null, criticalFailRate: null, disputeRate: null };

function reportOf(groupBy: QaReportResponse['groupBy'], rows: QaReportRow[]): QaReportResponse {
  return qaReportFixture({ clientId: client, groupBy, from: '2026-11-01', to: '2026-11-30', rows: rows.map((row) => ({ ...row, group: groupBy })) });
}

describe('QualityPage', () => {
  let api: ApiMock;
  const render = () => renderComponent({ template: '<RouterView />' }, { routes, route: `/clients/${client}/quality?${period}` });

  beforeEach(() => seedSession(userFixture({ role: 'client_viewer', clientId: client })));
  afterEach(() => {
    api.restore();
    endSession();
  });

  it('shows the client as a whole, then a table per queue and per agent: score with its interval and n, coverage, critical fails, disputes, targeted reviews apart', async () => {
    api = installApiMock(
      mockGetClient(client, clientViewFixture({ id: client, timeZone: 'UTC' })),
      mockListClientInboxes(client, []),
      mockGetQaReport(`clientId=${client}&groupBy=client&${period}`, reportOf('client', [{ ...agentRow, key: client, label: 'Globex Retail' }])),
      mockGetQaReport(`clientId=${client}&groupBy=queue&${period}`, reportOf('queue', [
        { ...agentRow, key: null, label: 'No queue', report: { ...agentRow.report, headline: none, targeted: none, coverage: 0, evaluatedTickets: 0, handledTickets: 7 }, disputes: { rate: null, raised: 0, open: 0, upheld: 0, adjusted: 0, adjustedShare: null } },
        { ...agentRow, key: 'queue-billing', label: 'Billing' },
      ])),
      mockGetQaReport(`clientId=${client}&groupBy=agent&${period}`, reportOf('agent', [{ ...agentRow, label: 'Maria S.' }])),
    );
    const view = await render();
    await view.settle();
    expect(view.getByRole('heading', { name: 'Quality' })).toBeTruthy();
    expect(within(view.getByRole('region', { name: 'Quality reviews' })).getByText('82.5 (95 % CI 70.1–94.9) · 4 evaluations')).toBeTruthy();

    const queues = within(view.getByRole('table', { name: 'Quality by queue' }));
    expect(queues.getByRole('columnheader', { name: 'QA score (random sample)' })).toBeTruthy();
    expect(queues.getByRole('columnheader', { name: 'Targeted reviews (not in the score)' })).toBeTruthy();
    const billing = within(queues.getByRole('row', { name: /Billing/ }));
    expect(billing.getByText('82.5 (95 % CI 70.1–94.9)')).toBeTruthy();
    expect(billing.getByText('4')).toBeTruthy();
    expect(billing.getByText('10.0 % (5 of 50)')).toBeTruthy();
    expect(billing.getByText('0.0 % (0 of 4; 95 % CI 0.0–49.0 %)')).toBeTruthy();
    expect(billing.getByText('20.0 % (1 of 5; 95 % CI 4.0–62.0 %)')).toBeTruthy();
    expect(billing.getByText('0 upheld, 1 adjusted, 0 open')).toBeTruthy();
    // The targeted review (40) sits in its own column; the score beside it is the random sample's alone.
    expect(billing.getByText('1 · 40.0 (one evaluation: no interval)')).toBeTruthy();
    // "No queue" comes last; with nothing sampled it shows no score rather than a zero.
    const rows = queues.getAllByRole('row').slice(1);
    expect(rows.map((row) => row.querySelector('td')?.textContent?.trim())).toEqual(['Billing', 'No queue']);
    expect(within(rows[1]).getByText('0.0 % (0 of 7)')).toBeTruthy();
    expect(within(rows[1]).getAllByText('—').length).toBeGreaterThanOrEqual(3);

    const agents = within(view.getByRole('table', { name: 'Quality by agent' }));
    expect(agents.getByRole('columnheader', { name: 'Agent' })).toBeTruthy();
    expect(agents.getByRole('row', { name: /Maria S\./ })).toBeTruthy();
    for (const groupBy of ['client', 'queue', 'agent']) expect(api.callsTo('GET', `/api/qa/reports?clientId=${client}&groupBy=${groupBy}&${period}`)).toHaveLength(1);
  });

  it('says why when a table cannot be read, and still shows the others', async () => {
    api = installApiMock(
      mockGetClient(client, clientViewFixture({ id: client, timeZone: 'UTC' })),
      mockListClientInboxes(client, []),
      mockGetQaReport(`clientId=${client}&groupBy=client&${period}`, reportOf('client', [{ ...agentRow, key: client, label: 'Globex Retail' }])),
      mockGetQaReport(`clientId=${client}&groupBy=queue&${period}`, reportOf('queue', [])),
      mockGetQaReport(`clientId=${client}&groupBy=agent&${period}`, apiFailure(403, 'FORBIDDEN', 'Client users read the QA report of their client as a whole, per queue or per agent.')),
    );
    const view = await render();
    await view.settle();
    const byAgent = within(view.getByRole('region', { name: 'By agent' }));
    expect(byAgent.getByText(/as a whole, per queue or per agent/)).toBeTruthy();
    expect(within(view.getByRole('table', { name: 'Quality by queue' })).getByText('No handled ticket in this period.')).toBeTruthy();
  });
});
