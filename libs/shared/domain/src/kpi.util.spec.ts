import type { BusinessCalendar, ServiceLevelRule, ServiceLevelVariant, TicketFact } from '@switchboard/shared-contracts';
import { goldenDay, jan14, makeFact } from './kpi.spec-fixtures';
import {
  abandonmentRate,
  attributedHandleSeconds,
  averageHandleTime,
  averageSpeedOfAnswer,
  backlogAt,
  customerSatisfaction,
  distribution,
  finalResolution,
  firstContactResolution,
  firstResponseTimes,
  followUps,
  hasRepeatContact,
  kpiReport,
  netPromoterScore,
  nextResponseTimes,
  occupancy,
  percentile,
  resolutionTimes,
  scheduleAdherence,
  serviceLevelOf,
  serviceLevelRatio,
  slaAttainment,
  slaTargets,
  type KpiOptions,
  type KpiScope,
} from './kpi.util';
import { kpiTable } from './reporting-buckets.util';

const london = 'Europe/London';
/** The golden day's window: local 2026-01-14 in London (GMT, so 00:00Z → 00:00Z next day). */
const day: KpiScope = { from: '2026-01-14T00:00:00Z', to: '2026-01-15T00:00:00Z' };
const rule = (variant: ServiceLevelVariant, shortAbandonSeconds: number | null = null): ServiceLevelRule => ({ variant, thresholdSeconds: 20, shortAbandonSeconds });

describe('percentile', () => {
  const eight = [7200, 25, 30, 40, 60, 90, 120, 3600];
  it.each([
    // nearest rank: the ⌈p·n/100⌉-th smallest of 25, 30, 40, 60, 90, 120, 3600, 7200
    [eight, 50, 'nearest_rank', 60],
    [eight, 90, 'nearest_rank', 7200],
    [eight, 10, 'nearest_rank', 25],
    [eight, 100, 'nearest_rank', 7200],
    // linear: h = 7·p; median h = 3.5 → 60 + 0.5·30; p90 h = 6.3 → 3600 + 0.3·3600
    [eight, 50, 'linear', 75],
    [eight, 90, 'linear', 4680],
    [[5], 90, 'linear', 5],
    [[5], 50, 'nearest_rank', 5],
    // ⌈0.9·30⌉ = 27 exactly (no floating-point drift to 28)
    [Array.from({ length: 30 }, (_, i) => i + 1), 90, 'nearest_rank', 27],
    [Array.from({ length: 10 }, (_, i) => i + 1), 90, 'nearest_rank', 9],
  ] as const)('%j p%d %s = %d', (values, p, method, expected) => expect(percentile(values, p, method)).toBeCloseTo(expected, 9));

  it('is null for no values and refuses p outside (0, 100]', () => {
    expect(percentile([], 50)).toBeNull();
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });

  it('distribution reports n, mean, median, p90 and the method', () => {
    expect(distribution([])).toEqual({ n: 0, mean: null, median: null, p90: null, method: 'nearest_rank' });
    expect(distribution([30, 10, 20], 'linear')).toEqual({ n: 3, mean: 20, median: 20, p90: 28, method: 'linear' });
  });
});

describe('serviceLevelRatio (the four variants)', () => {
  const counts = { answered: 10, answeredWithin: 6, abandoned: 6, abandonedWithin: 4 };
  it.each([
    ['answered_abandoned_within', 10, 16],
    ['answered_within_of_answered', 6, 10],
    ['answered_within_of_all', 6, 16],
    ['answered_within_of_all_less_abandoned_within', 6, 12],
  ] as const)('%s = %d / %d', (variant, numerator, denominator) =>
    expect(serviceLevelRatio(counts, variant)).toEqual({ numerator, denominator, value: (numerator * 100) / denominator }),
  );
  it('is null with nothing to measure', () => {
    expect(serviceLevelRatio({ answered: 0, answeredWithin: 0, abandoned: 0, abandonedWithin: 0 }, 'answered_abandoned_within').value).toBeNull();
    expect(serviceLevelRatio({ answered: 0, answeredWithin: 0, abandoned: 3, abandonedWithin: 3 }, 'answered_within_of_all_less_abandoned_within').value).toBeNull();
  });
});

