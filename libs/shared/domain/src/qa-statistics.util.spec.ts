import type { AlphaMetric, QaAnswers, ScorecardDefinition, ScorecardQuestion } from '@switchboard/shared-contracts';
import {
  calibrationAgreement,
  calibrationDeviation,
  calibrationSessionResult,
  krippendorffAlpha,
  meanWithConfidence,
  normalQuantile,
  qaReport,
  studentTCdf,
  studentTQuantile,
  wilsonInterval,
  type ReportedEvaluation,
} from './qa-statistics.util';

describe('normalQuantile', () => {
  it.each([
    [0.5, 0],
    [0.975, 1.959963985],
    [0.995, 2.575829304],
    [0.95, 1.644853627],
    [0.025, -1.959963985],
    [0.001, -3.090232306],
    [1e-6, -4.753424309],
  ])('Φ⁻¹(%d) = %d', (p, z) => {
    expect(normalQuantile(p)).toBeCloseTo(z, 8);
  });

  it.each([0, 1, -0.1, Number.NaN])('refuses p = %d', (p) => {
    expect(() => normalQuantile(p)).toThrow(RangeError);
  });
});

describe('studentTQuantile against the published t-table (two-sided)', () => {
  it.each([
    // 95 %: t(0.975, df)
    [0.975, 1, 12.706],
    [0.975, 2, 4.303],
    [0.975, 3, 3.182],
    [0.975, 4, 2.776],
    [0.975, 5, 2.571],
    [0.975, 6, 2.447],
    [0.975, 7, 2.365],
    [0.975, 8, 2.306],
    [0.975, 9, 2.262],
    [0.975, 10, 2.228],
    [0.975, 15, 2.131],
    [0.975, 20, 2.086],
    [0.975, 30, 2.042],
    [0.975, 60, 2.0],
    [0.975, 120, 1.98],
    [0.975, 1000, 1.962],
    [0.975, Number.POSITIVE_INFINITY, 1.96],
    // 99 % and 90 %
    [0.995, 1, 63.657],
    [0.995, 10, 3.169],
    [0.95, 5, 2.015],
    [0.95, 1, 6.314],
    [0.9995, 1, 636.619],
  ])('t(%d, df %d) = %d', (p, df, t) => {
    expect(studentTQuantile(p, df)).toBeCloseTo(t, 3);
  });

  it('is symmetric and inverts the CDF', () => {
    expect(studentTQuantile(0.025, 7)).toBeCloseTo(-2.365, 3);
    for (const df of [1, 2.5, 9, 40]) for (const p of [0.6, 0.9, 0.99]) expect(studentTCdf(studentTQuantile(p, df), df)).toBeCloseTo(p, 10);
    expect(studentTCdf(0, 3)).toBe(0.5);
  });

  it('matches the Cauchy distribution for df = 1 exactly', () => {
    for (const p of [0.6, 0.8, 0.975]) expect(studentTQuantile(p, 1)).toBeCloseTo(Math.tan(Math.PI * (p - 0.5)), 8);
  });

  it.each([
    [0, 5],
    [0.5, 0],
    [0.5, -1],
  ])('refuses p = %d with df %d', (p, df) => {
    expect(() => studentTQuantile(p, df)).toThrow(RangeError);
  });
});

describe('meanWithConfidence', () => {
  it('has nothing to say about no scores', () => {
    expect(meanWithConfidence([])).toBeNull();
  });

  it('gives one score without an interval', () => {
    expect(meanWithConfidence([82.5])).toEqual({ n: 1, mean: 82.5, low: null, high: null, level: 0.95 });
  });

  it.each<[string, number[], number, number, number]>([
    // mean 84, s = √92.5, t(0.975, 4) = 2.7764 → ± 11.941
    ['five scores', [80, 90, 70, 85, 95], 84, 72.059, 95.941],
    // mean 50, s = √2 · 50 ≈ 70.71, t(0.975, 1) = 12.706 → ± 635.3: two scores say little
    ['two scores far apart', [0, 100], 50, -585.3, 685.3],
    ['identical scores', [75, 75, 75], 75, 75, 75],
  ])('%s', (_case, scores, mean, low, high) => {
    const result = meanWithConfidence(scores);
    expect(result?.mean).toBeCloseTo(mean, 6);
    expect(result?.low).toBeCloseTo(low, 1);
    expect(result?.high).toBeCloseTo(high, 1);
  });

  it('uses the normal value for large samples, Student t for small ones', () => {
    const many = Array.from({ length: 400 }, (_, i) => (i % 2 === 0 ? 60 : 80));
    const result = meanWithConfidence(many);
    // s = 10.0125, se = 0.5006, t(0.975, 399) = 1.9659
    expect(result?.high).toBeCloseTo(70 + 1.9659 * (Math.sqrt((400 * 100) / 399) / 20), 3);
  });

  it('takes another level', () => {
    const result = meanWithConfidence([80, 90, 70, 85, 95], 0.99);
    // t(0.995, 4) = 4.6041
    expect(result?.high).toBeCloseTo(84 + 4.6041 * Math.sqrt(92.5 / 5), 3);
    expect(result?.level).toBe(0.99);
  });

  it('refuses values that are not numbers and impossible levels', () => {
    expect(() => meanWithConfidence([1, Number.NaN])).toThrow(RangeError);
    expect(() => meanWithConfidence([1, 2], 1)).toThrow(RangeError);
  });
});

