import { DEFAULT_SERVICE_LEVEL_RULE, type ServiceLevelRule, type TicketFact } from '@switchboard/shared-contracts';
import { goldenDay, makeFact } from './kpi.spec-fixtures';
import { kpiReport, slaAttainment } from './kpi.util';
import { addMeasures, attainmentFromRollups, durationBucket, pendingSlaTargets, emptyMeasures, histogramPercentile, reportFromRollups, rollupCells, rollupDelta, rollupSupports, type RollupCell } from './kpi-rollup.util';
import { dayIntervals, localDayWindow } from './reporting-buckets.util';

const sum = (cells: RollupCell[], pick: (c: RollupCell) => boolean) => cells.filter(pick).reduce((m, c) => addMeasures(m, c.measures), emptyMeasures());
const rules: ServiceLevelRule[] = [
  DEFAULT_SERVICE_LEVEL_RULE,
  { variant: 'answered_within_of_answered', thresholdSeconds: 30, shortAbandonSeconds: 5 },
  { variant: 'answered_within_of_all_less_abandoned_within', thresholdSeconds: 10, shortAbandonSeconds: 2 },
  { variant: 'answered_within_of_all', thresholdSeconds: 15, shortAbandonSeconds: null },
];

describe('rollups agree with the KPI maths on the golden day', () => {
  const cells = goldenDay.flatMap((f) => rollupCells(f, 'Europe/London'));
  const window = localDayWindow('2026-01-14', 'Europe/London');

  it.each(rules.map((r) => [r.variant, r.thresholdSeconds, r] as const))('%s, T = %d s: whole day from the day cells', (_v, _t, rule) => {
    const exact = kpiReport(goldenDay, { serviceLevel: rule, percentileMethod: 'nearest_rank', fcrWindowDays: 7 }, window);
    const rolled = reportFromRollups(sum(cells, (c) => c.key.index === -1 && c.key.date === '2026-01-14'), rule, 'nearest_rank');
    expect(rolled.offered).toBe(exact.offered);
    expect(rolled.handled).toBe(exact.handled);
    expect(rolled.serviceLevel).toEqual(exact.serviceLevel);
    expect(rolled.asa.numerator).toBeCloseTo(exact.asa.numerator, 6);
    expect(rolled.asa.denominator).toBe(exact.asa.denominator);
    expect(rolled.abandonment).toEqual(exact.abandonment);
    expect(rolled.csat).toEqual(exact.csat);
    expect(rolled.nps).toEqual(exact.nps);
    expect(rolled.aht.handleSeconds).toBeCloseTo(exact.aht.handleSeconds, 6);
    for (const d of ['firstResponse', 'nextResponse', 'firstResolution', 'finalResolution'] as const) {
      expect([d, rolled[d].n]).toEqual([d, exact[d].n]);
      if (exact[d].mean !== null) expect(rolled[d].mean).toBeCloseTo(exact[d].mean as number, 6);
      for (const p of ['median', 'p90'] as const) {
        const e = exact[d][p];
        if (e === null) continue;
        // At most one bucket above the exact value.
        expect(rolled[d][p]).toBeGreaterThanOrEqual(e);
        expect(rolled[d][p]).toBe(durationBucket(e));
      }
    }
  });

  it('the 30-minute cells add up to the day cells, interval by interval equal to the KPI maths', () => {
    const day = sum(cells, (c) => c.key.index === -1);
    const intervals = sum(cells, (c) => c.key.index >= 0);
    expect(intervals).toEqual(day);
    for (const interval of dayIntervals('2026-01-14', 'Europe/London')) {
      const exact = kpiReport(goldenDay, { serviceLevel: DEFAULT_SERVICE_LEVEL_RULE, percentileMethod: 'nearest_rank', fcrWindowDays: 7 }, { from: interval.start, to: interval.end });
      const rolled = reportFromRollups(sum(cells, (c) => c.key.date === '2026-01-14' && c.key.index === interval.index), DEFAULT_SERVICE_LEVEL_RULE, 'nearest_rank');
      expect([interval.index, rolled.offered, rolled.serviceLevel.numerator, rolled.csat.surveysSent]).toEqual([interval.index, exact.offered, exact.serviceLevel.numerator, exact.csat.surveysSent]);
    }
  });
});