describe('golden day (20 tickets, T = 20 s; see kpi.spec-fixtures.ts)', () => {
  // Answered t1–t10, waits 10, 20, 21, 5, 45, 0, 30, 15, 60, 12: A = 10, within (≤ 20) t1 t2 t4 t6 t8 t10 → Aₜ = 6.
  // Abandoned t11–t16, waits 3, 5, 8, 25, 40, 18: B = 6, within t11 t12 t13 t16 → Bₜ = 4; short (≤ 5 s) t11 t12.
  // t17 still waiting (offered, not in SL); t18 never queued; t19 excluded; t20 offered the day before.
  describe('service level, every variant, without and with a 5 s short-abandon rule', () => {
    it.each([
      // No short-abandon rule: A 10, Aₜ 6, B 6, Bₜ 4.
      ['answered_abandoned_within', null, 10, 16], // (6 + 4) / (10 + 6) = 62.5 %
      ['answered_within_of_answered', null, 6, 10], // 6 / 10 = 60 %
      ['answered_within_of_all', null, 6, 16], // 6 / 16 = 37.5 %
      ['answered_within_of_all_less_abandoned_within', null, 6, 12], // 6 / (16 − 4) = 50 %
      // Short abandons (t11 at 3 s, t12 at 5 s) removed: B 4, Bₜ 2 (t13, t16).
      ['answered_abandoned_within', 5, 8, 14], // (6 + 2) / 14 = 57.14 %
      ['answered_within_of_answered', 5, 6, 10], // unchanged: 60 %
      ['answered_within_of_all', 5, 6, 14], // 6 / 14 = 42.86 %
      ['answered_within_of_all_less_abandoned_within', 5, 6, 12], // 6 / (14 − 2) = 50 %
    ] as const)('%s, short abandon %s s: %d / %d', (variant, short, numerator, denominator) => {
      const result = serviceLevelOf(goldenDay, rule(variant, short), day);
      expect(result).toMatchObject({ numerator, denominator, answered: 10, answeredWithin: 6, shortAbandons: short === null ? 0 : 2 });
      expect(result.value).toBeCloseTo((numerator * 100) / denominator, 10);
      expect(result.rule).toEqual(rule(variant, short));
    });

    it('T is inclusive: t2 answered at exactly 20 s is within; at T = 19 s it is not', () => {
      expect(serviceLevelOf(goldenDay, { ...rule('answered_within_of_answered'), thresholdSeconds: 19 }, day)).toMatchObject({ numerator: 5, denominator: 10 });
    });
  });

  it('offered 17 (t1–t17) and handled 10 (t1–t10)', () => {
    const report = kpiReport(goldenDay, { serviceLevel: rule('answered_abandoned_within'), percentileMethod: 'nearest_rank', fcrWindowDays: 7 }, day);
    expect(report.offered).toBe(17);
    expect(report.handled).toBe(10);
  });

  it('ASA = (10+20+21+5+45+0+30+15+60+12) / 10 = 21.8 s', () => {
    expect(averageSpeedOfAnswer(goldenDay, day)).toEqual({ value: 21.8, numerator: 218, denominator: 10 });
  });

  it.each([
    [null, 6, 17], // 35.29 %
    [5, 4, 15], // t11, t12 removed from both: 26.67 %
  ])('abandonment with short-abandon %s: %d / %d', (short, numerator, denominator) => {
    const result = abandonmentRate(goldenDay, short, day);
    expect(result).toMatchObject({ numerator, denominator });
    expect(result.value).toBeCloseTo((numerator * 100) / denominator, 10);
  });

  it('first response: t2 25, t3 3600, t5 7200, t6 40, t7 90, t8 30, t9 120 (from its first inbound, not its creation), t10 60', () => {
    expect(firstResponseTimes(goldenDay, day).sort((a, b) => a - b)).toEqual([25, 30, 40, 60, 90, 120, 3600, 7200]);
    // mean 11165 / 8; nearest rank median = 4th = 60, p90 = 8th = 7200; linear 75 and 4680.
    expect(distribution(firstResponseTimes(goldenDay, day))).toEqual({ n: 8, mean: 1395.625, median: 60, p90: 7200, method: 'nearest_rank' });
    expect(distribution(firstResponseTimes(goldenDay, day), 'linear')).toMatchObject({ median: 75, p90: 4680 });
  });

  it('next response: t6 40 and 30, t7 300, t9 120; t10’s unanswered follow-up left out', () => {
    expect(nextResponseTimes(goldenDay, day).sort((a, b) => a - b)).toEqual([30, 40, 120, 300]);
    // nearest rank: median 2nd = 40, p90 ⌈3.6⌉ = 4th = 300; linear: 40 + 0.5·80 = 80, 120 + 0.7·180 = 246.
    expect(distribution(nextResponseTimes(goldenDay, day))).toEqual({ n: 4, mean: 122.5, median: 40, p90: 300, method: 'nearest_rank' });
    expect(distribution(nextResponseTimes(goldenDay, day), 'linear')).toMatchObject({ median: 80, p90: 246 });
  });

  it('resolution: first t2 600, t6 1800, t7 900, t8 1200, t10 300; final t2 600, t6 5400, t7 900, t10 300 (t8 reopened; t3 resolves tomorrow)', () => {
    expect(resolutionTimes(goldenDay, 'first', day).sort((a, b) => a - b)).toEqual([300, 600, 900, 1200, 1800]);
    expect(resolutionTimes(goldenDay, 'final', day).sort((a, b) => a - b)).toEqual([300, 600, 900, 5400]);
    expect(distribution(resolutionTimes(goldenDay, 'first', day))).toMatchObject({ mean: 960, median: 900, p90: 1800 });
    expect(distribution(resolutionTimes(goldenDay, 'final', day))).toMatchObject({ mean: 1800, median: 600, p90: 5400 });
  });

  it('AHT = 4470 / 10 = 447 s; attributed AHT (concurrent chats split) = 3750 / 10 = 375 s', () => {
    // Σ talk 4080 + hold 60 (t1) + acw 330 (t1 60, t3 60, t4 30, t8 60, t10 120) = 4470.
    // Agent C holds t6 09:10–09:20, t7 09:15–09:25, t8 09:18–09:20:
    //   09:10–15 t6 300 · 09:15–18 t6,t7 90 each · 09:18–20 t6,t7,t8 40 each · 09:20–25 t7 300
    //   → t6 430, t7 430, t8 40 (= the 900 s agent C was busy).
    // Agent D holds t9 10:00–10:10 and t10 10:05–10:10 → t9 300 + 150 = 450, t10 150; agent E’s 120 s of acw on t10 → t10 270.
    // Alone: t1 420, t2 600, t3 300, t4 210, t5 600. Σ = 3750.
    expect(averageHandleTime(goldenDay, day)).toEqual({
      handled: 10,
      handleSeconds: 4470,
      talkSeconds: 4080,
      holdSeconds: 60,
      acwSeconds: 330,
      aht: 447,
      attributedSeconds: 3750,
      attributedAht: 375,
    });
    const attributed = attributedHandleSeconds(goldenDay);
    expect(['t6', 't7', 't8', 't9', 't10'].map((id) => attributed.get(id))).toEqual([430, 430, 40, 450, 270]);
  });

  it('FCR = 2 / 5: t2 and t10 resolved first time; t6 and t8 reopened, t7 had a repeat contact (t16)', () => {
    // t2’s same-topic ticket t13 came before it (not a repeat); t10’s contact came back on another topic (t18).
    expect(firstContactResolution(goldenDay, 7, day)).toEqual({ value: 40, numerator: 2, denominator: 5, pending: 0 });
    // Two days later the 7-day windows of t2 and t10 are still open: pending, out of both sides.
    expect(firstContactResolution(goldenDay, 7, day, '2026-01-16T00:00:00Z')).toEqual({ value: 0, numerator: 0, denominator: 3, pending: 2 });
  });

  it('CSAT = 3 / 5 satisfied (t1 5, t2 5, t7 4; t6 3, t10 1), response rate 5 / 7 (t4, t8 unanswered; bot t18 and excluded t19 ignored)', () => {
    const result = customerSatisfaction(goldenDay, day);
    expect(result).toMatchObject({ value: 60, satisfied: 3, responses: 5, surveysSent: 7 });
    expect(result.responseRate).toBeCloseTo(500 / 7, 10);
  });

  it('NPS = (3 promoters − 2 detractors) / 5 = 20', () => {
    expect(netPromoterScore(goldenDay, day)).toEqual({ value: 20, promoters: 3, passives: 0, detractors: 2, responses: 5 });
  });

  it.each([
    // t2 ✓ t3 ✓ (at the due second) t5 ✗ t6 ✓ t7 ✗ t8 ✓ t9 ✗ t10 ✓ (at the due second)
    ['first_response', 5, 8],
    // follow-ups: t6 40 ✓ 30 ✓, t7 300 ✗, t9 120 ✗, t10 unanswered past due ✗ (60 s target)
    ['next_response', 2, 5],
    // t2 ✓ t6 ✓ (at the due second) t7 ✗ t8 ✓ t9 unresolved ✗ t10 ✓
    ['resolution', 4, 6],
  ] as const)('SLA attainment %s: %d / %d', (metric, numerator, denominator) => {
    expect(slaAttainment(goldenDay, metric, day)).toMatchObject({ numerator, denominator });
  });

  it.each([
    ['no targets stamped', {}, []],
    ['first response met at the due second', { firstResponseDueAt: jan14('09:01:00'), agentReplies: [jan14('09:01:00')] as string[] }, [['first_response', jan14('09:01:00'), jan14('09:01:00')]]],
    ['resolution not done yet', { resolutionDueAt: jan14('10:00:00') }, [['resolution', jan14('10:00:00'), null]]],
    [
      'one next-response target per follow-up',
      { nextResponseTargetSeconds: 60, agentReplies: [jan14('09:00:30'), jan14('09:03:30')] as string[], customerMessages: [jan14('09:00:00'), jan14('09:02:00')] as string[], firstInboundAt: jan14('09:00:00') },
      [['next_response', jan14('09:03:00'), jan14('09:03:30')]],
    ],
  ] as const)('slaTargets: %s', (_name, over, expected) => {
    const fact = makeFact({ ticketId: 'x', queuedAt: jan14('09:00:00'), ...over });
    expect(slaTargets(fact).map((t) => [t.metric, new Date(t.due).toISOString().replace('.000', ''), t.doneAt === null ? null : new Date(t.doneAt).toISOString().replace('.000', '')])).toEqual(expected);
    expect(slaTargets({ ...fact, queuedAt: null })).toEqual([]);
  });

  it('SLA attainment leaves out targets not yet due at asOf', () => {
    // At 10:07:00 t10’s follow-up (due 10:07:30) is pending; t9’s resolution (due 11:00) too.
    expect(slaAttainment(goldenDay, 'next_response', day, jan14('10:07:00'))).toMatchObject({ numerator: 2, denominator: 4 });
    expect(slaAttainment(goldenDay, 'resolution', day, jan14('10:07:00'))).toMatchObject({ numerator: 4, denominator: 5 });
  });

  it('backlog at the end of the day: t1, t3, t4, t5, t8 (reopened), t9, t17 (waiting), t20', () => {
    expect(backlogAt(goldenDay, day.to as string)).toBe(8);
    // At 09:45: t1, t3, t4, t9 (created 09:00) and t20; t6, t7 and t8 are resolved by then (t8 reopens at 09:51).
    expect(backlogAt(goldenDay, jan14('09:45:00'))).toBe(5);
  });

  it('the previous local day holds only t20: offered 1, answered after 40 s → SL 0 %', () => {
    const report = kpiReport(goldenDay, { serviceLevel: rule('answered_abandoned_within'), percentileMethod: 'nearest_rank', fcrWindowDays: 7 }, { from: '2026-01-13T00:00:00Z', to: '2026-01-14T00:00:00Z' });
    expect(report).toMatchObject({ offered: 1, handled: 1, serviceLevel: { value: 0, numerator: 0, denominator: 1 }, asa: { value: 40 } });
  });

  it('by 30-minute interval and channel (kpiTable)', () => {
    const options: KpiOptions = { serviceLevel: rule('answered_abandoned_within'), percentileMethod: 'nearest_rank', fcrWindowDays: 7 };
    const rows = kpiTable(goldenDay, options, { timeZone: london, fromDate: '2026-01-14', toDate: '2026-01-14', grain: 'interval', dimensions: [] });
    expect(rows).toHaveLength(48);
    // 09:00–09:30: t1 10 ✓, t2 20 ✓, t6 0 ✓, t7 30 ✗, t8 15 ✓ → 4 / 5. 09:30–10:00: t4 5 ✓, t9 60 ✗ (t19 excluded) → 1 / 2.
    expect(rows[18].report.serviceLevel).toMatchObject({ numerator: 4, denominator: 5 });
    expect(rows[19].report.serviceLevel).toMatchObject({ numerator: 1, denominator: 2 });
    expect(rows[0].report.serviceLevel.value).toBeNull();
    expect(rows.reduce((sum, row) => sum + row.report.offered, 0)).toBe(17);

    const byChannel = kpiTable(goldenDay, options, { timeZone: london, fromDate: '2026-01-14', toDate: '2026-01-14', grain: 'day', dimensions: ['channel'] });
    const voice = byChannel.find((row) => row.key.channel === 'voice');
    // Voice: t1 10 ✓, t4 5 ✓ answered; t11 3, t12 5, t14 25 abandoned; t17 waiting → (2 + 2) / 5.
    expect(voice?.report.serviceLevel).toMatchObject({ numerator: 4, denominator: 5 });
    expect(voice?.report.offered).toBe(6);
    // With 5 s short abandons: (2 + 0) / 3.
    const short = kpiTable(goldenDay, { ...options, serviceLevel: rule('answered_abandoned_within', 5) }, { timeZone: london, fromDate: '2026-01-14', toDate: '2026-01-14', grain: 'day', dimensions: ['channel'] });
    expect(short.find((row) => row.key.channel === 'voice')?.report.serviceLevel).toMatchObject({ numerator: 2, denominator: 3 });
  });
});

