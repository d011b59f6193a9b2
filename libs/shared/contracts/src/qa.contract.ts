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

// ─── Scorecards, evaluations and disputes over HTTP (issue 6) ───────────────────────────────────────

/**
 * Where an evaluation came from. `random`: the sampler's random stream (the headline QA score);
 * `targeted`: a targeted rule (reported apart); `calibration`: a blind calibration review (never
 * reported as the agent's score); `manual`: a lead chose the ticket by hand — not a random draw, so
 * reported apart from the headline like the targeted stream.
 */
export const EVALUATION_STREAMS = ['random', 'targeted', 'calibration', 'manual'] as const;
export type EvaluationStream = (typeof EVALUATION_STREAMS)[number];

/**
 * draft (the reviewer's, unseen by the agent) → submitted → acknowledged (the agent accepts it; final)
 * or → disputed (the agent disputes one or more questions) → resolved (every dispute settled by another
 * lead; the agent may still acknowledge, or dispute again within the window and the limit).
 */
export const EVALUATION_STATUSES = ['draft', 'submitted', 'acknowledged', 'disputed', 'resolved'] as const;
export type EvaluationStatus = (typeof EVALUATION_STATUSES)[number];

/** `upheld`: the reviewer's answer stands; `adjusted`: the resolver changed the answer and the evaluation was rescored. */
export type DisputeStatus = 'open' | 'upheld' | 'adjusted';
export type DisputeOutcome = Exclude<DisputeStatus, 'open'>;

export const QA_COMMENT_MAX = 2000;
export const DISPUTE_REASON_MAX = 2000;
export const DISPUTE_NOTE_MAX = 2000;

/** Per client: how long after submission an agent may dispute, and how many disputes one evaluation may carry. */
export interface QaSettings {
  disputeWindowDays: number;
  maxDisputesPerEvaluation: number;
}

/** One scorecard of a client, as lists show it. */
export interface ScorecardSummary {
  id: string;
  clientId: string;
  name: string;
  /** The client's active scorecard is the one new evaluations are scored on (one per client). */
  active: boolean;
  latestVersion: number;
  createdAt: string;
  updatedAt: string;
}

/** One version of a scorecard with its definition. A saved change makes a new version; versions never change. */
export interface ScorecardView extends ScorecardSummary {
  version: number;
  definition: ScorecardDefinition;
  versionCreatedAt: string;
  versionCreatedByName: string | null;
}

/** An evaluation as lists and live events show it. */
export interface EvaluationSummary {
  id: string;
  clientId: string;
  ticketId: string;
  ticketReference: string;
  agentId: string;
  agentName: string;
  reviewerId: string | null;
  reviewerName: string | null;
  scorecardId: string;
  scorecardName: string;
  scorecardVersion: number;
  stream: EvaluationStream;
  status: EvaluationStatus;
  /** The current score (after adjusted disputes); null while a draft, or when every question was N/A. */
  score: number | null;
  /** The score as the reviewer submitted it, kept when a dispute adjusts the evaluation. */
  submittedScore: number | null;
  criticalFailed: boolean;
  openDisputes: number;
  createdAt: string;
  submittedAt: string | null;
  acknowledgedAt: string | null;
  /** The last moment the agent may dispute (submittedAt + the client's window); null while a draft. */
  disputeDeadline: string | null;
}

export interface DisputeView {
  id: string;
  evaluationId: string;
  questionKey: string;
  reason: string;
  status: DisputeStatus;
  raisedById: string | null;
  raisedByName: string | null;
  /** The answer under dispute when it was raised. */
  originalAnswer: QaAnswer | null;
  /** The resolver's answer (`adjusted` only). */
  adjustedAnswer: QaAnswer | null;
  resolvedById: string | null;
  resolvedByName: string | null;
  resolutionNote: string | null;
  createdAt: string;
  resolvedAt: string | null;
}

/** One evaluation in full: the scorecard version it is scored on, the answers, comments, the score and the disputes. */
export interface EvaluationView extends EvaluationSummary {
  definition: ScorecardDefinition;
  answers: QaAnswers;
  /** The reviewer's comment per question (internal: never shown to client users). */
  comments: Readonly<Record<string, string>>;
  /** The answers as the reviewer submitted them (adjusted disputes change `answers`, never these); null while a draft. */
  submittedAnswers: QaAnswers | null;
  /**
   * The score of the current answers: the stored result once submitted; for a draft, the running
   * score with what is still missing (`complete` says whether it may be submitted).
   */
  result: EvaluationScore;
  disputes: DisputeView[];
  /** Disputes the agent may still raise (the client's limit minus those raised); 0 once acknowledged or the window closed. */
  disputesLeft: number;
}

