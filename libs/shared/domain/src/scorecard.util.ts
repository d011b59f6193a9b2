import {
  QA_NA,
  QA_SCALES,
  type EvaluationScore,
  type FieldError,
  type QaAnswers,
  type QaScale,
  type ScorecardDefinition,
  type ScorecardQuestion,
  type SectionScore,
} from '@switchboard/shared-contracts';

/**
 * QA scorecards and the score of one evaluation (KPIS.md, "QA scoring"):
 * - question score = (selected − scale min) / (scale max − scale min) × 100;
 * - section score = Σ(question score × question weight) / Σ(question weight) over its answered questions
 *   (N/A removes the question from both sums);
 * - evaluation score = Σ(section score × section weight) / Σ(section weight) over sections with at least
 *   one answered question (a section all N/A drops out and the others are renormalised);
 * - a critical question answered below 50 % sets the evaluation score to 0; every answer is still kept.
 * Section weights are relative (normalised), so they need not add up to 100.
 */

export const SCORECARD_LIMITS = {
  nameLength: 100,
  sections: 20,
  questionsPerSection: 50,
  questions: 200,
  titleLength: 100,
  textLength: 500,
  guidanceLength: 2000,
  sectionWeightMax: 1000,
  questionWeightMax: 100,
} as const;

const KEY = /^[a-z][a-z0-9_]{0,62}$/;

/** The lowest and highest value a scale accepts: binary 0–1, the point scales 1–n. */
export function scaleRange(scale: QaScale): { min: number; max: number } {
  return scale === 'binary' ? { min: 0, max: 1 } : { min: 1, max: Number(scale) };
}