describe('across the London fall-back day (Sunday 2026-10-25, 50 intervals)', () => {
  const facts: TicketFact[] = [
    makeFact({ ticketId: 'd1', channel: 'voice', queuedAt: '2026-10-24T23:30:00Z', answeredAt: '2026-10-24T23:30:10Z' }), // 00:30 BST, #1, 10 s ✓
    makeFact({ ticketId: 'd2', channel: 'voice', queuedAt: '2026-10-25T00:10:00Z', answeredAt: '2026-10-25T00:10:30Z' }), // 01:10 BST, #2, 30 s ✗
    makeFact({ ticketId: 'd3', channel: 'voice', queuedAt: '2026-10-25T01:10:00Z', abandonedAt: '2026-10-25T01:10:15Z' }), // 01:10 GMT, #4, abandoned 15 s
    makeFact({ ticketId: 'd4', channel: 'voice', queuedAt: '2026-10-25T23:40:00Z', answeredAt: '2026-10-25T23:40:20Z' }), // 23:40 GMT, #49, 20 s ✓
    makeFact({ ticketId: 'd5', channel: 'voice', queuedAt: '2026-10-26T00:10:00Z', answeredAt: '2026-10-26T00:10:05Z' }), // Monday
  ];
  const options: KpiOptions = { serviceLevel: rule('answered_abandoned_within'), percentileMethod: 'nearest_rank', fcrWindowDays: 7 };

  it('the local day holds d1–d4 (a UTC day would hold d2–d4 and d5 on the wrong days)', () => {
    const [row] = kpiTable(facts, options, { timeZone: london, fromDate: '2026-10-25', toDate: '2026-10-25', grain: 'day', dimensions: [] });
    // A 3 (Aₜ d1, d4), B 1 (Bₜ d3): default (2 + 1) / 4; answered only 2 / 3.
    expect(row.report).toMatchObject({ offered: 4, serviceLevel: { numerator: 3, denominator: 4, value: 75 } });
    expect(kpiTable(facts, { ...options, serviceLevel: rule('answered_within_of_answered') }, { timeZone: london, fromDate: '2026-10-25', toDate: '2026-10-25', grain: 'day', dimensions: [] })[0].report.serviceLevel).toMatchObject({ numerator: 2, denominator: 3 });
  });

  it('the two 01:10s land in different intervals of the 50', () => {
    const rows = kpiTable(facts, options, { timeZone: london, fromDate: '2026-10-25', toDate: '2026-10-25', grain: 'interval', dimensions: [] });
    expect(rows).toHaveLength(50);
    const busy = rows.filter((r) => r.report.offered > 0).map((r) => [r.interval?.index, r.interval?.label, r.report.serviceLevel.value]);
    expect(busy).toEqual([
      [1, '00:30+01:00', 100],
      [2, '01:00+01:00', 0],
      [4, '01:00+00:00', 100],
      [49, '23:30+00:00', 100],
    ]);
  });

  it('New York spring-forward day has 46 intervals', () => {
    expect(kpiTable([], options, { timeZone: 'America/New_York', fromDate: '2026-03-08', toDate: '2026-03-08', grain: 'interval', dimensions: [] })).toHaveLength(46);
  });
});

