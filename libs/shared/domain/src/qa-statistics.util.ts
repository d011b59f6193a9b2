import {
  QA_NA,
  type AlphaMetric,
  type MeanInterval,
  type ProportionInterval,
  type QaAnswer,
  type QaAnswers,
  type QaReport,
  type QaStream,
  type QaStreamReport,
  type QuestionAgreement,
  type QuestionDeviation,
  type ReviewerDeviation,
  type ScorecardDefinition,
} from '@switchboard/shared-contracts';
import { isOnScale, questionScore, roundTenth, scoreEvaluation, scorecardQuestions } from './scorecard.util';

/**
 * The statistics of QA reports and calibration: confidence intervals for the QA score (Student t) and
 * for rates (Wilson), Krippendorff's alpha for reviewer agreement, and each reviewer's deviation from
 * a calibration session's reference.
 */

// ─── Distributions ──────────────────────────────────────────────────────────────────────────────────

/**
 * The standard normal quantile (inverse CDF) for 0 < p < 1, by Acklam's rational approximation
 * (relative error below 1.2 × 10⁻⁹).
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile needs 0 < p < 1, got ${p}`);
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/** ln Γ(x) for x > 0 (Lanczos, g = 7, 9 terms; about 15 significant digits). */
function logGamma(x: number): number {
  const g = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = g[0];
  for (let i = 1; i < 9; i++) sum += g[i] / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** The regularised incomplete beta function I_x(a, b), by its continued fraction (Lentz). */
function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  // The fraction converges fast for x < (a + 1) / (a + b + 2); use the symmetry otherwise.
  if (x > (a + 1) / (a + b + 2)) return 1 - incompleteBeta(1 - x, b, a);
  const tiny = 1e-300;
  let f = 1;
  let c = 1;
  let d = 0;
  for (let i = 0; i <= 400; i++) {
    const m = Math.floor(i / 2);
    let numerator: number;
    if (i === 0) numerator = 1;
    else if (i % 2 === 0) numerator = (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m));
    else numerator = -((a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1));
    d = 1 + numerator * d;
    if (Math.abs(d) < tiny) d = tiny;
    d = 1 / d;
    c = 1 + numerator / c;
    if (Math.abs(c) < tiny) c = tiny;
    const step = c * d;
    f *= step;
    if (Math.abs(1 - step) < 1e-15) break;
  }
  return (front * (f - 1)) / a;
}

