import type { QaAnswers, ScorecardDefinition, ScorecardQuestion } from '@switchboard/shared-contracts';
import { checkScorecard, failsCritical, questionScore, roundTenth, scoreEvaluation } from './scorecard.util';

const q = (key: string, overrides: Partial<ScorecardQuestion> = {}): ScorecardQuestion => ({
  key,
  text: `Question ${key}?`,
  scale: '5',
  allowNa: false,
  critical: false,
  guidance: '',
  ...overrides,
});

/**
 * Greeting (weight 20): g1 5-point, g2 binary N/A allowed.
 * Handling (weight 50): h1 4-point, h2 3-point N/A allowed, h3 5-point weight 2.
 * Compliance (weight 30): c1 binary critical, c2 5-point N/A allowed.
 */
const CARD: ScorecardDefinition = {
  name: 'Support v1',
  sections: [
    { key: 'greeting', title: 'Greeting', weight: 20, questions: [q('g1'), q('g2', { scale: 'binary', allowNa: true })] },
    { key: 'handling', title: 'Handling', weight: 50, questions: [q('h1', { scale: '4' }), q('h2', { scale: '3', allowNa: true }), q('h3', { weight: 2 })] },
    { key: 'compliance', title: 'Compliance', weight: 30, questions: [q('c1', { scale: 'binary', critical: true }), q('c2', { allowNa: true })] },
  ],
};
const PERFECT: QaAnswers = { g1: 5, g2: 1, h1: 4, h2: 3, h3: 5, c1: 1, c2: 5 };

describe('questionScore', () => {
  it.each([
    ['binary no', 'binary', 0, 0],
    ['binary yes', 'binary', 1, 100],
    ['3-point low', '3', 1, 0],
    ['3-point middle', '3', 2, 50],
    ['3-point top', '3', 3, 100],
    ['4-point 2', '4', 2, 100 / 3],
    ['4-point 3', '4', 3, 200 / 3],
    ['5-point 1', '5', 1, 0],
    ['5-point 2', '5', 2, 25],
    ['5-point 4', '5', 4, 75],
  ] as const)('%s', (_case, scale, selected, expected) => {
    expect(questionScore(scale, selected)).toBeCloseTo(expected, 10);
  });
});

describe('failsCritical: strictly below 50 % fails', () => {
  it.each([
    ['binary', 0, true],
    ['binary', 1, false],
    ['3', 1, true],
    ['3', 2, false],
    ['4', 2, true],
    ['4', 3, false],
    ['5', 2, true],
    ['5', 3, false],
  ] as const)('scale %s answered %d → %s', (scale, selected, fails) => {
    expect(failsCritical(scale, selected)).toBe(fails);
  });
});

describe('roundTenth', () => {
  it.each([
    [66.65, 66.7],
    [66.649, 66.6],
    [100 / 3, 33.3],
    [200 / 3, 66.7],
    [0.05, 0.1],
    [-0.04, 0],
    [-2.35, -2.4],
    [100, 100],
  ])('%d → %d', (value, expected) => {
    expect(roundTenth(value)).toBe(expected);
  });
});

