import type { TicketFact } from '@switchboard/shared-contracts';
import { makeFact } from './kpi.spec-fixtures';
import { emptyQaReport, kpiQaKey, kpiQaReports, qaDrillDownRows, type KpiQaEvaluation, type KpiQaTicket } from './kpi-qa.util';

/**
 * A hand-built period, Europe/London (GMT in January): five handled tickets, resolved on two days, in
 * two queues (one ticket with none), two channels:
 *   h1 14 Jan 09:10 chat  q-a en  random 80
 *   h2 14 Jan 09:40 chat  q-a en  random 90, manual 50
 *   h3 14 Jan 23:59 email q-b fr  random 100
 *   h4 15 Jan 00:01 chat  q-b en  targeted 0 (critical fail)
 *   h5 15 Jan 10:00 email —   —   not evaluated
 */
const ticket = (ticketId: string, resolvedAt: string, channel: string, queueId: string | null, language: string | null): KpiQaTicket => ({ ticketId, resolvedAt, channel, queueId, language });
const handled = [
  ticket('h1', '2026-01-14T09:10:00Z', 'chat', 'q-a', 'en'),
  ticket('h2', '2026-01-14T09:40:00Z', 'chat', 'q-a', 'en'),
  ticket('h3', '2026-01-14T23:59:00Z', 'email', 'q-b', 'fr'),
  ticket('h4', '2026-01-15T00:01:00Z', 'chat', 'q-b', 'en'),
  ticket('h5', '2026-01-15T10:00:00Z', 'email', null, null),
];
const of = (id: string) => handled.find((h) => h.ticketId === id) as KpiQaTicket;
const evaluation = (id: string, stream: KpiQaEvaluation['stream'], score: number): KpiQaEvaluation => ({ ...of(id), stream, score, criticalFailed: score === 0, disputes: [] });
const evaluations = [evaluation('h1', 'random', 80), evaluation('h2', 'random', 90), evaluation('h2', 'manual', 50), evaluation('h3', 'random', 100), evaluation('h4', 'targeted', 0)];
const TZ = 'Europe/London';

describe('kpiQaKey', () => {
  it.each([
    ['day', 'h3', '2026-01-14'],
    ['day', 'h4', '2026-01-15'],
    // 09:40 is the 20th 30-minute interval (09:30–10:00) of the local day.
    ['interval', 'h2', '2026-01-14#19'],
    ['channel', 'h3', 'email'],
    ['queue', 'h1', 'q-a'],
    ['queue', 'h5', 'none'],
    ['language', 'h3', 'fr'],
    ['language', 'h5', 'none'],
  ] as const)('%s of %s → %s', (groupBy, id, key) => expect(kpiQaKey(of(id), groupBy, TZ)).toBe(key));

  it('a local day in another zone: New York resolves h3 (23:59 UTC) on the 14th at 18:59', () => {
    expect(kpiQaKey(of('h3'), 'day', 'America/New_York')).toBe('2026-01-14');
    expect(kpiQaKey(of('h4'), 'day', 'America/New_York')).toBe('2026-01-14');
  });
});