/** P(T ≤ t) for Student's t with `df` degrees of freedom (df > 0, not necessarily whole). */
export function studentTCdf(t: number, df: number): number {
  const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/**
 * The Student t quantile: the t with P(T ≤ t) = p, for df ≥ 1 (df = Infinity gives the normal
 * quantile). Found by bisection on `studentTCdf`, accurate to about 10⁻¹⁰.
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`studentTQuantile needs 0 < p < 1, got ${p}`);
  if (!(df > 0)) throw new RangeError(`studentTQuantile needs df > 0, got ${df}`);
  if (!Number.isFinite(df)) return normalQuantile(p);
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  let low = 0;
  let high = 1;
  while (studentTCdf(high, df) < p) high *= 2;
  for (let i = 0; i < 200 && high - low > 1e-12 * Math.max(1, high); i++) {
    const mid = (low + high) / 2;
    if (studentTCdf(mid, df) < p) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}

// ─── Intervals ──────────────────────────────────────────────────────────────────────────────────────

/**
 * Mean with its two-sided confidence interval: mean ± t(1 − (1 − level)/2, n − 1) × s / √n, with s the
 * sample standard deviation (n − 1). Null for no values; one value gives the mean and no interval.
 * Values that are not finite numbers are refused.
 */
export function meanWithConfidence(values: readonly number[], level = 0.95): MeanInterval | null {
  checkLevel(level);
  if (!values.every((v) => typeof v === 'number' && Number.isFinite(v))) throw new RangeError('meanWithConfidence needs finite numbers');
  const n = values.length;
  if (n === 0) return null;
  const mean = values.reduce((sum, v) => sum + v, 0) / n;
  if (n === 1) return { n, mean, low: null, high: null, level };
  const variance = values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (n - 1);
  const half = studentTQuantile(1 - (1 - level) / 2, n - 1) * Math.sqrt(variance / n);
  return { n, mean, low: mean - half, high: mean + half, level };
}

/**
 * A proportion with its Wilson score interval (no continuity correction), which stays inside 0–1 and
 * behaves at 0 and n successes, unlike the normal approximation. Null when n is 0.
 */
export function wilsonInterval(successes: number, n: number, level = 0.95): ProportionInterval | null {
  checkLevel(level);
  if (!Number.isInteger(n) || n < 0 || !Number.isInteger(successes) || successes < 0 || successes > n) throw new RangeError(`wilsonInterval needs whole numbers 0 ≤ successes ≤ n, got ${successes} of ${n}`);
  if (n === 0) return null;
  const z = normalQuantile(1 - (1 - level) / 2);
  const rate = successes / n;
  const z2n = (z * z) / n;
  const centre = (rate + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((rate * (1 - rate)) / n + (z * z) / (4 * n * n));
  // At 0 and n successes the bound is exactly 0 or 1; do not let rounding move it.
  return { successes, n, rate, low: successes === 0 ? 0 : Math.max(0, centre - half), high: successes === n ? 1 : Math.min(1, centre + half), level };
}

function checkLevel(level: number): void {
  if (!(level > 0 && level < 1)) throw new RangeError(`confidence level must be between 0 and 1, got ${level}`);
}

// ─── Krippendorff's alpha ───────────────────────────────────────────────────────────────────────────

export type AlphaValue = number | string;

export interface AlphaResult {
  /** 1 = perfect agreement, 0 = as chance would have it, below 0 = systematic disagreement; null when undefined. */
  alpha: number | null;
  metric: AlphaMetric;
  /** Units with at least two values (the only ones that count). */
  units: number;
  /** Pairable values (n in Krippendorff's notation). */
  values: number;
  observedDisagreement: number;
  expectedDisagreement: number;
}

/**
 * Krippendorff's alpha = 1 − D_o / D_e (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability").
 * `units[u]` holds the values the coders gave unit u, one entry per coder, `null`/`undefined` (or NaN)
 * where a coder gave none. Units with fewer than two values are left out. With the coincidence matrix
 * o_ck = Σ_u (pairs c–k in u) / (m_u − 1), n_c = Σ_k o_ck and n = Σ n_c:
 * D_o = Σ o_ck δ²_ck / n and D_e = Σ n_c n_k δ²_ck / (n (n − 1)), where δ² is
 * nominal: 0 if c = k else 1; ordinal: (Σ_{g from c to k} n_g − (n_c + n_k) / 2)²; interval: (c − k)²;
 * ratio: ((c − k) / (c + k))². Alpha is null when there are no pairable values or they never vary
 * (D_e = 0). Nominal takes numbers or strings; the other metrics take numbers only.
 */
export function krippendorffAlpha(units: readonly (readonly (AlphaValue | null | undefined)[])[], metric: AlphaMetric): AlphaResult {
  const pairable = units.map((unit) => unit.filter((v): v is AlphaValue => v !== null && v !== undefined && !(typeof v === 'number' && Number.isNaN(v)))).filter((unit) => unit.length >= 2);
  if (metric !== 'nominal' && !pairable.every((unit) => unit.every((v) => typeof v === 'number' && Number.isFinite(v)))) {
    throw new TypeError(`the ${metric} metric needs finite numbers`);
  }
  const distinct = [...new Set(pairable.flat())].sort((a, b) => (typeof a === 'number' && typeof b === 'number' ? a - b : String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0));
  const index = new Map(distinct.map((v, i) => [v, i]));
  const size = distinct.length;
  const o: number[][] = distinct.map(() => new Array(size).fill(0));
  for (const unit of pairable) {
    const counts = new Map<number, number>();
    for (const v of unit) counts.set(index.get(v) as number, (counts.get(index.get(v) as number) ?? 0) + 1);
    for (const [c, nc] of counts) for (const [k, nk] of counts) o[c][k] += (c === k ? nc * (nc - 1) : nc * nk) / (unit.length - 1);
  }
  const marginals = o.map((row) => row.reduce((sum, x) => sum + x, 0));
  const n = marginals.reduce((sum, x) => sum + x, 0);
  const result = { metric, units: pairable.length, values: Math.round(n) };
  if (n < 2) return { ...result, alpha: null, observedDisagreement: 0, expectedDisagreement: 0 };

  const delta = distanceFor(metric, distinct, marginals);
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < size; c++) {
    for (let k = 0; k < size; k++) {
      const d2 = delta(c, k);
      observed += o[c][k] * d2;
      expected += marginals[c] * marginals[k] * d2;
    }
  }
  const observedDisagreement = observed / n;
  const expectedDisagreement = expected / (n * (n - 1));
  const alpha = expectedDisagreement > 0 ? 1 - observedDisagreement / expectedDisagreement : null;
  return { ...result, alpha, observedDisagreement, expectedDisagreement };
}

function distanceFor(metric: AlphaMetric, values: readonly AlphaValue[], marginals: readonly number[]): (c: number, k: number) => number {
  const num = (i: number) => values[i] as number;
  switch (metric) {
    case 'nominal':
      return (c, k) => (c === k ? 0 : 1);
    case 'interval':
      return (c, k) => (num(c) - num(k)) ** 2;
    case 'ratio':
      return (c, k) => (num(c) + num(k) === 0 ? 0 : ((num(c) - num(k)) / (num(c) + num(k))) ** 2);
    case 'ordinal': {
      // Cumulative marginals: between(c, k) = Σ n_g for g from min to max, inclusive.
      const cumulative = [0];
      for (const m of marginals) cumulative.push(cumulative[cumulative.length - 1] + m);
      return (c, k) => {
        if (c === k) return 0;
        const [lo, hi] = c < k ? [c, k] : [k, c];
        return (cumulative[hi + 1] - cumulative[lo] - (marginals[c] + marginals[k]) / 2) ** 2;
      };
    }
  }
}

// ─── Calibration ────────────────────────────────────────────────────────────────────────────────────

/** One reviewer's blind evaluation of a calibration ticket. */
export interface CalibrationReview {
  reviewerId: string;
  answers: QaAnswers;
}

/**
 * Each reviewer's distance from the session's reference evaluation (the answers the session settled
 * on, or its appointed expert's): the difference of evaluation scores (reviewer − reference, after
 * auto-fail, in points), and per question whether the answers differ and by how many points of
 * question score (0–100). N/A against a value counts as a disagreement with no point deviation.
 * Answers off the scale are treated as no answer.
 */
export function calibrationDeviation(definition: ScorecardDefinition, reference: QaAnswers, reviews: readonly CalibrationReview[]): ReviewerDeviation[] {
  const questions = scorecardQuestions(definition);
  const referenceScore = scoreEvaluation(definition, reference).score;
  return reviews.map((review) => {
    const score = scoreEvaluation(definition, review.answers).score;
    const perQuestion: QuestionDeviation[] = questions.map((question) => {
      const ref = validAnswer(question, reference[question.key]);
      const mine = validAnswer(question, review.answers[question.key]);
      const bothScored = typeof ref === 'number' && typeof mine === 'number';
      return {
        key: question.key,
        reference: ref,
        reviewer: mine,
        deviation: bothScored ? roundTenth(questionScore(question.scale, mine) - questionScore(question.scale, ref)) : null,
        disagrees: ref !== mine,
      };
    });
    const deviations = perQuestion.flatMap((q) => (q.deviation === null ? [] : [Math.abs(q.deviation)]));
    const disagreements = perQuestion.filter((q) => q.disagrees).length;
    return {
      reviewerId: review.reviewerId,
      score,
      scoreDeviation: score === null || referenceScore === null ? null : roundTenth(score - referenceScore),
      disagreements,
      disagreementRate: questions.length === 0 ? 0 : disagreements / questions.length,
      meanAbsoluteQuestionDeviation: deviations.length === 0 ? null : roundTenth(deviations.reduce((a, b) => a + b, 0) / deviations.length),
      questions: perQuestion,
    };
  });
}

export interface CalibrationAgreement {
  /** Per question, across tickets: alpha (interval metric, KPIS.md) on the selected scale values. */
  questions: QuestionAgreement[];
  /**
   * Across every (ticket, question) pair, on question scores 0–100 (interval metric): says whether the
   * reviewers agree on which questions went well, and is defined even for a single ticket.
   */
  overall: { alpha: number | null; units: number };
}

/**
 * Reviewer agreement for calibration (KPIS.md: Krippendorff's alpha, interval metric, per question).
 * Each ticket is a unit and each reviewer's answer one value; N/A, missing and off-scale answers are
 * missing values. A question's alpha needs at least two tickets with two answers each: on a single
 * ticket alpha is 0 whenever the reviewers differ at all and says nothing, so it is reported as null.
 */
export function calibrationAgreement(definition: ScorecardDefinition, tickets: readonly (readonly CalibrationReview[])[]): CalibrationAgreement {
  const questions = scorecardQuestions(definition);
  const perQuestion: QuestionAgreement[] = questions.map((question) => {
    const units = tickets.map((reviews) => reviews.map((review) => validAnswer(question, review.answers[question.key])).map((a) => (typeof a === 'number' ? a : null)));
    const result = krippendorffAlpha(units, 'interval');
    return { key: question.key, alpha: result.units >= 2 ? result.alpha : null, units: result.units };
  });
  const overallUnits = tickets.flatMap((reviews) =>
    questions.map((question) =>
      reviews.map((review) => {
        const answer = validAnswer(question, review.answers[question.key]);
        return typeof answer === 'number' ? questionScore(question.scale, answer) : null;
      }),
    ),
  );
  const overall = krippendorffAlpha(overallUnits, 'interval');
  return { questions: perQuestion, overall: { alpha: overall.units >= 2 ? overall.alpha : null, units: overall.units } };
}

function validAnswer(question: { scale: Parameters<typeof isOnScale>[0]; allowNa: boolean }, answer: QaAnswer | null | undefined): QaAnswer | null {
  if (answer === QA_NA) return question.allowNa ? QA_NA : null;
  return isOnScale(question.scale, answer) ? answer : null;
}

// ─── Reports ────────────────────────────────────────────────────────────────────────────────────────

/** One evaluation as a report sees it. */
export interface ReportedEvaluation {
  ticketId: string;
  stream: QaStream;
  /** The evaluation score (0 on a critical fail); null when every question was N/A. */
  score: number | null;
  criticalFailed: boolean;
  disputed: boolean;
}

/**
 * The QA block of a report (KPIS.md): the headline QA score is the mean of the **random** stream's
 * evaluation scores with its 95 % interval (Student t); the targeted stream is computed the same way
 * but apart, and never mixes into the headline. Per stream, critical-fail rate and dispute rate are
 * shares of that stream's evaluations with Wilson intervals. Coverage = distinct evaluated tickets
 * (both streams) / handled tickets. Evaluations without a score (all N/A) count in the rates but not
 * in the mean. Scores are rounded to 0.1 and their interval kept within 0–100; rates are 0–1, rounded
 * to 4 decimals.
 */
export function qaReport(evaluations: readonly ReportedEvaluation[], handledTickets: number, level = 0.95): QaReport {
  const stream = (which: QaStream): QaStreamReport => {
    const mine = evaluations.filter((e) => e.stream === which);
    const scores = mine.flatMap((e) => (e.score === null ? [] : [e.score]));
    const mean = meanWithConfidence(scores, level);
    return {
      evaluations: mine.length,
      score: mean && {
        ...mean,
        mean: roundTenth(mean.mean),
        low: mean.low === null ? null : roundTenth(clamp(mean.low, 0, 100)),
        high: mean.high === null ? null : roundTenth(clamp(mean.high, 0, 100)),
      },
      criticalFailRate: roundRate(wilsonInterval(mine.filter((e) => e.criticalFailed).length, mine.length, level)),
      disputeRate: roundRate(wilsonInterval(mine.filter((e) => e.disputed).length, mine.length, level)),
    };
  };
  const evaluatedTickets = new Set(evaluations.map((e) => e.ticketId)).size;
  return {
    headline: stream('random'),
    targeted: stream('targeted'),
    coverage: handledTickets > 0 ? Math.round((evaluatedTickets / handledTickets) * 10_000) / 10_000 : null,
    evaluatedTickets,
    handledTickets,
  };
}

function roundRate(interval: ProportionInterval | null): ProportionInterval | null {
  const r = (x: number) => Math.round(x * 10_000) / 10_000;
  return interval && { ...interval, rate: r(interval.rate), low: r(interval.low), high: r(interval.high) };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

// ─── A calibration session's result ─────────────────────────────────────────────────────────────────

export interface CalibrationTicketReviews {
  ticketId: string;
  /** Every submitted review of the ticket, the reference reviewer's included. */
  reviews: readonly CalibrationReview[];
}

export interface CalibrationReviewerSummary {
  reviewerId: string;
  /** Mean of (reviewer − reference) evaluation scores over the tickets both scored, rounded to 0.1; null when none. */
  meanScoreDeviation: number | null;
  /** Mean |reviewer − reference|, rounded to 0.1; null when none. */
  meanAbsoluteScoreDeviation: number | null;
  /** Questions answered differently from the reference / questions compared, over every ticket both reviewed (0–1, 4 decimals). */
  disagreementRate: number;
}

export interface CalibrationSessionOutcome {
  tickets: { ticketId: string; referenceScore: number | null; deviations: ReviewerDeviation[] }[];
  reviewers: CalibrationReviewerSummary[];
  agreement: CalibrationAgreement;
}

/**
 * The result of a closed calibration session (KPIS.md): per ticket, each other reviewer's deviation from
 * the reference reviewer's answers (`calibrationDeviation`); per reviewer, the mean signed and absolute
 * score deviation and the share of questions answered differently, over the tickets both reviewed; and
 * Krippendorff's alpha (interval) per question across all reviewers, the reference included
 * (`calibrationAgreement`). A ticket the reference did not review has no deviations. Reviewers are listed
 * in order of first appearance.
 */
export function calibrationSessionResult(definition: ScorecardDefinition, referenceReviewerId: string, tickets: readonly CalibrationTicketReviews[]): CalibrationSessionOutcome {
  const perTicket = tickets.map(({ ticketId, reviews }) => {
    const reference = reviews.find((r) => r.reviewerId === referenceReviewerId);
    if (!reference) return { ticketId, referenceScore: null, deviations: [] as ReviewerDeviation[] };
    return {
      ticketId,
      referenceScore: scoreEvaluation(definition, reference.answers).score,
      deviations: calibrationDeviation(
        definition,
        reference.answers,
        reviews.filter((r) => r.reviewerId !== referenceReviewerId),
      ),
    };
  });
  const order: string[] = [];
  for (const { reviews } of tickets) for (const r of reviews) if (r.reviewerId !== referenceReviewerId && !order.includes(r.reviewerId)) order.push(r.reviewerId);
  const questionCount = scorecardQuestions(definition).length;
  const reviewers = order.map((reviewerId): CalibrationReviewerSummary => {
    const mine = perTicket.flatMap((t) => t.deviations.filter((d) => d.reviewerId === reviewerId));
    const deviations = mine.flatMap((d) => (d.scoreDeviation === null ? [] : [d.scoreDeviation]));
    const mean = (values: number[]) => (values.length ? roundTenth(values.reduce((a, b) => a + b, 0) / values.length) : null);
    const compared = mine.length * questionCount;
    return {
      reviewerId,
      meanScoreDeviation: mean(deviations),
      meanAbsoluteScoreDeviation: mean(deviations.map(Math.abs)),
      disagreementRate: compared ? Math.round((mine.reduce((sum, d) => sum + d.disagreements, 0) / compared) * 10_000) / 10_000 : 0,
    };
  });
  return { tickets: perTicket, reviewers, agreement: calibrationAgreement(definition, tickets.map((t) => t.reviews)) };
}
