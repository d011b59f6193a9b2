import { describe, expect, it } from 'vitest';
import type { KpiKey } from '@switchboard/shared-contracts';
import { kpiReportFixture, serviceLevelFixture } from '@switchboard/web-data-access';
import { formatValue, REPORT_TILES, tileReading } from './kpi-tiles.util';

describe('tile readings', () => {
  const report = kpiReportFixture();
  it.each<[KpiKey, number | null, string]>([
    ['service_level', 85, '17 of 20 within 20 s'],
    ['asa', 14, 'over 18 answered contacts'],
    ['abandonment', 10, '2 of 20 offered'],
    ['first_response', 42, 'p90 1m 35s · 10 tickets'],
    ['resolution', 1800, 'p90 2h 00m · final 33m 20s'],
    ['aht', 300, 'agent-attributed 4m 10s · 18 handled tickets'],
    ['fcr', 80, '8 of 10 resolved tickets'],
    ['csat', 90, 'response rate 62.5 % (10 of 16 surveys)'],
    ['offered', 20, '18 handled'],
    ['backlog', 3, 'open at the end of the range'],
    ['qa_score', 86.7, '95 % CI 72.3–100.0 · 3 random reviews · coverage 16.7 % (3 of 18 handled tickets)'],
  ])('%s reads %s (%s)', (key, value, detail) => {
    expect(tileReading(key, report)).toEqual({ value, detail });
  });

  it('says when short abandons were left out', () => {
    const sl = serviceLevelFixture({ shortAbandons: 1 });
    expect(tileReading('service_level', kpiReportFixture({ serviceLevel: sl })).detail).toBe('17 of 20 within 20 s, 1 short abandon left out');
  });

  it('QA: one review has no interval yet; none has no score; targeted reviews are counted apart; no QA block says so', () => {
    const qa = kpiReportFixture().qa!;
    const one = { ...qa, headline: { ...qa.headline, evaluations: 1, score: { n: 1, mean: 70, low: null, high: null, level: 0.95 } }, targeted: { ...qa.targeted, evaluations: 2 } };
    expect(tileReading('qa_score', kpiReportFixture({ qa: one }))).toEqual({ value: 70, detail: 'one review: no interval yet · 1 random review · coverage 16.7 % (3 of 18 handled tickets) · 2 targeted reviews apart' });
    const none = { ...qa, headline: { ...qa.headline, evaluations: 0, score: null }, coverage: null, evaluatedTickets: 0, handledTickets: 0 };
    expect(tileReading('qa_score', kpiReportFixture({ qa: none }))).toEqual({ value: null, detail: 'no random-sample review · 0 random reviews · coverage — (0 of 0 handled tickets)' });
    expect(tileReading('qa_score', kpiReportFixture({ qa: null })).detail).toBe('not in this report');
  });

  it('every tile of the page has a reading', () => {
    for (const key of REPORT_TILES) expect(tileReading(key, report).detail).not.toBe('');
  });

  it.each([
    [85, 'percent', '85.0 %'],
    [null, 'percent', '—'],
    [125, 'seconds', '2m 05s'],
    [12.6, 'seconds', '13s'],
    [1234, 'count', '1,234'],
    [40, 'points', '+40'],
    [-12, 'points', '-12'],
  ] as const)('%s %s is shown as %s', (value, unit, text) => {
    expect(formatValue(value, unit)).toBe(text);
  });
});