describe('business hours and a holiday (London, Mon–Fri 08:00–18:00, Christmas 2026-12-25 closed)', () => {
  const calendar: BusinessCalendar = {
    weekly: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ start: '08:00', end: '18:00' }]])),
    holidays: ['2026-12-25'],
  };
  const facts: TicketFact[] = [
    makeFact({ ticketId: 'h1', channel: 'voice', queuedAt: '2026-12-24T10:00:00Z', answeredAt: '2026-12-24T10:00:10Z' }), // open, 10 s ✓
    makeFact({ ticketId: 'h2', channel: 'voice', queuedAt: '2026-12-24T19:00:00Z', abandonedAt: '2026-12-24T19:00:30Z' }), // after hours
    makeFact({ ticketId: 'h3', channel: 'voice', queuedAt: '2026-12-25T10:00:00Z', abandonedAt: '2026-12-25T10:00:40Z' }), // holiday
    makeFact({
      ticketId: 'h4', channel: 'email', createdAt: '2026-12-24T17:00:00Z', firstInboundAt: '2026-12-24T17:00:00Z', queuedAt: '2026-12-24T17:00:00Z', answeredAt: '2026-12-24T17:01:00Z',
      agentReplies: ['2026-12-28T09:00:00Z'],
    }), // open, 60 s ✗; FRT Thu 17–18 + Mon 08–09 = 2 business hours
    makeFact({
      ticketId: 'h5', channel: 'email', createdAt: '2026-12-25T10:00:00Z', firstInboundAt: '2026-12-25T10:00:00Z', queuedAt: '2026-12-25T10:00:00Z', answeredAt: '2026-12-28T08:00:30Z',
      agentReplies: ['2026-12-28T08:30:00Z'],
    }), // holiday; FRT Mon 08:00–08:30 = 30 business minutes
  ];
  const options: KpiOptions = { serviceLevel: rule('answered_abandoned_within'), percentileMethod: 'nearest_rank', fcrWindowDays: 7 };
  const request = { timeZone: london, fromDate: '2026-12-24', toDate: '2026-12-25', grain: 'day' as const, dimensions: [] };

  it('in business hours: only contacts offered while open count; response times run on business time', () => {
    const [thursday, christmas] = kpiTable(facts, options, { ...request, calendar });
    // Thursday: h1 ✓ and h4 ✗ (h2 after hours is left out) → 1 / 2.
    expect(thursday.report).toMatchObject({ offered: 2, serviceLevel: { numerator: 1, denominator: 2 }, firstResponse: { n: 1, median: 7200 } });
    // Christmas: nothing offered while open; h5 still counts for FRT, its clock starting on Monday.
    expect(christmas.report).toMatchObject({ offered: 0, serviceLevel: { value: null }, firstResponse: { n: 1, median: 1800 } });
  });

  it('on the clock: every contact counts and response times are wall-clock', () => {
    const [thursday, christmas] = kpiTable(facts, options, request);
    // Thursday: h1 ✓, h4 ✗, h2 abandoned after 30 s ✗ → 1 / 3; FRT Thu 17:00 → Mon 09:00 = 3 d 16 h = 88 h.
    expect(thursday.report).toMatchObject({ offered: 3, serviceLevel: { numerator: 1, denominator: 3 }, firstResponse: { median: 316800 } });
    // Christmas: h3 abandoned 40 s, h5 answered days later → 0 / 2; FRT Fri 10:00 → Mon 08:30 = 2 d 22.5 h.
    expect(christmas.report).toMatchObject({ offered: 2, serviceLevel: { numerator: 0, denominator: 2 }, firstResponse: { median: 253800 } });
  });
});