describe('scoreEvaluation', () => {
  it.each<[string, QaAnswers, number | null, (number | null)[]]>([
    ['every answer at the top', PERFECT, 100, [100, 100, 100]],
    ['every answer at the bottom, critical passed', { g1: 1, g2: 0, h1: 1, h2: 1, h3: 1, c1: 1, c2: 1 }, 15, [0, 0, 50]],
    // greeting (75+0)/2 = 37.5; handling (100/3 + 50 + 2×50)/4 = 45.833…; compliance (100+75)/2 = 87.5
    // → 0.2×37.5 + 0.5×45.833 + 0.3×87.5 = 7.5 + 22.9167 + 26.25 = 56.667
    ['a mixed evaluation', { g1: 4, g2: 0, h1: 2, h2: 2, h3: 3, c1: 1, c2: 4 }, 56.7, [37.5, 45.8, 87.5]],
    // N/A removes g2 from the greeting section only: greeting = 75, the section keeps its weight.
    ['N/A removes the question from its section', { ...PERFECT, g1: 4, g2: 'na' }, 95, [75, 100, 100]],
    // h2 N/A: handling = (0×1 + 100×2) / 3 = 66.667 → 0.2×100 + 0.5×66.667 + 0.3×100 = 83.333
    ['N/A inside a weighted section', { ...PERFECT, h1: 1, h2: 'na' }, 83.3, [100, 66.7, 100]],
  ])('%s', (_case, answers, score, sections) => {
    const result = scoreEvaluation(CARD, answers);
    expect(result.score).toBe(score);
    expect(result.sections.map((s) => s.score)).toEqual(sections);
    expect(result.criticalFailed).toEqual([]);
    expect(result.complete).toBe(true);
  });

  it('drops a section whose questions are all N/A and renormalises the others', () => {
    const card: ScorecardDefinition = {
      name: 'NA',
      sections: [
        { key: 'a', title: 'A', weight: 20, questions: [q('a1')] },
        { key: 'b', title: 'B', weight: 50, questions: [q('b1', { allowNa: true }), q('b2', { allowNa: true })] },
        { key: 'c', title: 'C', weight: 30, questions: [q('c1')] },
      ],
    };
    // a = 100 (weight 20), c = 50 (weight 30), b drops out → (20×100 + 30×50) / 50 = 70
    const result = scoreEvaluation(card, { a1: 5, b1: 'na', b2: 'na', c1: 3 });
    expect(result.score).toBe(70);
    expect(result.sections).toEqual([
      { key: 'a', score: 100, effectiveWeight: 0.4 },
      { key: 'b', score: null, effectiveWeight: 0 },
      { key: 'c', score: 50, effectiveWeight: 0.6 },
    ]);
    expect(result.complete).toBe(true);
  });

  it('has no score when every question is N/A', () => {
    const card: ScorecardDefinition = { name: 'NA', sections: [{ key: 'a', title: 'A', weight: 1, questions: [q('a1', { allowNa: true }), q('a2', { allowNa: true, critical: true })] }] };
    const result = scoreEvaluation(card, { a1: 'na', a2: 'na' });
    expect(result).toMatchObject({ score: null, scoreBeforeAutoFail: null, criticalFailed: [], complete: true });
    expect(result.sections).toEqual([{ key: 'a', score: null, effectiveWeight: 0 }]);
  });

  it.each<[string, QaAnswers, string[], number]>([
    ['a binary critical answered "no"', { ...PERFECT, c1: 0 }, ['c1'], 85],
    ['two critical questions failing, listed in scorecard order', { ...PERFECT, c1: 0, g1: 2 }, ['g1', 'c1'], 77.5],
  ])('auto-fails on %s: score 0, answers kept', (_case, answers, failed, before) => {
    const card: ScorecardDefinition = { ...CARD, sections: CARD.sections.map((s) => (s.key === 'greeting' ? { ...s, questions: [q('g1', { critical: true }), s.questions[1]] } : s)) };
    const result = scoreEvaluation(card, answers);
    expect(result.score).toBe(0);
    expect(result.criticalFailed).toEqual(failed);
    expect(result.scoreBeforeAutoFail).toBe(before);
    // The sections still show what the answers earned.
    expect(result.sections.find((s) => s.key === 'compliance')?.score).toBe(answers['c1'] === 0 ? 50 : 100);
    expect(result.complete).toBe(true);
  });

  it.each([
    ['3-point critical at 2 of 3 (exactly 50 %) passes', '3', 2, false],
    ['3-point critical at 1 of 3 fails', '3', 1, true],
    ['5-point critical at 3 of 5 (50 %) passes', '5', 3, false],
    ['5-point critical at 2 of 5 (25 %) fails', '5', 2, true],
    ['4-point critical at 2 of 4 (33 %) fails', '4', 2, true],
    ['4-point critical at 3 of 4 (67 %) passes', '4', 3, false],
  ] as const)('%s', (_case, scale, selected, failed) => {
    const card: ScorecardDefinition = { name: 'C', sections: [{ key: 's', title: 'S', weight: 1, questions: [q('k', { scale, critical: true }), q('o')] }] };
    const result = scoreEvaluation(card, { k: selected, o: 5 });
    expect(result.criticalFailed).toEqual(failed ? ['k'] : []);
    expect(result.score === 0).toBe(failed);
  });

  it('does not fail a critical question answered N/A where allowed', () => {
    const card: ScorecardDefinition = { name: 'C', sections: [{ key: 's', title: 'S', weight: 1, questions: [q('k', { scale: 'binary', critical: true, allowNa: true }), q('o')] }] };
    expect(scoreEvaluation(card, { k: 'na', o: 4 })).toMatchObject({ score: 75, criticalFailed: [] });
  });

  it('lists missing, out-of-scale, N/A-not-allowed and unknown answers, and scores the valid rest', () => {
    const answers = { g1: 6, g2: 1, h1: 2.5, h3: 5, c1: 'na', c2: 5, extra: 3 } as unknown as QaAnswers;
    const result = scoreEvaluation(CARD, answers);
    expect(result.missing).toEqual(['h2']);
    expect(result.outOfScale).toEqual(['g1', 'h1']);
    expect(result.naNotAllowed).toEqual(['c1']);
    expect(result.unknownQuestions).toEqual(['extra']);
    expect(result.complete).toBe(false);
    // Running score over valid answers: greeting 100, handling 100 (h3 only), compliance 100 (c2 only).
    expect(result.score).toBe(100);
    // A critical question not answered yet cannot fail.
    expect(result.criticalFailed).toEqual([]);
  });

  it.each<[string, unknown]>([
    ['a binary answered 2', 2],
    ['a negative value', -1],
    ['a number as text', '1'],
    ['not a number', Number.NaN],
    ['true', true],
  ])('treats %s as out of scale', (_case, value) => {
    const result = scoreEvaluation(CARD, { ...PERFECT, g2: value } as unknown as QaAnswers);
    expect(result.outOfScale).toEqual(['g2']);
    expect(result.complete).toBe(false);
  });

  it('treats a null answer as missing and ignores inherited keys', () => {
    const { g1: _inherited, ...rest } = PERFECT;
    const answers = Object.assign(Object.create({ g1: 5 }), { ...rest, h1: null }) as QaAnswers;
    expect(scoreEvaluation(CARD, answers).missing).toEqual(['g1', 'h1']);
  });

  it('scores the same whatever scale the section weights use (they are normalised)', () => {
    const tenths: ScorecardDefinition = { ...CARD, sections: CARD.sections.map((s) => ({ ...s, weight: s.weight / 10 })) };
    const answers: QaAnswers = { g1: 4, g2: 0, h1: 2, h2: 2, h3: 3, c1: 1, c2: 4 };
    expect(scoreEvaluation(tenths, answers).score).toBe(scoreEvaluation(CARD, answers).score);
  });
});