/** Is `value` a selectable answer on `scale` (an integer within its range)? */
export function isOnScale(scale: QaScale, value: unknown): value is number {
  const { min, max } = scaleRange(scale);
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/** (selected − min) / (max − min) × 100, unrounded. */
export function questionScore(scale: QaScale, selected: number): number {
  const { min, max } = scaleRange(scale);
  return ((selected - min) / (max - min)) * 100;
}

/**
 * A critical question fails when its score is strictly below 50 %: binary "no", 1 of 3, 1–2 of 4,
 * 1–2 of 5. Exactly 50 % (2 of 3, 3 of 5) passes. N/A never fails.
 */
export function failsCritical(scale: QaScale, selected: number): boolean {
  return questionScore(scale, selected) < 50;
}

/**
 * Checks a scorecard from an admin and lists every problem with its dotted field path
 * (`sections.1.questions.0.key`). An empty list means the scorecard can be saved.
 * Rules: a name; 1–20 sections with unique keys, a title and a positive weight (relative, normalised:
 * any total is fine); each section 1–50 questions, 200 in all; question keys unique across the scorecard;
 * a known scale; boolean `allowNa` and `critical`; guidance a string (may be empty); an optional positive
 * question weight.
 */
export function checkScorecard(input: unknown): FieldError[] {
  const problems: FieldError[] = [];
  const fail = (field: string, message: string) => problems.push({ field, message });
  if (!isRecord(input)) return [{ field: '', message: 'must be an object' }];
  for (const key of Object.keys(input)) if (!['name', 'sections'].includes(key)) fail(key, 'is not a scorecard field');
  checkText(input['name'], 'name', SCORECARD_LIMITS.nameLength, fail);
  const sections = input['sections'];
  if (!Array.isArray(sections) || sections.length === 0 || sections.length > SCORECARD_LIMITS.sections) {
    fail('sections', `must list 1–${SCORECARD_LIMITS.sections} sections`);
    return problems;
  }
  const sectionKeys = new Set<string>();
  const questionKeys = new Set<string>();
  let questionCount = 0;
  sections.forEach((section: unknown, s) => {
    const at = `sections.${s}`;
    if (!isRecord(section)) return fail(at, 'must be an object');
    for (const key of Object.keys(section)) if (!['key', 'title', 'weight', 'questions'].includes(key)) fail(`${at}.${key}`, 'is not a section field');
    checkKey(section['key'], `${at}.key`, sectionKeys, 'section', fail);
    checkText(section['title'], `${at}.title`, SCORECARD_LIMITS.titleLength, fail);
    if (!isPositive(section['weight'], SCORECARD_LIMITS.sectionWeightMax)) fail(`${at}.weight`, `must be a number above 0, at most ${SCORECARD_LIMITS.sectionWeightMax}`);
    const questions = section['questions'];
    if (!Array.isArray(questions) || questions.length === 0 || questions.length > SCORECARD_LIMITS.questionsPerSection) {
      return fail(`${at}.questions`, `must list 1–${SCORECARD_LIMITS.questionsPerSection} questions`);
    }
    questionCount += questions.length;
    questions.forEach((question: unknown, q) => checkQuestion(question, `${at}.questions.${q}`, questionKeys, fail));
  });
  if (questionCount > SCORECARD_LIMITS.questions) fail('sections', `must hold at most ${SCORECARD_LIMITS.questions} questions in all`);
  return problems;
}

type Fail = (field: string, message: string) => void;

function checkQuestion(question: unknown, at: string, keys: Set<string>, fail: Fail): void {
  if (!isRecord(question)) return fail(at, 'must be an object');
  const known = ['key', 'text', 'scale', 'allowNa', 'critical', 'guidance', 'weight'];
  for (const key of Object.keys(question)) if (!known.includes(key)) fail(`${at}.${key}`, 'is not a question field');
  checkKey(question['key'], `${at}.key`, keys, 'question', fail);
  checkText(question['text'], `${at}.text`, SCORECARD_LIMITS.textLength, fail);
  if (!(QA_SCALES as readonly unknown[]).includes(question['scale'])) fail(`${at}.scale`, `must be one of ${QA_SCALES.join(', ')}`);
  if (typeof question['allowNa'] !== 'boolean') fail(`${at}.allowNa`, 'must be true or false');
  if (typeof question['critical'] !== 'boolean') fail(`${at}.critical`, 'must be true or false');
  const guidance = question['guidance'];
  if (typeof guidance !== 'string' || guidance.length > SCORECARD_LIMITS.guidanceLength) fail(`${at}.guidance`, `must be text of at most ${SCORECARD_LIMITS.guidanceLength} characters (may be empty)`);
  if (question['weight'] !== undefined && !isPositive(question['weight'], SCORECARD_LIMITS.questionWeightMax)) fail(`${at}.weight`, `must be a number above 0, at most ${SCORECARD_LIMITS.questionWeightMax}`);
}

function checkKey(value: unknown, field: string, seen: Set<string>, what: string, fail: Fail): void {
  if (typeof value !== 'string' || !KEY.test(value)) return fail(field, 'must be 1–63 characters: a–z first, then a–z, 0–9 or _');
  if (seen.has(value)) return fail(field, `repeats the ${what} key "${value}"`);
  seen.add(value);
}

function checkText(value: unknown, field: string, max: number, fail: Fail): void {
  if (typeof value !== 'string' || value.trim().length === 0 || value.length > max) fail(field, `must be 1–${max} characters`);
}

/**
 * Scores one evaluation (see the file comment for the rule). Answers are validated, never trusted:
 * a value off the question's scale, an N/A where not allowed, or a missing answer is listed and left
 * out of the score, so a draft shows a running score; `complete` says whether it may be submitted.
 * Section scores are rounded for display only; the evaluation score is computed from unrounded values.
 * On a critical fail the sections keep their scores, `score` is 0 and `scoreBeforeAutoFail` keeps
 * what the answers earned.
 */
export function scoreEvaluation(definition: ScorecardDefinition, answers: QaAnswers): EvaluationScore {
  const missing: string[] = [];
  const outOfScale: string[] = [];
  const naNotAllowed: string[] = [];
  const criticalFailed: string[] = [];
  const known = new Set<string>();
  const raw: { key: string; weight: number; score: number | null }[] = [];

  for (const section of definition.sections) {
    let sum = 0;
    let weights = 0;
    for (const question of section.questions) {
      known.add(question.key);
      const answer = Object.prototype.hasOwnProperty.call(answers, question.key) ? answers[question.key] : undefined;
      if (answer === undefined || answer === null) {
        missing.push(question.key);
      } else if (answer === QA_NA) {
        if (!question.allowNa) naNotAllowed.push(question.key);
      } else if (!isOnScale(question.scale, answer)) {
        outOfScale.push(question.key);
      } else {
        const weight = questionWeight(question);
        sum += questionScore(question.scale, answer) * weight;
        weights += weight;
        if (question.critical && failsCritical(question.scale, answer)) criticalFailed.push(question.key);
      }
    }
    raw.push({ key: section.key, weight: section.weight, score: weights > 0 ? sum / weights : null });
  }

  const counted = raw.filter((s) => s.score !== null);
  const totalWeight = counted.reduce((total, s) => total + s.weight, 0);
  const earned = totalWeight > 0 ? counted.reduce((total, s) => total + (s.score as number) * s.weight, 0) / totalWeight : null;
  const sections: SectionScore[] = raw.map((s) => ({
    key: s.key,
    score: s.score === null ? null : roundTenth(s.score),
    effectiveWeight: s.score === null || totalWeight === 0 ? 0 : s.weight / totalWeight,
  }));
  const unknownQuestions = Object.keys(answers).filter((key) => !known.has(key));
  const scoreBeforeAutoFail = earned === null ? null : roundTenth(earned);
  return {
    score: criticalFailed.length > 0 ? 0 : scoreBeforeAutoFail,
    scoreBeforeAutoFail,
    sections,
    criticalFailed,
    missing,
    outOfScale,
    naNotAllowed,
    unknownQuestions,
    complete: missing.length + outOfScale.length + naNotAllowed.length + unknownQuestions.length === 0,
  };
}

/** All questions of a scorecard in order, with the key of their section. */
export function scorecardQuestions(definition: ScorecardDefinition): (ScorecardQuestion & { sectionKey: string })[] {
  return definition.sections.flatMap((section) => section.questions.map((question) => ({ ...question, sectionKey: section.key })));
}

function questionWeight(question: ScorecardQuestion): number {
  return question.weight ?? 1;
}

/** Half away from zero to one decimal, immune to binary noise (66.65 → 66.7, not 66.6). */
export function roundTenth(value: number): number {
  const scaled = value * 10;
  const rounded = Math.round(Math.abs(scaled) + 1e-9) * Math.sign(scaled);
  return rounded / 10 + 0; // + 0 turns −0 into 0
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPositive(value: unknown, max: number): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 && value <= max;
}