describe('wilsonInterval against Newcombe (1998), Statistics in Medicine 17:857, method 3', () => {
  it.each([
    [81, 263, 0.3080, 0.2553, 0.3662],
    [15, 148, 0.1014, 0.0624, 0.1605],
    [0, 20, 0, 0, 0.1611],
    [1, 29, 0.0345, 0.0061, 0.1718],
    [29, 29, 1, 0.883, 1],
    [5, 10, 0.5, 0.2366, 0.7634],
  ])('%d of %d', (successes, n, rate, low, high) => {
    const result = wilsonInterval(successes, n);
    expect(result?.rate).toBeCloseTo(rate, 4);
    expect(result?.low).toBeCloseTo(low, 4);
    expect(result?.high).toBeCloseTo(high, 4);
  });

  it('has nothing to say about no evaluations', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
  });

  it.each([
    [3, 2],
    [-1, 5],
    [1.5, 5],
  ])('refuses %d of %d', (successes, n) => {
    expect(() => wilsonInterval(successes, n)).toThrow(RangeError);
  });
});

/** Rows are coders, columns units; null = missing. Transposed to units for `krippendorffAlpha`. */
const byUnit = (coders: (number | string | null)[][]) => coders[0].map((_, u) => coders.map((row) => row[u]));

describe('krippendorffAlpha against Krippendorff (2011), "Computing Krippendorff\'s Alpha-Reliability"', () => {
  // Section C: four observers, twelve units, missing data (unit 12 has a single value and drops out).
  const C = byUnit([
    [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
    [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
  ]);

  it.each<[AlphaMetric, number]>([
    ['nominal', 0.743],
    ['ordinal', 0.815],
    ['interval', 0.849],
    ['ratio', 0.797],
  ])('4 coders × 12 units with missing data, %s α = %d', (metric, alpha) => {
    const result = krippendorffAlpha(C, metric);
    expect(result.alpha).toBeCloseTo(alpha, 3);
    expect(result.units).toBe(11);
    expect(result.values).toBe(40);
  });

  it('reproduces the nominal observed and expected disagreement of the worked example (D_o = 8/40, D_e = 1 − Σ n_c(n_c − 1) / n(n − 1))', () => {
    const result = krippendorffAlpha(C, 'nominal');
    // Marginals n_1…n_5 = 9, 13, 10, 5, 3 (the paper's coincidence matrix); off its diagonal: 8
    // (unit 2: 2, unit 6: 4, unit 8: 2) → α = 1 − 39 × 8 / (40² − Σ n_c²) = 1 − 312 / 1216 = 0.743.
    expect(result.observedDisagreement).toBeCloseTo(8 / 40, 10);
    expect(result.expectedDisagreement).toBeCloseTo(1 - (9 * 8 + 13 * 12 + 10 * 9 + 5 * 4 + 3 * 2) / (40 * 39), 10);
  });

  it('section A: binary data, two observers, no missing data — α = 0.095', () => {
    const A = byUnit([
      [0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
      [1, 1, 1, 0, 0, 1, 0, 0, 0, 0],
    ]);
    expect(krippendorffAlpha(A, 'nominal').alpha).toBeCloseTo(0.095, 3);
  });

  it('section B: nominal data, two observers, no missing data — α = 0.692', () => {
    const B = byUnit([
      ['a', 'a', 'b', 'b', 'd', 'c', 'c', 'c', 'e', 'd', 'd', 'a'],
      ['b', 'a', 'b', 'b', 'b', 'c', 'c', 'c', 'e', 'd', 'd', 'd'],
    ]);
    expect(krippendorffAlpha(B, 'nominal').alpha).toBeCloseTo(0.692, 3);
  });

  it.each<[string, (number | null)[][], number | null]>([
    ['perfect agreement', [[1, 1], [2, 2], [3, 3]], 1],
    ['no variation at all (undefined)', [[2, 2], [2, 2]], null],
    ['no pairable values', [[1, null], [null, 2]], null],
    ['nothing', [], null],
    ['systematic disagreement is below 0', [[1, 2], [2, 1], [1, 2], [2, 1]], -0.75],
  ])('%s', (_case, units, alpha) => {
    const result = krippendorffAlpha(units, 'interval');
    if (alpha === null) expect(result.alpha).toBeNull();
    else expect(result.alpha).toBeCloseTo(alpha, 10);
  });

  it('does not depend on the order of units or of coders', () => {
    const reversed = [...C].reverse().map((unit) => [...unit].reverse());
    for (const metric of ['nominal', 'ordinal', 'interval', 'ratio'] as const) expect(krippendorffAlpha(reversed, metric).alpha).toBeCloseTo(krippendorffAlpha(C, metric).alpha as number, 12);
  });

  it('treats NaN and undefined as missing, and refuses text for a numeric metric', () => {
    expect(krippendorffAlpha([[1, Number.NaN, 1], [2, undefined, 2], [3, 3]], 'interval').alpha).toBe(1);
    expect(() => krippendorffAlpha([['a', 'b']], 'interval')).toThrow(TypeError);
  });

  it('is unchanged by a linear rescale on the interval metric (scale values vs 0–100 scores)', () => {
    const rescaled = C.map((unit) => unit.map((v) => (v === null ? null : ((v as number) - 1) * 25)));
    expect(krippendorffAlpha(rescaled, 'interval').alpha).toBeCloseTo(0.849, 3);
  });
});

const q = (key: string, overrides: Partial<ScorecardQuestion> = {}): ScorecardQuestion => ({ key, text: `${key}?`, scale: '5', allowNa: false, critical: false, guidance: '', ...overrides });
const CARD: ScorecardDefinition = {
  name: 'Calibration',
  sections: [
    { key: 'soft', title: 'Soft skills', weight: 40, questions: [q('empathy'), q('tone', { scale: '3', allowNa: true })] },
    { key: 'process', title: 'Process', weight: 60, questions: [q('verified', { scale: 'binary', critical: true }), q('resolved', { scale: '4' })] },
  ],
};

describe('calibrationDeviation', () => {
  // Reference: soft (75 + 100)/2 = 87.5; process (100 + 66.7)/2 = 83.3 (resolved 3 of 4) → 0.4×87.5 + 0.6×83.33 = 85
  const reference: QaAnswers = { empathy: 4, tone: 3, verified: 1, resolved: 3 };

  it('shows how far each reviewer is from the reference, overall and per question', () => {
    const [same, harsh, failing] = calibrationDeviation(CARD, reference, [
      { reviewerId: 'r-same', answers: reference },
      { reviewerId: 'r-harsh', answers: { empathy: 2, tone: 'na', verified: 1, resolved: 2 } },
      { reviewerId: 'r-fail', answers: { ...reference, verified: 0 } },
    ]);
    expect(same).toMatchObject({ reviewerId: 'r-same', score: 85, scoreDeviation: 0, disagreements: 0, disagreementRate: 0, meanAbsoluteQuestionDeviation: 0 });
    // harsh: soft = 25 (tone N/A), process (100 + 33.3)/2 = 66.7 → 0.4×25 + 0.6×66.67 = 50;
    // question deviations −50, 0, −33.3 (tone N/A has none) → mean |deviation| 27.8
    expect(harsh).toMatchObject({ score: 50, scoreDeviation: -35, disagreements: 3, disagreementRate: 0.75, meanAbsoluteQuestionDeviation: 27.8 });
    expect(harsh.questions).toEqual([
      { key: 'empathy', reference: 4, reviewer: 2, deviation: -50, disagrees: true },
      { key: 'tone', reference: 3, reviewer: 'na', deviation: null, disagrees: true },
      { key: 'verified', reference: 1, reviewer: 1, deviation: 0, disagrees: false },
      { key: 'resolved', reference: 3, reviewer: 2, deviation: -33.3, disagrees: true },
    ]);
    // A critical fail the reference did not see: the score drops to 0, a deviation of −85.
    expect(failing).toMatchObject({ score: 0, scoreDeviation: -85, disagreements: 1 });
    expect(failing.questions[2]).toEqual({ key: 'verified', reference: 1, reviewer: 0, deviation: -100, disagrees: true });
  });

  it('treats an answer off the scale as no answer', () => {
    const [result] = calibrationDeviation(CARD, reference, [{ reviewerId: 'r', answers: { ...reference, empathy: 9 } }]);
    expect(result.questions[0]).toEqual({ key: 'empathy', reference: 4, reviewer: null, deviation: null, disagrees: true });
  });

  it('returns no rows without reviewers', () => {
    expect(calibrationDeviation(CARD, reference, [])).toEqual([]);
  });
});

describe('calibrationAgreement', () => {
  const review = (reviewerId: string, answers: QaAnswers) => ({ reviewerId, answers });

  it('computes alpha per question across tickets, N/A as missing', () => {
    const tickets = [
      [review('a', { empathy: 4, tone: 3, verified: 1, resolved: 3 }), review('b', { empathy: 4, tone: 3, verified: 1, resolved: 2 }), review('c', { empathy: 5, tone: 'na', verified: 1, resolved: 3 })],
      [review('a', { empathy: 2, tone: 1, verified: 0, resolved: 1 }), review('b', { empathy: 2, tone: 2, verified: 0, resolved: 1 }), review('c', { empathy: 1, tone: 1, verified: 1, resolved: 2 })],
      [review('a', { empathy: 3, tone: 'na', verified: 1, resolved: 4 }), review('b', { empathy: 3, tone: 'na', verified: 1, resolved: 4 })],
    ];
    const result = calibrationAgreement(CARD, tickets);
    const expected = (key: string) =>
      krippendorffAlpha(
        tickets.map((reviews) => reviews.map((r) => (typeof r.answers[key] === 'number' ? (r.answers[key] as number) : null))),
        'interval',
      ).alpha;
    expect(result.questions.map((x) => x.key)).toEqual(['empathy', 'tone', 'verified', 'resolved']);
    for (const row of result.questions) expect(row.alpha).toBeCloseTo(expected(row.key) as number, 12);
    // tone: ticket 3 is all N/A, so only two tickets count.
    expect(result.questions.map((x) => x.units)).toEqual([3, 2, 3, 3]);
    expect(result.questions[0].alpha).toBeGreaterThan(0.8);
    expect(result.overall.units).toBe(11);
    expect(result.overall.alpha).toBeGreaterThan(0.5);
  });

  it('reports no per-question alpha for a single ticket, but an overall one', () => {
    const result = calibrationAgreement(CARD, [[review('a', { empathy: 4, tone: 3, verified: 1, resolved: 3 }), review('b', { empathy: 3, tone: 3, verified: 1, resolved: 2 })]]);
    expect(result.questions.every((x) => x.alpha === null && x.units <= 1)).toBe(true);
    expect(result.overall.units).toBe(4);
    expect(result.overall.alpha).toBeGreaterThan(0.5);
  });

  it('reports perfect agreement as 1 and nothing for a session without answers', () => {
    const same = { empathy: 4, tone: 2, verified: 1, resolved: 3 };
    const other = { empathy: 2, tone: 3, verified: 0, resolved: 1 };
    const perfect = calibrationAgreement(CARD, [
      [review('a', same), review('b', same)],
      [review('a', other), review('b', other)],
    ]);
    expect(perfect.questions.map((x) => x.alpha)).toEqual([1, 1, 1, 1]);
    expect(calibrationAgreement(CARD, []).overall).toEqual({ alpha: null, units: 0 });
  });
});

describe('qaReport', () => {
  const evaluation = (ticketId: string, stream: 'random' | 'targeted', score: number | null, flags: Partial<ReportedEvaluation> = {}): ReportedEvaluation => ({ ticketId, stream, score, criticalFailed: score === 0, disputed: false, ...flags });

  it('makes the headline from the random stream only and reports the targeted stream apart', () => {
    const report = qaReport(
      [
        evaluation('t1', 'random', 80),
        evaluation('t2', 'random', 90),
        evaluation('t3', 'random', 70),
        evaluation('t4', 'random', 85, { disputed: true }),
        evaluation('t5', 'random', 95),
        evaluation('t6', 'targeted', 0),
        evaluation('t7', 'targeted', 20, { disputed: true }),
      ],
      100,
    );
    expect(report.headline.evaluations).toBe(5);
    expect(report.headline.score).toEqual({ n: 5, mean: 84, low: 72.1, high: 95.9, level: 0.95 });
    expect(report.headline.criticalFailRate).toEqual({ successes: 0, n: 5, rate: 0, low: 0, high: 0.4345, level: 0.95 });
    expect(report.headline.disputeRate).toMatchObject({ successes: 1, n: 5, rate: 0.2 });
    expect(report.targeted.score).toMatchObject({ n: 2, mean: 10 });
    expect(report.targeted.criticalFailRate).toMatchObject({ successes: 1, n: 2, rate: 0.5 });
    expect(report.coverage).toBe(0.07);
    expect(report.evaluatedTickets).toBe(7);
  });

  it('keeps the interval within 0–100', () => {
    const report = qaReport([evaluation('a', 'random', 100), evaluation('b', 'random', 90), evaluation('c', 'random', 100)], 3);
    expect(report.headline.score?.high).toBe(100);
    expect(report.headline.score?.low).toBeGreaterThan(0);
    expect(report.coverage).toBe(1);
  });

  it('counts an all-N/A evaluation in the rates but not in the mean', () => {
    const report = qaReport([evaluation('a', 'random', 60), evaluation('b', 'random', null)], 10);
    expect(report.headline.score).toEqual({ n: 1, mean: 60, low: null, high: null, level: 0.95 });
    expect(report.headline.criticalFailRate?.n).toBe(2);
  });

  it('counts a ticket evaluated twice once for coverage', () => {
    expect(qaReport([evaluation('a', 'random', 60), evaluation('a', 'targeted', 50)], 4).coverage).toBe(0.25);
  });

  it('has empty streams and no coverage when nothing was handled', () => {
    expect(qaReport([], 0)).toEqual({
      headline: { evaluations: 0, score: null, criticalFailRate: null, disputeRate: null },
      targeted: { evaluations: 0, score: null, criticalFailRate: null, disputeRate: null },
      coverage: null,
      evaluatedTickets: 0,
      handledTickets: 0,
    });
  });
});

describe('calibrationSessionResult', () => {
  const TWO: ScorecardDefinition = {
    name: 'Two',
    sections: [
      {
        key: 's',
        title: 'S',
        weight: 1,
        questions: [
          { key: 'q1', text: 'Q1', scale: 'binary', allowNa: false, critical: false, guidance: '' },
          { key: 'q2', text: 'Q2', scale: 'binary', allowNa: false, critical: false, guidance: '' },
        ],
      },
    ],
  };
  // Reference R: t1 100, t2 50. A: t1 50 (q2 differs), t2 50, t3 alone. B: t1 100 only.
  const tickets = [
    { ticketId: 't1', reviews: [{ reviewerId: 'R', answers: { q1: 1, q2: 1 } }, { reviewerId: 'A', answers: { q1: 1, q2: 0 } }, { reviewerId: 'B', answers: { q1: 1, q2: 1 } }] },
    { ticketId: 't2', reviews: [{ reviewerId: 'R', answers: { q1: 0, q2: 1 } }, { reviewerId: 'A', answers: { q1: 0, q2: 1 } }] },
    { ticketId: 't3', reviews: [{ reviewerId: 'A', answers: { q1: 1, q2: 1 } }] },
  ];
  const result = calibrationSessionResult(TWO, 'R', tickets);

  it('measures each reviewer against the reference, per ticket and overall (worked by hand)', () => {
    expect(result.tickets.map((t) => [t.ticketId, t.referenceScore, t.deviations.map((d) => [d.reviewerId, d.scoreDeviation, d.disagreements])])).toEqual([
      ['t1', 100, [['A', -50, 1], ['B', 0, 0]]],
      ['t2', 50, [['A', 0, 0]]],
      ['t3', null, []],
    ]);
    expect(result.reviewers).toEqual([
      { reviewerId: 'A', meanScoreDeviation: -25, meanAbsoluteScoreDeviation: 25, disagreementRate: 0.25 },
      { reviewerId: 'B', meanScoreDeviation: 0, meanAbsoluteScoreDeviation: 0, disagreementRate: 0 },
    ]);
  });

  it("gives Krippendorff's alpha per question: full agreement 1; q2's one dissent among few values 0 (D_o = D_e = 0.4)", () => {
    expect(result.agreement.questions).toEqual([
      { key: 'q1', alpha: 1, units: 2 },
      { key: 'q2', alpha: 0, units: 2 },
    ]);
  });

  it('a session where the reference reviewed nothing has no deviations', () => {
    const none = calibrationSessionResult(TWO, 'Z', tickets);
    expect(none.tickets.every((t) => t.deviations.length === 0 && t.referenceScore === null)).toBe(true);
    expect(none.reviewers.map((r) => r.meanScoreDeviation)).toEqual([null, null, null]);
  });
});
