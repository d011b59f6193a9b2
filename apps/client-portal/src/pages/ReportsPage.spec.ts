import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PortalClientEvents, PortalServerEvents } from '@switchboard/shared-contracts';
import {
  apiFailure,
  clientViewFixture,
  endSession,
  installApiMock,
  kpiReportFixture,
  kpiReportResponseFixture,
  liveReportFixture,
  mockGetClient,
  mockGetKpiReport,
  mockGetLiveReport,
  mockGetSlaContract,
  mockListClientInboxes,
  mockListReportSchedules,
  seedSession,
  serviceLevelFixture,
  slaContractFixture,
  userFixture,
  type ApiMock,
} from '@switchboard/web-data-access';
import { createFakeConnection, type FakeRealtimeConnection } from '@switchboard/web-realtime';
import { renderComponent, within } from '@switchboard/web-ui';
import { startPortalRealtime } from '../realtime/portal-realtime.connector';
import ReportsPage from './ReportsPage.vue';

const Empty = { render: () => null };
const routes = [
  { path: '/clients/:clientId', name: 'reports', component: ReportsPage },
  { path: '/clients/:clientId/tickets/:kpi', name: 'drill-down', component: Empty },
  { path: '/clients/:clientId/statements/:month', name: 'statement', component: Empty },
];
const range = { from: '2026-11-02', to: '2026-11-04' };
const client = 'client-northwind';