describe('table tests', () => {
  it.each([
    ['no messages', makeFact({ ticketId: 'x' }), []],
    ['inbound only', makeFact({ ticketId: 'x', customerMessages: [jan14('09:00:00'), jan14('09:01:00')] }), []],
    [
      'two inbound after a reply are one follow-up',
      makeFact({ ticketId: 'x', customerMessages: [jan14('09:00:00'), jan14('09:02:00'), jan14('09:03:00')], agentReplies: [jan14('09:01:00'), jan14('09:04:00')] }),
      [{ at: Date.parse(jan14('09:02:00')), repliedAt: Date.parse(jan14('09:04:00')) }],
    ],
    [
      'a reply in the same millisecond as an inbound message comes first',
      makeFact({ ticketId: 'x', customerMessages: [jan14('09:00:00'), jan14('09:01:00')], agentReplies: [jan14('09:01:00')] as string[] }),
      [{ at: Date.parse(jan14('09:01:00')), repliedAt: null }],
    ],
  ])('followUps: %s', (_why, fact, expected) => expect(followUps(fact)).toEqual(expected));

  it.each([
    ['never resolved', [], [], null],
    ['resolved', [jan14('10:00:00')], [], jan14('10:00:00')],
    ['resolved, reopened', [jan14('10:00:00')], [jan14('11:00:00')], null],
    ['resolved, reopened, resolved', [jan14('10:00:00'), jan14('12:00:00')], [jan14('11:00:00')], jan14('12:00:00')],
  ])('finalResolution: %s', (_why, resolvedAt, reopenedAt, expected) => expect(finalResolution(makeFact({ ticketId: 'x', resolvedAt, reopenedAt }))).toBe(expected));

  it.each([
    ['a reopen after the window is not a repeat', [jan14('10:00:00')], ['2026-01-21T10:00:01Z'], [], 100],
    ['a reopen at the last second of the window is', [jan14('10:00:00')], ['2026-01-21T10:00:00Z'], [], 0],
    ['a same-topic ticket 3 days later is', [jan14('10:00:00')], [], [{ createdAt: '2026-01-17T10:00:00Z', topic: 'billing' }], 0],
    ['a different-topic ticket is not', [jan14('10:00:00')], [], [{ createdAt: '2026-01-17T10:00:00Z', topic: 'returns' }], 100],
    ['a same-topic ticket 8 days later is not', [jan14('10:00:00')], [], [{ createdAt: '2026-01-22T10:00:00Z', topic: 'billing' }], 100],
  ])('FCR: %s', (_why, resolvedAt, reopenedAt, others, expected) => {
    const fact = makeFact({ ticketId: 'a', contactId: 'c', topic: 'billing', queuedAt: jan14('09:00:00'), resolvedAt, reopenedAt });
    const repeats = others.map((o, i) => makeFact({ ticketId: `r${i}`, contactId: 'c', topic: o.topic, createdAt: o.createdAt }));
    expect(firstContactResolution([fact, ...repeats], 7).value).toBe(expected);
  });

  it('FCR window per client: 3 days makes the 3-day-later ticket a repeat only at the boundary', () => {
    const fact = makeFact({ ticketId: 'a', contactId: 'c', topic: 't', queuedAt: jan14('09:00:00'), resolvedAt: [jan14('10:00:00')] });
    const later = makeFact({ ticketId: 'b', contactId: 'c', topic: 't', createdAt: '2026-01-17T10:00:00Z' });
    expect(firstContactResolution([fact, later], 3).value).toBe(0);
    expect(firstContactResolution([fact, later], 2).value).toBe(100);
  });

  it('occupancy and schedule adherence', () => {
    expect(occupancy(45 * 60, 15 * 60)).toEqual({ value: 75, numerator: 2700, denominator: 3600 });
    expect(occupancy(0, 0).value).toBeNull();
    expect(scheduleAdherence(456, 480)).toEqual({ value: 95, numerator: 456, denominator: 480 });
  });

  it('a ticket with a short abandon rule bigger than its wait of 0 s and an answer still counts as answered', () => {
    const fact = makeFact({ ticketId: 'a', queuedAt: jan14('09:00:00'), answeredAt: jan14('09:00:00'), abandonedAt: jan14('09:00:01') });
    expect(serviceLevelOf([fact], rule('answered_abandoned_within', 5))).toMatchObject({ answered: 1, abandoned: 0, shortAbandons: 0, value: 100 });
  });

  it('ASA, AHT and CSAT are null with nothing to measure', () => {
    expect(averageSpeedOfAnswer([]).value).toBeNull();
    expect(averageHandleTime([]).aht).toBeNull();
    expect(customerSatisfaction([])).toMatchObject({ value: null, responseRate: null });
    expect(netPromoterScore([]).value).toBeNull();
  });
});

