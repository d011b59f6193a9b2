import { QA_NA, type EvaluationScore, type FieldError, type QaAnswer, type QaAnswers, type ScorecardDefinition } from '@switchboard/shared-contracts';
import { scaleRange, scorecardQuestions, scoreEvaluation } from './scorecard.util';

/**
 * The rules of an evaluation's life that are not scoring itself (scoring is `scoreEvaluation`):
 * which answers a draft may hold, what stops a submit, and the dispute window and limit.
 */

/** How a problem of one answer reads, for a field error on `answers.<key>`. */
function problemMessage(definition: ScorecardDefinition, key: string, kind: 'missing' | 'outOfScale' | 'naNotAllowed' | 'unknown'): string {
  const question = scorecardQuestions(definition).find((q) => q.key === key);
  if (kind === 'unknown' || !question) return 'is not a question of this scorecard';
  if (kind === 'missing') return 'needs an answer';
  if (kind === 'naNotAllowed') return 'may not be answered N/A';
  const { min, max } = scaleRange(question.scale);
  return `must be a whole number from ${min} to ${max}${question.allowNa ? ' or "na"' : ''}`;
}

/**
 * Merges a draft's saved answers with a change (`null` clears an answer) and checks the answers the
 * change gives: each must be a question of the scorecard, on its scale, N/A only where allowed.
 * Missing answers are fine in a draft. Returns the merged answers, or the problems (`answers.<key>`).
 */
export function mergeDraftAnswers(definition: ScorecardDefinition, saved: QaAnswers, change: Readonly<Record<string, unknown>>): { answers: Record<string, QaAnswer>; problems: FieldError[] } {
  const answers: Record<string, QaAnswer> = { ...saved };
  const given: Record<string, QaAnswer> = {};
  const problems: FieldError[] = [];
  const known = new Set(scorecardQuestions(definition).map((q) => q.key));
  for (const [key, value] of Object.entries(change)) {
    if (!known.has(key)) problems.push({ field: `answers.${key}`, message: problemMessage(definition, key, 'unknown') });
    else if (value === null) delete answers[key];
    else if (typeof value === 'number' || value === QA_NA) given[key] = answers[key] = value;
    else problems.push({ field: `answers.${key}`, message: problemMessage(definition, key, 'outOfScale') });
  }
  const result = scoreEvaluation(definition, given);
  for (const key of result.outOfScale) problems.push({ field: `answers.${key}`, message: problemMessage(definition, key, 'outOfScale') });
  for (const key of result.naNotAllowed) problems.push({ field: `answers.${key}`, message: problemMessage(definition, key, 'naNotAllowed') });
  return { answers, problems };
}

/**
 * Why a scored evaluation may not be submitted, one field error per answer (`answers.<key>`), in
 * scorecard order; `onlyMissing` when every problem is a missing answer (the form is unfinished)
 * rather than a bad value.
 */
export function submitProblems(definition: ScorecardDefinition, result: EvaluationScore): { problems: FieldError[]; onlyMissing: boolean } {
  const problems: FieldError[] = [];
  const kinds: [keyof Pick<EvaluationScore, 'missing' | 'outOfScale' | 'naNotAllowed' | 'unknownQuestions'>, 'missing' | 'outOfScale' | 'naNotAllowed' | 'unknown'][] = [
    ['missing', 'missing'],
    ['outOfScale', 'outOfScale'],
    ['naNotAllowed', 'naNotAllowed'],
    ['unknownQuestions', 'unknown'],
  ];
  for (const [list, kind] of kinds) for (const key of result[list]) problems.push({ field: `answers.${key}`, message: problemMessage(definition, key, kind) });
  return { problems, onlyMissing: problems.length > 0 && problems.length === result.missing.length };
}

const DAY_MS = 86_400_000;

/** The last moment an agent may dispute: the client's window in days after submission. */
export function disputeDeadline(submittedAt: Date, windowDays: number): Date {
  return new Date(submittedAt.getTime() + windowDays * DAY_MS);
}

export type DisputeRefusal = 'window_closed' | 'limit_reached' | null;

/**
 * May the agent raise one more dispute? The window closes `windowDays` after submission (the deadline
 * itself still counts); every dispute raised counts towards the limit, whatever its outcome.
 */
export function disputeRefusal(submittedAt: Date, now: Date, windowDays: number, raised: number, maxDisputes: number): DisputeRefusal {
  if (now.getTime() > disputeDeadline(submittedAt, windowDays).getTime()) return 'window_closed';
  if (raised >= maxDisputes) return 'limit_reached';
  return null;
}

/** What the database allows for a client's dispute rules (window 1–90 days; 0–50 disputes, 0 = none). */
export const DISPUTE_WINDOW_DAYS = { min: 1, max: 90 } as const;
export const MAX_DISPUTES = { min: 0, max: 50 } as const;

/** Problems with a client's dispute rules as an admin sends them (every field, whole numbers in range, nothing else). */
export function qaSettingsProblems(input: unknown): FieldError[] {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return [{ field: 'body', message: 'must be an object with disputeWindowDays and maxDisputesPerEvaluation' }];
  const body = input as Record<string, unknown>;
  const problems: FieldError[] = Object.keys(body)
    .filter((key) => key !== 'disputeWindowDays' && key !== 'maxDisputesPerEvaluation')
    .map((field) => ({ field, message: 'is not a setting' }));
  const whole = (field: string, { min, max }: { min: number; max: number }, unit: string) => {
    const value = body[field];
    if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) problems.push({ field, message: `must be a whole number of ${unit} from ${min} to ${max}` });
  };
  whole('disputeWindowDays', DISPUTE_WINDOW_DAYS, 'days');
  whole('maxDisputesPerEvaluation', MAX_DISPUTES, 'disputes');
  return problems;
}