describe('ReportsPage', () => {
  let api: ApiMock;
  let connection: FakeRealtimeConnection<PortalServerEvents, PortalClientEvents>;
  let stop: () => void = () => undefined;

  beforeEach(() => {
    seedSession(userFixture({ role: 'client_viewer', clientId: client }));
    connection = createFakeConnection<PortalServerEvents, PortalClientEvents>('connected');
    api = installApiMock(
      mockGetClient(client, clientViewFixture({ channels: ['chat', 'email'], languages: ['en', 'es'] })),
      mockListClientInboxes(client, []),
      mockListReportSchedules(client, []),
      mockGetLiveReport(client, liveReportFixture()),
      mockGetSlaContract(client, slaContractFixture()),
      mockGetKpiReport(client, { ...range, groupBy: 'day' }, kpiReportResponseFixture({
        ...range,
        groupBy: 'day',
        total: kpiReportFixture({ serviceLevel: serviceLevelFixture({ value: 78.5, numerator: 157, denominator: 200 }) }),
        groups: [
          { key: '2026-11-02', label: '2026-11-02', report: kpiReportFixture({ serviceLevel: serviceLevelFixture({ value: 70 }) }) },
          { key: '2026-11-03', label: '2026-11-03', report: kpiReportFixture({ serviceLevel: serviceLevelFixture({ value: 90 }) }) },
        ],
      })),
      mockGetKpiReport(client, { ...range, groupBy: 'interval' }, kpiReportResponseFixture({
        ...range,
        groupBy: 'interval',
        groups: [{ key: '2026-11-03#18', label: '09:00-05:00', report: kpiReportFixture({ offered: 4, serviceLevel: serviceLevelFixture({ value: 50, numerator: 2, denominator: 4 }) }) }],
      })),
      mockGetKpiReport(client, { ...range, groupBy: 'queue' }, kpiReportResponseFixture({ groupBy: 'queue', groups: [{ key: 'queue-orders', label: 'Orders chat', report: kpiReportFixture() }] })),
    );
  });
  afterEach(() => {
    stop();
    api.restore();
    endSession();
  });

  async function render(query = `?from=${range.from}&to=${range.to}`) {
    const view = await renderComponent({ template: '<RouterView />' }, { routes, route: `/clients/${client}${query}` });
    stop = startPortalRealtime(() => connection);
    await view.settle();
    return view;
  }

  const tile = (view: Awaited<ReturnType<typeof render>>, name: string) => within(view.getByRole('region', { name }));

  it('shows each KPI with its counts and where it stands against the contract', async () => {
    const view = await render();
    const sl = tile(view, 'Service level');
    expect(sl.getByText('78.5 %')).toBeTruthy();
    expect(sl.getByText('157 of 200 within 20 s')).toBeTruthy();
    expect(sl.getByText('Below target')).toBeTruthy();
    expect(sl.getByText(/Service level 80% in 20 s: target 80.0 %, minimum 75.0 %/)).toBeTruthy();
    // Lower is better for ASA: 14 s against a 30 s target is met.
    expect(tile(view, 'Average speed of answer').getByText('Target met')).toBeTruthy();
    expect(view.getByText('SLA contract v2')).toBeTruthy();
    expect(view.getByRole('link', { name: 'Monthly statement' }).getAttribute('href')).toBe(`/clients/${client}/statements/2026-11`);
  });

  it('shows a definition on demand: formula, variant and contract version', async () => {
    const view = await render();
    const button = view.getByRole('button', { name: 'Definition of Service level' });
    expect(button.getAttribute('aria-expanded')).toBe('false');
    const region = document.getElementById(button.getAttribute('aria-controls') ?? '') as HTMLElement;
    expect(region.style.display).toBe('none');
    await view.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(region.style.display).toBe('');
    expect(region.textContent).toContain('(answered within 20 s + abandoned within 20 s) / (answered + abandoned)');
    expect(region.textContent).toContain('T = 20 s');
    expect(region.textContent).toContain('version 2');
  });

  it('shows the QA summary tile from the report: the random sample’s score, its interval and coverage, its definition and tickets', async () => {
    const view = await render();
    const qa = tile(view, 'QA score');
    expect(qa.getByText('86.7 %')).toBeTruthy();
    expect(qa.getByText('95 % CI 72.3–100.0 · 3 random reviews · coverage 16.7 % (3 of 18 handled tickets)')).toBeTruthy();
    await view.click(qa.getByRole('button', { name: 'Definition of QA score' }));
    expect(qa.getByRole('region', { name: 'How QA score is computed' }).textContent).toContain('formula of qa_score');
    expect(qa.getByRole('link', { name: 'Tickets behind QA score' }).getAttribute('href')).toBe(`/clients/${client}/tickets/qa_score?from=2026-11-02&to=2026-11-04`);
  });

  it('opens the tickets behind a tile with the same range and filters', async () => {
    api.use(
      mockGetKpiReport(client, { ...range, groupBy: 'day', channel: 'chat' }, kpiReportResponseFixture({ ...range, groupBy: 'day' })),
      mockGetKpiReport(client, { ...range, groupBy: 'interval', channel: 'chat' }, kpiReportResponseFixture({ ...range, groupBy: 'interval' })),
    );
    const view = await render(`?from=${range.from}&to=${range.to}&channel=chat`);
    const link = tile(view, 'Service level').getByRole('link', { name: 'Tickets behind service level' });
    expect(link.getAttribute('href')).toBe(`/clients/${client}/tickets/service_level?from=2026-11-02&to=2026-11-04&channel=chat`);
  });

  it('draws the interval heatmap and drills into a cell', async () => {
    const view = await render();
    const cell = view.getByRole('button', { name: /^Tue 3 Nov 09:00-05:00: service level 50.0 %, 2 of 4 within threshold, 4 offered$/ });
    expect(cell.className).toContain('heat__cell--missed');
    expect(view.getAllByRole('button', { name: /: no contacts$/ }).length).toBe(3 * 48 - 1);
    await view.click(cell);
    expect(view.router.currentRoute.value.name).toBe('drill-down');
    expect(view.router.currentRoute.value.query['groupKey']).toBe('2026-11-03#18');
  });

  it('moves through the heatmap with the keyboard, one cell in the tab order', async () => {
    const view = await render();
    const grid = view.getByRole('table', { name: 'Service level by 30-minute interval' });
    const tabbable = grid.querySelectorAll('button[tabindex="0"]');
    expect(tabbable).toHaveLength(1);
    await view.press(tabbable[0], 'ArrowDown');
    expect(document.activeElement?.getAttribute('aria-label')).toMatch(/^Tue 3 Nov 09:00-05:00/);
  });

  it('changes filters through the URL and reloads', async () => {
    const view = await render();
    api.use(
      mockGetKpiReport(client, { ...range, groupBy: 'day', language: 'es' }, kpiReportResponseFixture({ ...range, groupBy: 'day', total: kpiReportFixture({ offered: 7 }) })),
      mockGetKpiReport(client, { ...range, groupBy: 'interval', language: 'es' }, kpiReportResponseFixture({ ...range, groupBy: 'interval' })),
    );
    const language = view.getByLabelText('Language') as HTMLSelectElement;
    expect([...language.options].map((option) => option.text)).toEqual(['All languages', 'English', 'Spanish']);
    language.value = 'es';
    language.dispatchEvent(new Event('change'));
    await view.settle();
    expect(view.router.currentRoute.value.query['language']).toBe('es');
    expect(tile(view, 'Offered').getByText('7')).toBeTruthy();
    const queue = view.getByLabelText('Queue') as HTMLSelectElement;
    expect([...queue.options].map((option) => option.text)).toContain('Orders chat');
  });

  it('keeps the live tiles current with report.live, for this client only', async () => {
    const view = await render();
    const live = () => within(view.getByRole('region', { name: 'Live now' }));
    expect(live().getByText('80.0 %')).toBeTruthy();
    expect(live().getByText('2')).toBeTruthy();

    connection.emitFromServer('report.live', liveReportFixture({ clientId: 'client-globex', at: '2026-12-02T15:00:05.000Z', waitingNow: 9 }));
    await view.settle();
    expect(live().queryByText('9')).toBeNull();

    connection.emitFromServer('report.live', liveReportFixture({ at: '2026-12-02T15:00:05.000Z', waitingNow: 5, agentsStaffed: 6, serviceLevelToday: serviceLevelFixture({ value: 66.7, numerator: 2, denominator: 3 }) }));
    await view.settle();
    expect(live().getByText('5')).toBeTruthy();
    expect(live().getByText('6')).toBeTruthy();
    expect(live().getByText('66.7 %')).toBeTruthy();

    // Staffing changes (an agent signs in) move "agents staffed" too, between two reports.
    connection.emitFromServer('client.staffing_changed', { clientId: 'client-globex', available: 7, signedIn: 8, rostered: 9 });
    connection.emitFromServer('client.staffing_changed', { clientId: client, available: 3, signedIn: 7, rostered: 9 });
    await view.settle();
    expect(live().getByText('7')).toBeTruthy();
    expect(live().getByText('3 available now')).toBeTruthy();
  });

  it('says so when the client has no contract, and offers no statement', async () => {
    api.use(mockGetSlaContract(client, apiFailure(404, 'SLA_CONTRACT_NOT_FOUND', 'No SLA contract.')), mockGetKpiReport(client, { ...range, groupBy: 'day' }, kpiReportResponseFixture({ ...range, contractVersion: null })));
    const view = await render();
    expect(view.getByText('No SLA contract')).toBeTruthy();
    expect(view.queryByRole('link', { name: 'Monthly statement' })).toBeNull();
    expect(tile(view, 'Service level').queryByText('Below target')).toBeNull();
  });

  it('shows the error of a failed report with a way to try again', async () => {
    api.use(mockGetKpiReport(client, { ...range, groupBy: 'day' }, apiFailure(400, 'REPORT_RANGE_INVALID', 'The range is too long.'), { once: true }));
    const view = await render();
    expect(view.getByText('The range is too long.')).toBeTruthy();
    await view.click(view.getByRole('button', { name: 'Try again' }));
    expect(tile(view, 'Service level').getByText('78.5 %')).toBeTruthy();
  });
});