describe('kpiQaReports', () => {
  it('the total: random 80, 90, 100 → mean 90 ± t(0.975, 2) × 10 / √3 = 24.8 (within 100); coverage 4 evaluated / 5 handled', () => {
    const { total } = kpiQaReports(handled, evaluations, 'total', TZ);
    expect(total.headline).toMatchObject({ evaluations: 3, score: { n: 3, mean: 90, low: 65.2, high: 100, level: 0.95 } });
    // The targeted review is apart; the manual one counts for coverage only.
    expect(total.targeted).toMatchObject({ evaluations: 1, score: { mean: 0 }, criticalFailRate: { successes: 1, n: 1 } });
    expect(total).toMatchObject({ evaluatedTickets: 4, handledTickets: 5, coverage: 0.8 });
  });

  it.each([
    // 14 Jan: 80, 90, 100 of h1–h3 (3 of 3 evaluated); 15 Jan: no random review, h4 targeted (1 of 2).
    ['day', [['2026-01-14', 90, 3, 3, 1], ['2026-01-15', null, 1, 2, 0.5]]],
    // q-a: 80, 90 → 85 ± 12.706 × 7.07 / √2 = 63.5 → 21.5–100; q-b: 100 (one value: no interval), h4 targeted; none: h5.
    ['queue', [['q-a', 85, 2, 2, 1], ['q-b', 100, 2, 2, 1], ['none', null, 0, 1, 0]]],
    ['channel', [['chat', 85, 3, 3, 1], ['email', 100, 1, 2, 0.5]]],
  ] as const)('by %s: [key, QA score, evaluated, handled, coverage]', (groupBy, expected) => {
    const qa = kpiQaReports(handled, evaluations, groupBy, TZ);
    expect(expected.map(([key]) => [key, qa.group(key).headline.score?.mean ?? null, qa.group(key).evaluatedTickets, qa.group(key).handledTickets, qa.group(key).coverage])).toEqual(expected);
    // The groups add up to the total's counts.
    expect([...qa.groups.values()].reduce((n, r) => n + r.handledTickets, 0)).toBe(5);
  });

  it('q-a: two scores, interval 85 ± 63.5 kept within 0–100', () => {
    expect(kpiQaReports(handled, evaluations, 'queue', TZ).group('q-a').headline.score).toEqual({ n: 2, mean: 85, low: 21.5, high: 100, level: 0.95 });
  });

  it('a bucket without QA reads empty (no score, coverage null)', () => {
    expect(kpiQaReports(handled, evaluations, 'day', TZ).group('2026-01-16')).toEqual(emptyQaReport());
    expect(emptyQaReport()).toMatchObject({ headline: { evaluations: 0, score: null }, coverage: null, evaluatedTickets: 0, handledTickets: 0 });
  });

  it('nothing handled, nothing evaluated', () => {
    expect(kpiQaReports([], [], 'total', TZ).total).toEqual(emptyQaReport());
  });
});

describe('qaDrillDownRows', () => {
  const facts: TicketFact[] = [makeFact({ ticketId: 'h1', queuedAt: '2026-01-14T09:00:00Z', answeredAt: '2026-01-14T09:00:12Z', agentReplies: ['2026-01-14T09:01:00Z'], resolvedAt: ['2026-01-14T09:10:00Z'] })];

  it('one row per evaluated ticket (the evaluatedTickets of coverage), its stream the random one first, in resolution order', () => {
    const rows = qaDrillDownRows(evaluations, facts, null);
    expect(rows.map((r) => [r.ticketId, r.outcome])).toEqual([
      ['h1', 'random'],
      ['h2', 'random'],
      ['h3', 'random'],
      ['h4', 'targeted'],
    ]);
    expect(rows).toHaveLength(kpiQaReports(handled, evaluations, 'total', TZ).total.evaluatedTickets);
    // From the fact when the report has it: 12 s wait, first reply 60 s after creation.
    expect(rows[0]).toMatchObject({ anchor: '2026-01-14T09:10:00.000Z', waitSeconds: 12, firstResponseSeconds: 60, resolvedAt: '2026-01-14T09:10:00Z' });
    expect(rows[1]).toMatchObject({ waitSeconds: null, firstResponseSeconds: null, resolvedAt: '2026-01-14T09:40:00.000Z' });
  });

  it('a bucket: the tickets of that key only', () => {
    expect(qaDrillDownRows(evaluations, facts, { groupBy: 'queue', key: 'q-b', timeZone: TZ }).map((r) => r.ticketId)).toEqual(['h3', 'h4']);
    expect(qaDrillDownRows(evaluations, facts, { groupBy: 'day', key: '2026-01-15', timeZone: TZ }).map((r) => r.ticketId)).toEqual(['h4']);
  });
});
