import type { Channel } from './tenancy.contract';

/**
 * Quality assurance (issue 6): scorecards, evaluations, sampling, calibration and reports.
 * The rules behind these shapes are in KPIS.md ("QA scoring") and in `libs/shared/domain`
 * (`scorecard.util`, `qa-sampling.util`, `qa-statistics.util`).
 */

/**
 * A question's scale. `binary` answers 0 (no) or 1 (yes); the point scales answer 1…n.
 * Question score = (selected − min) / (max − min) × 100, so a 3-point question scores 0 / 50 / 100.
 */
export const QaScale = {
  Binary: 'binary',
  ThreePoint: '3',
  FourPoint: '4',
  FivePoint: '5',
} as const;
export type QaScale = (typeof QaScale)[keyof typeof QaScale];
export const QA_SCALES: readonly QaScale[] = Object.values(QaScale);

export interface ScorecardQuestion {
  /** Unique within the scorecard (all sections); answers are keyed by it. `a-z`, digits, `_`. */
  key: string;
  text: string;
  scale: QaScale;
  /** The reviewer may answer N/A, which removes the question from the score. */
  allowNa: boolean;
  /** Answered below 50 % (binary "no"; 1 of 3; 1–2 of 4; 1–2 of 5), the whole evaluation scores 0. */
  critical: boolean;
  /** Shown to the reviewer beside the question; may be empty. */
  guidance: string;
  /** Relative weight inside its section; 1 when left out. */
  weight?: number;
}

export interface ScorecardSection {
  /** Unique within the scorecard. */
  key: string;
  title: string;
  /**
   * Relative weight of the section: weights are normalised (30/30/40 and 3/3/4 score the same), so they
   * need not add up to 100. Sections with no answered question drop out and the others are renormalised.
   */
  weight: number;
  questions: ScorecardQuestion[];
}

/** A scorecard as an admin edits it; the API stores each saved change as a new version. */
export interface ScorecardDefinition {
  name: string;
  sections: ScorecardSection[];
}

/** A reviewer's answer: the selected scale value, or N/A. */
export const QA_NA = 'na' as const;
export type QaAnswer = number | typeof QA_NA;
/** Question key → answer. */
export type QaAnswers = Readonly<Record<string, QaAnswer>>;

export interface SectionScore {
  key: string;
  /** 0–100 rounded to 0.1; null when every question of the section was N/A (the section drops out). */
  score: number | null;
  /** The section's share of the evaluation score after renormalisation, 0–1 (0 when it dropped out). */
  effectiveWeight: number;
}

/** What `scoreEvaluation` says about one set of answers. */
export interface EvaluationScore {
  /**
   * 0–100 rounded to 0.1; 0 on a critical fail; null when no question was answered (all N/A or none).
   * Computed from the valid answers given, so a draft shows a running score: check `complete`.
   */
  score: number | null;
  /** The score the answers earn before a critical fail is applied (kept for coaching and disputes). */
  scoreBeforeAutoFail: number | null;
  sections: SectionScore[];
  /** Keys of critical questions answered below 50 %, in scorecard order. */
  criticalFailed: string[];
  /** Keys of questions with no answer. */
  missing: string[];
  /** Keys of questions answered with a value that is not on their scale. */
  outOfScale: string[];
  /** Keys of questions answered N/A where the scorecard does not allow it. */
  naNotAllowed: string[];
  /** Answer keys that are not questions of this scorecard. */
  unknownQuestions: string[];
  /** True when every question has a valid answer and nothing unknown was given: the evaluation may be submitted. */
  complete: boolean;
}

/** How many of an agent's handled tickets the random stream draws per period. */
export type SamplingQuota =
  | { kind: 'count'; count: number }
  /** `percent` of the agent's handled tickets (rounded up), at least `minimum`. */
  | { kind: 'percent'; percent: number; minimum: number };

/**
 * A rule that adds tickets to the targeted stream (reported apart; never part of the headline QA score).
 * `low_csat`: CSAT answer ≤ `maxScore` (1–5); `long_handle`: handle time ≥ `minSeconds`;
 * `transferred` / `escalated`: the ticket was; `autoqa_flag`: AutoQA raised any flag (or one of `flags`).
 */
export type TargetedRule =
  | { id: string; kind: 'low_csat'; maxScore: number }
  | { id: string; kind: 'long_handle'; minSeconds: number }
  | { id: string; kind: 'transferred' }
  | { id: string; kind: 'escalated' }
  | { id: string; kind: 'autoqa_flag'; flags?: string[] };