describe('hasRepeatContact over an indexed pool', () => {
  // The pool is indexed once by contact and topic; the answer must be the plain definition's:
  // another ticket of the same contact and topic created after this one and by first resolution + window.
  const bruteForce = (fact: TicketFact, pool: readonly TicketFact[], windowDays: number) => {
    const resolved = fact.resolvedAt[0];
    if (resolved === undefined) return false;
    const windowEnd = Date.parse(resolved) + windowDays * 86_400_000;
    if (fact.reopenedAt.some((at) => Date.parse(at) > Date.parse(resolved) && Date.parse(at) <= windowEnd)) return true;
    return pool.some((o) => o.ticketId !== fact.ticketId && o.contactId === fact.contactId && o.topic === fact.topic && Date.parse(o.createdAt) > Date.parse(fact.createdAt) && Date.parse(o.createdAt) <= windowEnd);
  };
  it('agrees with the definition on 400 seeded tickets of 12 contacts and 3 topics', () => {
    let seed = 7;
    const next = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
    const start = Date.parse('2026-11-01T00:00:00Z');
    const pool = Array.from({ length: 400 }, (_, i) => {
      const created = start + Math.floor(next() * 30 * 86_400_000);
      const resolved = next() < 0.8 ? [new Date(created + Math.floor(next() * 3 * 86_400_000)).toISOString()] : [];
      return makeFact({
        ticketId: `t${i}`,
        contactId: `c${Math.floor(next() * 12)}`,
        topic: [null, 'billing', 'returns'][Math.floor(next() * 3)],
        createdAt: new Date(created).toISOString(),
        resolvedAt: resolved,
      });
    });
    let repeats = 0;
    for (const windowDays of [1, 7]) {
      for (const fact of pool) {
        const expected = bruteForce(fact, pool, windowDays);
        if (expected) repeats++;
        expect([fact.ticketId, windowDays, hasRepeatContact(fact, pool, windowDays)]).toEqual([fact.ticketId, windowDays, expected]);
      }
    }
    // Both answers occur, so the comparison means something.
    expect(repeats).toBeGreaterThan(50);
    expect(repeats).toBeLessThan(600);
  });
});