describe('SLA attainment from the rollups agrees with kpi.util', () => {
  const cells = goldenDay.flatMap((f) => rollupCells(f, 'Europe/London'));
  const window = localDayWindow('2026-01-14', 'Europe/London');
  const day = sum(cells, (c) => c.key.index === -1 && c.key.date === '2026-01-14');
  const exact = (asOf?: string) => ({
    first_response: slaAttainment(goldenDay, 'first_response', window, asOf),
    next_response: slaAttainment(goldenDay, 'next_response', window, asOf),
    resolution: slaAttainment(goldenDay, 'resolution', window, asOf),
  });

  it.each([
    // After the day every target fell due: FRT 5/8, NRT 2/5, resolution 4/6 (kpi.util.spec).
    ['the next day', '2026-01-15T12:00:00Z', 0, [5, 8, 2, 5, 4, 6]],
    // At 10:07 t10's follow-up (due 10:07:30) and t9's resolution (due 11:00) are not due yet: taken out.
    ['10:07', '2026-01-14T10:07:00Z', 2, [5, 8, 2, 4, 4, 5]],
  ] as const)('read %s: %d targets pending', (_when, asOf, pendingCount, counts) => {
    const pending = pendingSlaTargets(goldenDay, window, asOf);
    expect(pending).toHaveLength(pendingCount);
    const rolled = attainmentFromRollups(day, pending);
    expect(rolled).toEqual(exact(asOf));
    expect([rolled.first_response, rolled.next_response, rolled.resolution].flatMap((r) => [r.numerator, r.denominator])).toEqual(counts);
  });

  it('each interval cell carries the targets due in it', () => {
    for (const interval of dayIntervals('2026-01-14', 'Europe/London')) {
      const scope = { from: interval.start, to: interval.end };
      const rolled = attainmentFromRollups(sum(cells, (c) => c.key.date === '2026-01-14' && c.key.index === interval.index), []);
      expect([interval.index, rolled.first_response, rolled.resolution]).toEqual([interval.index, slaAttainment(goldenDay, 'first_response', scope), slaAttainment(goldenDay, 'resolution', scope)]);
    }
  });

  it('a pending target is taken out of its own cell only (by due time and dimensions)', () => {
    const fact = makeFact({ ticketId: 'p', queuedAt: '2026-01-14T09:00:00Z', firstResponseDueAt: '2026-01-14T09:10:00Z', resolutionDueAt: '2026-01-14T17:00:00Z', queueId: 'q-billing', language: null });
    expect(pendingSlaTargets([fact], window, '2026-01-14T09:05:00Z')).toEqual([
      { metric: 'first_response', due: '2026-01-14T09:10:00.000Z', channel: 'chat', queue: 'q-billing', language: '' },
      { metric: 'resolution', due: '2026-01-14T17:00:00.000Z', channel: 'chat', queue: 'q-billing', language: '' },
    ]);
    // Past its due time the first response counts (missed); a target outside the window is not this window's.
    expect(pendingSlaTargets([fact], window, '2026-01-14T09:15:00Z').map((p) => p.metric)).toEqual(['resolution']);
    expect(pendingSlaTargets([fact], { from: window.from, to: '2026-01-14T12:00:00Z' }, '2026-01-14T09:15:00Z')).toEqual([]);
    // Never offered or excluded: no targets, like every KPI.
    expect(pendingSlaTargets([{ ...fact, queuedAt: null }, { ...fact, excluded: 'outage' }], window, '2026-01-14T09:05:00Z')).toEqual([]);
  });
});

describe('rollupDelta', () => {
  const before: TicketFact = makeFact({ ticketId: 't1', queuedAt: '2026-01-14T09:00:00Z', answeredAt: '2026-01-14T09:00:12Z' });
  const after: TicketFact = { ...before, resolvedAt: ['2026-01-14T09:40:00Z'] };
  it('a new fact adds its cells; a changed fact only its difference; a removed one subtracts', () => {
    expect(rollupDelta(null, before, 'UTC').map((c) => [c.key.index, c.measures.offered, c.measures.answeredWait])).toEqual([
      [-1, 1, { '12': 1 }],
      [18, 1, { '12': 1 }],
    ]);
    const change = rollupDelta(before, after, 'UTC');
    expect(change.map((c) => [c.key.index, c.measures.firstResolution, c.measures.offered])).toEqual([
      [-1, { '2400': 1 }, 0],
      [19, { '2400': 1 }, 0],
    ]);
    const removed = rollupDelta(before, null, 'UTC');
    expect(removed.every((c) => c.measures.offered === -1)).toBe(true);
    expect(rollupDelta(after, after, 'UTC')).toEqual([]);
  });
  it('never-offered and excluded tickets contribute nothing', () => {
    expect(rollupCells(makeFact({ ticketId: 'bot' }), 'UTC')).toEqual([]);
    expect(rollupCells({ ...before, excluded: 'outage' }, 'UTC')).toEqual([]);
  });
});

describe('buckets and percentiles', () => {
  it.each([
    [0, 0],
    [0.2, 1],
    [20, 20],
    [20.001, 21],
    [600, 600],
    [601, 610],
    [3599, 3600],
    [3601, 3660],
    [86_401, 87_000],
  ])('%d s → bucket %d', (s, b) => expect(durationBucket(s)).toBe(b));
  it('nearest rank over a histogram', () => {
    expect(histogramPercentile({ '10': 1, '20': 2, '30': 1 }, 50, 'nearest_rank')).toBe(20);
    expect(histogramPercentile({ '10': 1, '20': 2, '30': 1 }, 90, 'nearest_rank')).toBe(30);
    expect(histogramPercentile({}, 50, 'nearest_rank')).toBeNull();
  });
  it.each([
    [{ variant: 'answered_abandoned_within', thresholdSeconds: 20, shortAbandonSeconds: 5 }, true],
    [{ variant: 'answered_abandoned_within', thresholdSeconds: 20.5, shortAbandonSeconds: null }, false],
    [{ variant: 'answered_abandoned_within', thresholdSeconds: 900, shortAbandonSeconds: null }, false],
  ] as const)('rollupSupports %o → %s', (rule, ok) => expect(rollupSupports(rule)).toBe(ok));
});