export type TargetedRuleKind = TargetedRule['kind'];

/** A sampling policy of a client or queue. */
export interface SamplingPolicy {
  quota: SamplingQuota;
  /** Allocate each agent's draw across channels in proportion to what they handled. */
  stratifyByChannel: boolean;
  /** Most random-stream tickets per agent per period (counting earlier draws of the period); null = no cap. */
  capPerAgent: number | null;
  targeted: TargetedRule[];
}

/** A handled ticket that may be sampled. */
export interface QaCandidate {
  ticketId: string;
  agentId: string;
  channel: Channel;
  /** CSAT answer 1–5, null when the customer gave none. */
  csat?: number | null;
  handleSeconds?: number | null;
  transferred?: boolean;
  escalated?: boolean;
  autoQaFlags?: readonly string[];
}

export type QaStream = 'random' | 'targeted';

export interface RandomPick {
  ticketId: string;
  agentId: string;
  channel: Channel;
  stream: 'random';
}

export interface TargetedPick {
  ticketId: string;
  agentId: string;
  channel: Channel;
  stream: 'targeted';
  /** The first rule (in policy order) the ticket matched. */
  ruleId: string;
  /** Every rule it matched, in policy order. */
  matchedRuleIds: string[];
}

/** Why an agent got the number of tickets they got. */
export interface AgentDrawSummary {
  agentId: string;
  /** The agent's handled tickets in the period (candidates and earlier draws). */
  handled: number;
  /** What the quota asks for, before the cap. */
  quota: number;
  alreadyDrawn: number;
  drawn: number;
  /** The cap stopped the draw short of the quota. */
  capped: boolean;
  byChannel: Partial<Record<Channel, number>>;
}

export interface SampleDraw {
  seed: string;
  picks: RandomPick[];
  agents: AgentDrawSummary[];
}

/** A mean with its confidence interval; `low`/`high` null when one value gives no interval. */
export interface MeanInterval {
  n: number;
  mean: number;
  low: number | null;
  high: number | null;
  /** Confidence level, e.g. 0.95. */
  level: number;
}

/** A proportion (0–1) with its Wilson score interval. */
export interface ProportionInterval {
  successes: number;
  n: number;
  rate: number;
  low: number;
  high: number;
  level: number;
}

export interface QaStreamReport {
  evaluations: number;
  /** Mean evaluation score with its 95 % interval (kept within 0–100); null with no evaluation. */
  score: MeanInterval | null;
  criticalFailRate: ProportionInterval | null;
  disputeRate: ProportionInterval | null;
}

/** The QA block of a report: the headline is the random stream; the targeted stream is shown apart. */
export interface QaReport {
  headline: QaStreamReport;
  targeted: QaStreamReport;
  /** Distinct evaluated tickets (both streams) / handled tickets; null when nothing was handled. */
  coverage: number | null;
  evaluatedTickets: number;
  handledTickets: number;
}

export type AlphaMetric = 'nominal' | 'ordinal' | 'interval' | 'ratio';

/** Agreement on one question across the tickets reviewers scored blind (interval metric, KPIS.md). */
export interface QuestionAgreement {
  key: string;
  /** Krippendorff's alpha; null when fewer than two tickets have two answers, or the answers never vary. */
  alpha: number | null;
  /** Tickets where at least two reviewers answered (not N/A). */
  units: number;
}

export interface QuestionDeviation {
  key: string;
  reference: QaAnswer | null;
  reviewer: QaAnswer | null;
  /** Reviewer's question score − reference's, in points (0–100 scale); null when either is N/A or missing. */
  deviation: number | null;
  /** The two answers differ (N/A against a value counts as a difference). */
  disagrees: boolean;
}

/** One reviewer's distance from a calibration session's reference evaluation. */
export interface ReviewerDeviation {
  reviewerId: string;
  score: number | null;
  /** Reviewer's evaluation score − reference score, rounded to 0.1; null when either has no score. */
  scoreDeviation: number | null;
  /** Questions where the two answers differ. */
  disagreements: number;
  /** Share of the scorecard's questions where the answers differ, 0–1. */
  disagreementRate: number;
  /** Mean |deviation| over questions both scored, in points; null when none. */
  meanAbsoluteQuestionDeviation: number | null;
  questions: QuestionDeviation[];
}
