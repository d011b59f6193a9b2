import { describe, expect, it } from 'vitest';
import type { QaReportRow } from '@switchboard/shared-contracts';
import { proportionLine, qualitySummary, qualityTableRows, scoreLine } from './quality-summary.util';

const row: QaReportRow = {
  group: 'client',
  key: 'client-globex',
  label: 'Globex Retail',
  report: {
    headline: { evaluations: 12, score: { n: 12, mean: 82.46, low: 75.04, high: 89.88, level: 0.95 }, criticalFailRate: { successes: 1, n: 12, rate: 1 / 12, low: 0.0149, high: 0.3539, level: 0.95 }, disputeRate: null },
    targeted: { evaluations: 3, score: { n: 3, mean: 61, low: 40.2, high: 81.8, level: 0.95 }, criticalFailRate: null, disputeRate: null },
    coverage: 0.05,
    evaluatedTickets: 15,
    handledTickets: 300,
  },
  manual: { evaluations: 0, score: null, criticalFailRate: null, disputeRate: null },
  disputes: { rate: { successes: 2, n: 15, rate: 2 / 15, low: 0.0374, high: 0.3788, level: 0.95 }, raised: 2, open: 0, upheld: 1, adjusted: 1, adjustedShare: 0.5 },
  agreement: { alpha: null, units: 0 },
};

describe('the portal quality summary', () => {
  it('reads the headline with its interval, coverage, critical fails and disputes, and the targeted stream apart', () => {
    expect(qualitySummary(row)).toEqual({
      score: '82.5 (95 % CI 75.0–89.9)',
      evaluations: 12,
      coverage: '5.0 % (15 of 300 handled tickets evaluated)',
      criticalFails: '8.3 % (1 of 12; 95 % CI 1.5–35.4 %)',
      disputes: '13.3 % (2 of 15; 95 % CI 3.7–37.9 %)',
      disputeOutcome: '2 raised: 1 upheld, 1 adjusted, 0 open (50.0 % of those settled were adjusted)',
      targeted: '3 evaluations, 61.0 (95 % CI 40.2–81.8) — chosen for a reason (AutoQA flags, low CSAT…), so never in the headline',
    });
  });

  it.each([
    [null, '—'],
    [{ n: 1, mean: 90, low: null, high: null, level: 0.95 }, '90.0 (one evaluation: no interval)'],
  ])('a score of %o reads %s', (score, text) => expect(scoreLine(score)).toBe(text));

  it('says when nothing was measured', () => {
    expect(proportionLine(null)).toBe('—');
    expect(qualitySummary(undefined)).toBeNull();
  });
});

describe('the portal quality tables (per queue, per agent)', () => {
  const stream = { evaluations: 0, score: null, criticalFailRate: null, disputeRate: null };
  const queue = (key: string | null, label: string, overrides: Partial<QaReportRow['report']> = {}): QaReportRow => ({
    ...row,
    group: 'queue',
    key,
    label,
    report: { ...row.report, ...overrides },
  });

  it('reads each row: the random-sample score with its interval and n, coverage, critical fails, disputes, and the targeted reviews apart', () => {
    expect(qualityTableRows([queue('q-billing', 'Billing')])).toEqual([
      {
        key: 'q-billing',
        label: 'Billing',
        score: '82.5 (95 % CI 75.0–89.9)',
        evaluations: 12,
        coverage: '5.0 % (15 of 300)',
        criticalFails: '8.3 % (1 of 12; 95 % CI 1.5–35.4 %)',
        disputes: '13.3 % (2 of 15; 95 % CI 3.7–37.9 %)',
        disputeOutcome: '1 upheld, 1 adjusted, 0 open',
        targeted: '3 · 61.0 (95 % CI 40.2–81.8)',
      },
    ]);
  });

  it.each([
    ['by name, "No queue" last', [queue(null, 'No queue'), queue('q-2', 'Returns'), queue('q-1', 'Billing')], ['Billing', 'Returns', 'No queue']],
    ['nothing measured', [], []],
  ])('orders rows %s', (_name, rows, labels) => expect(qualityTableRows(rows).map((r) => r.label)).toEqual(labels));

  it('a row with only targeted reviews has no score (they never stand in for the random sample), and nothing handled has no coverage', () => {
    const [only] = qualityTableRows([
      { ...queue('q-1', 'Billing', { headline: stream, coverage: null, evaluatedTickets: 0, handledTickets: 0 }), disputes: { rate: null, raised: 0, open: 0, upheld: 0, adjusted: 0, adjustedShare: null } },
    ]);
    expect(only).toMatchObject({ score: '—', evaluations: 0, coverage: '—', criticalFails: '—', disputes: '—', disputeOutcome: 'None raised', targeted: '3 · 61.0 (95 % CI 40.2–81.8)' });
  });
});