/** `POST /api/tickets/:ticketId/evaluations`: a draft on the client's active scorecard. */
export interface CreateEvaluationRequest {
  /** The agent evaluated; defaults to the ticket's assignee. */
  agentId?: string;
}

/**
 * `PUT /api/evaluations/:id`: saves a draft. Partial: only the keys given change; `null` clears an
 * answer, an empty comment removes it.
 */
export interface SaveEvaluationRequest {
  answers?: Record<string, QaAnswer | null>;
  comments?: Record<string, string>;
}

export interface RaiseDisputeRequest {
  questionKey: string;
  reason: string;
}

export interface ResolveDisputeRequest {
  outcome: DisputeOutcome;
  note: string;
  /** The new answer: required with `adjusted`, refused with `upheld`. */
  answer?: QaAnswer;
}

/** `dispute.updated`: a dispute was raised or resolved, with the evaluation as it is now. */
export interface DisputeUpdated {
  dispute: DisputeView;
  evaluation: EvaluationSummary;
}

/**
 * `GET /api/qa/review-candidates` (leads, admins): resolved or closed tickets of the caller's clients
 * with an assignee and no evaluation of that assignee yet, newest ticket first, a page at a time — what a lead may
 * pick by hand to review (a `manual` evaluation) until sampling assigns the work.
 */
export interface ReviewCandidate {
  ticketId: string;
  clientId: string;
  reference: string;
  channel: Channel;
  subject: string | null;
  status: 'resolved' | 'closed';
  agentId: string;
  agentName: string;
  resolvedAt: string | null;
}

// ─── Sampling policies and draws (issue 6, qa-ops) ──────────────────────────────────────────────────

/** The period a policy draws for, in the client's time zone: a day, an ISO week (Monday first) or a calendar month. */
export const SAMPLING_PERIODS = ['day', 'week', 'month'] as const;
export type SamplingPeriodKind = (typeof SAMPLING_PERIODS)[number];

/** One period of a policy: `key` is `<kind>:<first local date>` (`week:2026-11-30`); `start`/`end` are instants, end exclusive. */
export interface SamplingPeriod {
  kind: SamplingPeriodKind;
  key: string;
  startDate: string;
  start: string;
  end: string;
}

/** What an admin sends to create or replace a sampling policy (`POST /api/clients/:clientId/sampling-policies`, `PUT /api/sampling-policies/:id`). */
export interface SamplingPolicyRequest extends SamplingPolicy {
  name: string;
  /** Null: every ticket of the client; a queue of the client: only that queue's tickets. */
  queueId: string | null;
  period: SamplingPeriodKind;
  /** Inactive policies are never drawn on schedule (on demand still works). Default true. */
  active?: boolean;
}

