import { afterEach, describe, expect, it } from 'vitest';
import { apiFailure, installApiMock, mockGetQaReport, qaReportFixture, type ApiMock } from '@switchboard/web-data-access';
import { renderComponent, within } from '@switchboard/web-ui';
import QualitySummaryCard from './QualitySummaryCard.vue';

const GX = 'client-globex';

describe('QualitySummaryCard', () => {
  let api: ApiMock;
  afterEach(() => api.restore());

  it("reads the client's QA report for the report's period: the headline with its interval, coverage and disputes", async () => {
    const report = qaReportFixture();
    api = installApiMock(mockGetQaReport(`clientId=${GX}&groupBy=client&from=2026-11-03&to=2026-12-02`, { ...report, groupBy: 'client', rows: report.rows.slice(0, 1).map((row) => ({ ...row, group: 'client' as const })) }));
    const view = await renderComponent(QualitySummaryCard, { props: { clientId: GX, from: '2026-11-03', to: '2026-12-02' } });
    await view.settle();
    const card = within(view.getByRole('region', { name: 'Quality reviews' }));
    expect(card.getByText('QA score')).toBeTruthy();
    expect(card.getByText('82.5 (95 % CI 70.1–94.9) · 4 evaluations')).toBeTruthy();
    expect(card.getByText('10.0 % (5 of 50 handled tickets evaluated)')).toBeTruthy();
    expect(card.getByText(/^20\.0 % \(1 of 5; 95 % CI 4\.0–62\.0 %\)\. 1 raised: 0 upheld, 1 adjusted, 0 open/)).toBeTruthy();
    expect(card.getByText(/^1 evaluation, 40\.0 \(one evaluation: no interval\) — chosen for a reason/)).toBeTruthy();
    expect(api.callsTo('GET', `/api/qa/reports?clientId=${GX}&groupBy=client&from=2026-11-03&to=2026-12-02`)).toHaveLength(1);
  });

  it('says why when the report cannot be read', async () => {
    api = installApiMock(mockGetQaReport(`clientId=${GX}&groupBy=client&from=2026-11-03&to=2026-12-02`, apiFailure(403, 'FORBIDDEN', 'Client users read the QA report of their client as a whole (groupBy=client).')));
    const view = await renderComponent(QualitySummaryCard, { props: { clientId: GX, from: '2026-11-03', to: '2026-12-02' } });
    await view.settle();
    expect(view.getByText(/read the QA report of their client as a whole/)).toBeTruthy();
  });
});
