import type { ScorecardDefinition, ScorecardQuestion } from '@switchboard/shared-contracts';
import { disputeDeadline, disputeRefusal, mergeDraftAnswers, qaSettingsProblems, submitProblems } from './qa-evaluation.util';
import { scoreEvaluation } from './scorecard.util';

const q = (key: string, overrides: Partial<ScorecardQuestion> = {}): ScorecardQuestion => ({ key, text: `${key}?`, scale: '5', allowNa: false, critical: false, guidance: '', ...overrides });
const CARD: ScorecardDefinition = {
  name: 'Card',
  sections: [
    { key: 'open', title: 'Opening', weight: 1, questions: [q('greet'), q('verify', { scale: 'binary', critical: true })] },
    { key: 'close', title: 'Closing', weight: 1, questions: [q('recap', { scale: '3', allowNa: true })] },
  ],
};

describe('mergeDraftAnswers', () => {
  it('merges a partial change over the saved answers; null clears one', () => {
    expect(mergeDraftAnswers(CARD, { greet: 4, recap: 2 }, { verify: 1, recap: null })).toEqual({ answers: { greet: 4, verify: 1 }, problems: [] });
    expect(mergeDraftAnswers(CARD, {}, { recap: 'na' })).toEqual({ answers: { recap: 'na' }, problems: [] });
  });

  it.each([
    ['above the scale', { greet: 6 }, 'answers.greet', 'must be a whole number from 1 to 5'],
    ['below the scale', { greet: 0 }, 'answers.greet', 'must be a whole number from 1 to 5'],
    ['not whole', { greet: 2.5 }, 'answers.greet', 'must be a whole number from 1 to 5'],
    ['binary 2', { verify: 2 }, 'answers.verify', 'must be a whole number from 0 to 1'],
    ['text', { greet: 'five' }, 'answers.greet', 'must be a whole number from 1 to 5'],
    ['N/A allowed shows in the message', { recap: 4 }, 'answers.recap', 'must be a whole number from 1 to 3 or "na"'],
    ['N/A where not allowed', { greet: 'na' }, 'answers.greet', 'may not be answered N/A'],
    ['unknown question', { tone: 3 }, 'answers.tone', 'is not a question of this scorecard'],
  ])('refuses an answer %s', (_name, change, field, message) => {
    expect(mergeDraftAnswers(CARD, {}, change).problems).toEqual([{ field, message }]);
  });
});

describe('submitProblems', () => {
  it('lists every missing answer, in scorecard order, and says the form is only unfinished', () => {
    const result = scoreEvaluation(CARD, { verify: 1 });
    expect(submitProblems(CARD, result)).toEqual({
      problems: [
        { field: 'answers.greet', message: 'needs an answer' },
        { field: 'answers.recap', message: 'needs an answer' },
      ],
      onlyMissing: true,
    });
  });

  it('a bad value is not only missing; a complete evaluation has no problem', () => {
    expect(submitProblems(CARD, scoreEvaluation(CARD, { greet: 9, verify: 1 })).onlyMissing).toBe(false);
    expect(submitProblems(CARD, scoreEvaluation(CARD, { greet: 5, verify: 1, recap: 'na' }))).toEqual({ problems: [], onlyMissing: false });
  });
});

describe('dispute window and limit', () => {
  const submitted = new Date('2026-03-01T10:00:00Z');
  it('closes the window the given number of days after submission (the deadline itself still counts)', () => {
    expect(disputeDeadline(submitted, 7).toISOString()).toBe('2026-03-08T10:00:00.000Z');
    expect(disputeRefusal(submitted, new Date('2026-03-08T10:00:00Z'), 7, 0, 3)).toBeNull();
    expect(disputeRefusal(submitted, new Date('2026-03-08T10:00:01Z'), 7, 0, 3)).toBe('window_closed');
  });
  it('counts every dispute raised towards the limit', () => {
    expect(disputeRefusal(submitted, submitted, 7, 2, 3)).toBeNull();
    expect(disputeRefusal(submitted, submitted, 7, 3, 3)).toBe('limit_reached');
    expect(disputeRefusal(submitted, submitted, 7, 0, 0)).toBe('limit_reached');
  });
});

describe('qaSettingsProblems', () => {
  it.each([
    ['the defaults', { disputeWindowDays: 7, maxDisputesPerEvaluation: 3 }, []],
    ['no disputes at all', { disputeWindowDays: 1, maxDisputesPerEvaluation: 0 }, []],
    ['the longest window', { disputeWindowDays: 90, maxDisputesPerEvaluation: 50 }, []],
    ['a zero window', { disputeWindowDays: 0, maxDisputesPerEvaluation: 3 }, ['disputeWindowDays']],
    ['half a day', { disputeWindowDays: 2.5, maxDisputesPerEvaluation: 3 }, ['disputeWindowDays']],
    ['a string', { disputeWindowDays: '7', maxDisputesPerEvaluation: 3 }, ['disputeWindowDays']],
    ['too many disputes', { disputeWindowDays: 7, maxDisputesPerEvaluation: 51 }, ['maxDisputesPerEvaluation']],
    ['a missing field', { disputeWindowDays: 7 }, ['maxDisputesPerEvaluation']],
    ['a foreign field', { disputeWindowDays: 7, maxDisputesPerEvaluation: 3, clientId: 'x' }, ['clientId']],
    ['not an object', [7, 3], ['body']],
  ])('%s', (_why, input, fields) => expect(qaSettingsProblems(input).map((p) => p.field)).toEqual(fields));
});