export interface SamplingPolicyView extends SamplingPolicy {
  id: string;
  clientId: string;
  name: string;
  queueId: string | null;
  queueName: string | null;
  period: SamplingPeriodKind;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

/** `schedule`: the durable job after a period ends (once per policy × period); `demand`: a lead or admin asked. */
export type SamplingTrigger = 'schedule' | 'demand';
/** pending → running (leased by one node) → done | failed (retried while attempts remain). */
export type SamplingDrawStatus = 'pending' | 'running' | 'done' | 'failed';

export interface LeadAssignmentCount {
  leadId: string;
  leadName: string;
  assigned: number;
}

/** One draw of a policy for a period: the durable job and, once done, what it drew. */
export interface SamplingDrawView {
  id: string;
  policyId: string;
  clientId: string;
  period: SamplingPeriod;
  trigger: SamplingTrigger;
  status: SamplingDrawStatus;
  /** The seed the draw used (`<policy id>/<period key>`): the same tickets and seed give the same draw. */
  seed: string;
  attempts: number;
  /** The API node that ran (or holds) the job. */
  node: string | null;
  randomDrawn: number;
  targetedDrawn: number;
  /** Per agent: handled, quota, earlier draws of the period, drawn, capped, per channel. */
  agents: AgentDrawSummary[];
  /** New draft evaluations per lead (assigned evenly among the leads who cover the client). */
  assignments: LeadAssignmentCount[];
  /** Evaluations no lead could take (no lead covers the client, or the only lead is the agent). */
  unassigned: number;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

/** `POST /api/sampling-policies/:id/draws`: draw now. */
export interface RunSamplingDrawRequest {
  /** A local date (YYYY-MM-DD) inside the period to draw; default the last period that has ended. */
  date?: string;
}

// ─── AutoQA (issue 6, qa-ops) ───────────────────────────────────────────────────────────────────────

/** Per client AutoQA settings (`GET/PUT /api/clients/:clientId/autoqa-settings`, admins write). */
export interface AutoQaSettings {
  /** Any of these (case-insensitive) in the agent's first public line counts as a greeting. */
  greetingPhrases: string[];
  /** Any of these in the agent's last public line counts as a closing. */
  closingPhrases: string[];
  /** First public agent reply within this many seconds of the ticket's creation. */
  firstResponseTargetSeconds: number;
  /** Phrases the agent must say or write at least once (e.g. a recording disclosure). */
  requiredPhrases: string[];
  /** A call hold longer than this raises `long_hold`. */
  maxHoldSeconds: number;
  /** A gap in a timed call transcript, or an agent's silence in a chat, longer than this raises `long_silence`. */
  maxSilenceSeconds: number;
}

export const AUTOQA_RULES = ['greeting', 'closing', 'first_response', 'card_data', 'negative_end', 'long_hold', 'long_silence', 'required_phrases'] as const;
export type AutoQaRuleId = (typeof AUTOQA_RULES)[number];

/** What AutoQA found for one rule on one ticket. */
export interface AutoQaCheck {
  rule: AutoQaRuleId;
  /** `pass`, `fail` (raises the flag of the rule) or `not_applicable` (left out of the score). */
  outcome: 'pass' | 'fail' | 'not_applicable';
  /** The flag raised on a fail: missing_greeting, missing_closing, slow_first_response, card_data, negative_end, long_hold, long_silence, missing_required_phrase. */
  flag: string | null;
  /** Why, with the words or times that decided it (card numbers stay masked). */
  evidence: string[];
}

/** AutoQA of a resolved ticket: deterministic, stored apart from human scores (never part of the QA score). */
export interface AutoQaResultView {
  ticketId: string;
  /** `SB-1234`. */
  ticketReference: string;
  clientId: string;
  agentId: string | null;
  agentName: string | null;
  channel: Channel;
  /** Passed / applicable checks × 100, rounded to 0.1; null when no check applied. */
  score: number | null;
  flags: string[];
  checks: AutoQaCheck[];
  /** The resolution the result was computed for (a reopened and re-resolved ticket is checked again). */
  resolvedAt: string;
  checkedAt: string;
}

// ─── Calibration (issue 6, qa-ops) ──────────────────────────────────────────────────────────────────

/** `POST /api/clients/:clientId/calibration-sessions`. */
export interface CreateCalibrationSessionRequest {
  title: string;
  /** 1–20 resolved or closed tickets of the client. */
  ticketIds: string[];
  /** 2–20 leads or admins covering the client who score every ticket blind. */
  reviewerIds: string[];
  /** One of the reviewers: their answers are the reference the others are measured against. */
  referenceReviewerId: string;
}

/** `PUT /api/calibration-sessions/:id/reviews/:ticketId`: the caller's blind answers (partial; `null` clears). */
export interface SaveCalibrationReviewRequest {
  answers: Record<string, QaAnswer | null>;
}

export type CalibrationStatus = 'open' | 'closed';

export interface CalibrationReviewView {
  ticketId: string;
  reviewerId: string;
  reviewerName: string;
  answers: QaAnswers;
  /** The score of the answers (a draft shows its running score). */
  score: number | null;
  submitted: boolean;
  submittedAt: string | null;
}

export interface CalibrationTicketView {
  ticketId: string;
  ticketReference: string;
  channel: Channel;
  agentId: string | null;
}

export interface CalibrationParticipantView {
  reviewerId: string;
  reviewerName: string;
  isReference: boolean;
  /** How many of the session's tickets this reviewer submitted (never their answers while open). */
  submitted: number;
}

/** The closed session's result: reference deviation per reviewer (each ticket and overall) and alpha per question. */
export interface CalibrationResult {
  /** Per ticket, each non-reference reviewer's deviation from the reference's answers. */
  tickets: { ticketId: string; referenceScore: number | null; deviations: ReviewerDeviation[] }[];
  /** Per non-reference reviewer over the tickets: mean score deviation and mean |score deviation|, in points. */
  reviewers: { reviewerId: string; reviewerName: string; meanScoreDeviation: number | null; meanAbsoluteScoreDeviation: number | null; disagreementRate: number }[];
  /** Krippendorff's alpha (interval) per question across tickets and reviewers, and overall on question scores. */
  agreement: { questions: QuestionAgreement[]; overall: { alpha: number | null; units: number } };
}

export interface CalibrationSessionView {
  id: string;
  clientId: string;
  title: string;
  status: CalibrationStatus;
  scorecardId: string;
  scorecardVersion: number;
  definition: ScorecardDefinition;
  createdById: string | null;
  createdByName: string | null;
  /** Null only if the reference's user account was deleted (the session can then no longer close). */
  referenceReviewerId: string | null;
  tickets: CalibrationTicketView[];
  participants: CalibrationParticipantView[];
  /** While open: the caller's own reviews only (blind); once closed: every submitted review. */
  reviews: CalibrationReviewView[];
  /** Null while open. */
  result: CalibrationResult | null;
  createdAt: string;
  closedAt: string | null;
}

export interface CalibrationSessionSummary {
  id: string;
  clientId: string;
  title: string;
  status: CalibrationStatus;
  tickets: number;
  reviewers: number;
  createdAt: string;
  closedAt: string | null;
}

/** `calibration.updated` (to the session's participants): a review was submitted or the session closed (no scores while open). */
export interface CalibrationUpdated {
  sessionId: string;
  clientId: string;
  status: CalibrationStatus;
  participants: CalibrationParticipantView[];
}

// ─── Coaching (issue 6, qa-ops) ─────────────────────────────────────────────────────────────────────

export const COACHING_NOTE_MAX = 4000;

/** `POST /api/coaching-notes`: a lead of the client coaches an agent, linking evaluations of that agent. */
export interface CreateCoachingNoteRequest {
  clientId: string;
  agentId: string;
  body: string;
  /** 0–20 submitted evaluations of this agent and client. */
  evaluationIds: string[];
}

export interface CoachingNoteView {
  id: string;
  clientId: string;
  agentId: string;
  agentName: string;
  authorId: string | null;
  authorName: string | null;
  body: string;
  evaluations: { id: string; ticketReference: string; score: number | null; submittedAt: string | null }[];
  status: 'open' | 'acknowledged';
  createdAt: string;
  acknowledgedAt: string | null;
}

/** `coaching.updated`: a note was opened or acknowledged — to the agent, its author and the client's leads. */
export type CoachingUpdated = CoachingNoteView;

// ─── QA reports (issue 6, qa-ops) ───────────────────────────────────────────────────────────────────

export const QA_REPORT_GROUPS = ['agent', 'team', 'queue', 'client'] as const;
export type QaReportGroup = (typeof QA_REPORT_GROUPS)[number];

/** Dispute outcome of a group's evaluations (random, targeted and manual). */
export interface QaDisputeOutcome {
  /** Evaluations with at least one dispute / submitted evaluations, with its Wilson interval. */
  rate: ProportionInterval | null;
  raised: number;
  open: number;
  upheld: number;
  adjusted: number;
  /** Adjusted / resolved disputes; null when none was resolved. */
  adjustedShare: number | null;
}

export interface QaReportRow {
  group: QaReportGroup;
  /** The agent, team, queue or client id; null for tickets with no queue (queue grouping). */
  key: string | null;
  label: string;
  /** Headline = random stream (with its 95 % CI); targeted apart; coverage = evaluated / handled tickets. */
  report: QaReport;
  /** Evaluations leads chose by hand: reported apart, never in the headline. */
  manual: QaStreamReport;
  disputes: QaDisputeOutcome;
  /** Krippendorff's alpha (interval, question scores) over closed calibration sessions of the period on the group's tickets. */
  agreement: { alpha: number | null; units: number };
}

/** `GET /api/qa/reports?clientId&groupBy&from&to` (client users: their client, as a whole, per queue or per agent — agents as first name and last initial). */
export interface QaReportResponse {
  clientId: string;
  groupBy: QaReportGroup;
  from: string;
  to: string;
  rows: QaReportRow[];
}