describe('checkScorecard', () => {
  const valid = () => JSON.parse(JSON.stringify(CARD)) as Record<string, unknown> & ScorecardDefinition;

  it('accepts a valid scorecard, whatever its weights add up to', () => {
    expect(checkScorecard(CARD)).toEqual([]);
    const card = valid();
    card.sections.forEach((s) => (s.weight = 1));
    expect(checkScorecard(card)).toEqual([]);
  });

  /** Each case edits a fresh copy of CARD in place, or returns `{ input }` to check something else. */
  it.each<[string, (card: ScorecardDefinition & Record<string, unknown>) => unknown, { field: string; message: string }[]]>([
    ['not an object', () => ({ input: null }), [{ field: '', message: 'must be an object' }]],
    ['an array', () => ({ input: [] }), [{ field: '', message: 'must be an object' }]],
    ['no name', (c) => (c.name = '  '), [{ field: 'name', message: 'must be 1–100 characters' }]],
    ['a long name', (c) => (c.name = 'x'.repeat(101)), [{ field: 'name', message: 'must be 1–100 characters' }]],
    ['an unknown field', (c) => (c['owner'] = 'me'), [{ field: 'owner', message: 'is not a scorecard field' }]],
    ['no sections', (c) => (c.sections = []), [{ field: 'sections', message: 'must list 1–20 sections' }]],
    ['sections not a list', (c) => ((c as Record<string, unknown>)['sections'] = {}), [{ field: 'sections', message: 'must list 1–20 sections' }]],
    ['a zero weight', (c) => (c.sections[1].weight = 0), [{ field: 'sections.1.weight', message: 'must be a number above 0, at most 1000' }]],
    ['a negative weight', (c) => (c.sections[0].weight = -5), [{ field: 'sections.0.weight', message: 'must be a number above 0, at most 1000' }]],
    ['an infinite weight', (c) => (c.sections[0].weight = Number.POSITIVE_INFINITY), [{ field: 'sections.0.weight', message: 'must be a number above 0, at most 1000' }]],
    ['a weight as text', (c) => ((c.sections[0] as unknown as Record<string, unknown>)['weight'] = '20'), [{ field: 'sections.0.weight', message: 'must be a number above 0, at most 1000' }]],
    ['a section without questions', (c) => (c.sections[2].questions = []), [{ field: 'sections.2.questions', message: 'must list 1–50 questions' }]],
    ['a repeated section key', (c) => (c.sections[2].key = 'greeting'), [{ field: 'sections.2.key', message: 'repeats the section key "greeting"' }]],
    ['a repeated question key in another section', (c) => (c.sections[2].questions[1].key = 'g1'), [{ field: 'sections.2.questions.1.key', message: 'repeats the question key "g1"' }]],
    ['a key with capitals', (c) => (c.sections[0].questions[0].key = 'Greeting'), [{ field: 'sections.0.questions.0.key', message: 'must be 1–63 characters: a–z first, then a–z, 0–9 or _' }]],
    ['an unknown scale', (c) => ((c.sections[0].questions[0] as unknown as Record<string, unknown>)['scale'] = '10'), [{ field: 'sections.0.questions.0.scale', message: 'must be one of binary, 3, 4, 5' }]],
    ['allowNa not boolean', (c) => ((c.sections[0].questions[0] as unknown as Record<string, unknown>)['allowNa'] = 'yes'), [{ field: 'sections.0.questions.0.allowNa', message: 'must be true or false' }]],
    ['critical missing', (c) => delete (c.sections[0].questions[0] as Partial<ScorecardQuestion>).critical, [{ field: 'sections.0.questions.0.critical', message: 'must be true or false' }]],
    ['empty question text', (c) => (c.sections[0].questions[0].text = ''), [{ field: 'sections.0.questions.0.text', message: 'must be 1–500 characters' }]],
    ['guidance too long', (c) => (c.sections[0].questions[0].guidance = 'g'.repeat(2001)), [{ field: 'sections.0.questions.0.guidance', message: 'must be text of at most 2000 characters (may be empty)' }]],
    ['guidance missing', (c) => delete (c.sections[0].questions[0] as Partial<ScorecardQuestion>).guidance, [{ field: 'sections.0.questions.0.guidance', message: 'must be text of at most 2000 characters (may be empty)' }]],
    ['a zero question weight', (c) => (c.sections[1].questions[2].weight = 0), [{ field: 'sections.1.questions.2.weight', message: 'must be a number above 0, at most 100' }]],
    ['an unknown question field', (c) => ((c.sections[0].questions[0] as unknown as Record<string, unknown>)['points'] = 3), [{ field: 'sections.0.questions.0.points', message: 'is not a question field' }]],
    ['a section that is not an object', (c) => ((c.sections as unknown[])[1] = 'handling'), [{ field: 'sections.1', message: 'must be an object' }]],
  ])('refuses %s', (_case, edit, expected) => {
    const card = valid();
    const edited = edit(card);
    const input = typeof edited === 'object' && edited !== null && 'input' in edited ? edited.input : card;
    expect(checkScorecard(input)).toEqual(expected);
  });

  it('reports every problem at once', () => {
    const card = valid();
    card.name = '';
    card.sections[0].weight = 0;
    card.sections[1].questions[0].key = 'g1';
    expect(checkScorecard(card).map((p) => p.field)).toEqual(['name', 'sections.0.weight', 'sections.1.questions.0.key']);
  });

  it('refuses more than 200 questions in all', () => {
    const sections = Array.from({ length: 5 }, (_, s) => ({ key: `s${s}`, title: `S${s}`, weight: 1, questions: Array.from({ length: 41 }, (_, i) => q(`q${s}_${i}`)) }));
    expect(checkScorecard({ name: 'Big', sections })).toEqual([{ field: 'sections', message: 'must hold at most 200 questions in all' }]);
  });
});
