import { disputeOutcome, qaGroupReports, type QaReportEvaluation, type QaReportTicket } from './qa-report.util';

const ev = (ticketId: string, stream: QaReportEvaluation['stream'], score: number | null, groups: (string | null)[], extra: Partial<QaReportEvaluation> = {}): QaReportEvaluation => ({
  ticketId,
  stream,
  score,
  criticalFailed: score === 0,
  disputes: [],
  groups,
  ...extra,
});
const handled = (n: number, groups: (string | null)[], prefix: string): QaReportTicket[] => Array.from({ length: n }, (_, i) => ({ ticketId: `${prefix}${i}`, groups }));

describe('qaGroupReports', () => {
  // Ann: 10 handled, random 80/90/70, targeted 0, manual 50. Bob (team 2, also in team 1): 5 handled, random 100.
  const evaluations = [
    ev('a0', 'random', 80, ['ann', 'team-1']),
    ev('a1', 'random', 90, ['ann', 'team-1'], { disputes: ['adjusted'] }),
    ev('a2', 'random', 70, ['ann', 'team-1'], { disputes: ['upheld', 'open'] }),
    ev('a3', 'targeted', 0, ['ann', 'team-1']),
    ev('a4', 'manual', 50, ['ann', 'team-1']),
    ev('b0', 'random', 100, ['bob', 'team-1', 'team-2']),
  ];
  const tickets = [...handled(10, ['ann', 'team-1'], 'a'), ...handled(5, ['bob', 'team-1', 'team-2'], 'b')];
  const rows = qaGroupReports(evaluations, tickets, [
    { scores: [100, 100, 50], groups: ['ann', 'team-1'] },
    { scores: [0, 0, 0], groups: ['ann', 'team-1'] },
  ]);
  const row = (key: string | null) => rows.find((r) => r.key === key);

  it('has one row per group, in order of appearance; a member of two teams counts in both', () => {
    expect(rows.map((r) => r.key)).toEqual(['ann', 'team-1', 'bob', 'team-2']);
    expect(row('team-1')?.report.handledTickets).toBe(15);
    expect(row('team-2')?.report.headline.score?.mean).toBe(100);
  });

  it('the headline is the random stream only; targeted and manual are apart; coverage counts every stream once', () => {
    const ann = row('ann');
    expect(ann?.report.headline.score).toMatchObject({ n: 3, mean: 80 });
    // 80 ± t(0.975, 2) × 10 / √3 = 80 ± 24.84
    expect(ann?.report.headline.score?.low).toBe(55.2);
    expect(ann?.report.headline.score?.high).toBe(100);
    expect(ann?.report.targeted).toMatchObject({ evaluations: 1, score: { mean: 0 }, criticalFailRate: { successes: 1, n: 1 } });
    expect(ann?.manual).toMatchObject({ evaluations: 1, score: { mean: 50 } });
    expect(ann?.report).toMatchObject({ evaluatedTickets: 5, handledTickets: 10, coverage: 0.5 });
  });

  it('dispute rate and outcome over every stream of the group', () => {
    expect(row('ann')?.disputes).toMatchObject({ raised: 3, open: 1, upheld: 1, adjusted: 1, adjustedShare: 0.5, rate: { successes: 2, n: 5, rate: 0.4 } });
    expect(row('bob')?.disputes).toMatchObject({ raised: 0, adjustedShare: null, rate: { successes: 0, n: 1 } });
  });

  it('agreement is alpha over the group’s calibration units, null with fewer than two', () => {
    // Units [100,100,50] and [0,0,0] (interval), by hand: o(100,50) = o(50,100) = 1, n = 6 (n₁₀₀ 2, n₅₀ 1, n₀ 3);
    // D_o = 2·2500/6 = 833.3; D_e = 2·(2·1·2500 + 2·3·10000 + 1·3·2500)/30 = 4833.3; α = 1 − 833.3/4833.3 = 0.8276.
    const alpha = row('ann')?.agreement;
    expect(alpha?.units).toBe(2);
    expect(alpha?.alpha).toBe(0.8276);
    expect(row('bob')?.agreement).toEqual({ alpha: null, units: 0 });
  });

  it('a group with handled tickets and no evaluation has empty streams and zero coverage; a null key is a group', () => {
    const [only] = qaGroupReports([], handled(4, [null], 'x'));
    expect(only).toMatchObject({ key: null, report: { headline: { evaluations: 0, score: null }, coverage: 0, handledTickets: 4 }, manual: { evaluations: 0 } });
    expect(qaGroupReports([ev('y', 'random', 90, ['q'])], [])[0].report.coverage).toBeNull();
  });
});

describe('disputeOutcome', () => {
  it.each([
    [[], null, 0, null],
    [[['open']], 1, 1, null],
    [[['upheld'], ['adjusted'], ['adjusted'], []], 0.75, 3, 0.6667],
  ] as const)('%j → rate %j, %j raised, adjusted share %j', (disputes, rate, raised, share) => {
    const outcome = disputeOutcome(disputes.map((d) => ({ disputes: d })));
    expect(outcome.rate?.rate ?? null).toBe(rate);
    expect(outcome.raised).toBe(raised);
    expect(outcome.adjustedShare).toBe(share);
  });
});
