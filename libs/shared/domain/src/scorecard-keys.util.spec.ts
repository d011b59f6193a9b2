import { checkScorecard } from './scorecard.util';
import { scorecardKeyOf } from './scorecard-keys.util';

describe('scorecardKeyOf', () => {
  it.each<[string, string[], string]>([
    ['Greeted the customer', [], 'greeted_the_customer'],
    ['  Verified the order!  ', [], 'verified_the_order'],
    ['Cortesía y tono', [], 'cortesia_y_tono'],
    ['3 things checked', [], 'things_checked'],
    ['123', [], 'question'],
    ['', [], 'question'],
    ['Tone', ['tone'], 'tone_2'],
    ['Tone', ['tone', 'tone_2'], 'tone_3'],
    ['A very long question text that goes on and on beyond the limit', [], 'a_very_long_question_text_that_goes_on_a'],
    ['A very long question text that goes on and on beyond the limit', ['a_very_long_question_text_that_goes_on_a'], 'a_very_long_question_text_that_goes_on_2'],
  ])('%j with %j taken → %j', (text, taken, expected) => {
    expect(scorecardKeyOf(text, new Set(taken))).toBe(expected);
  });

  it('always makes a key the scorecard rules accept', () => {
    for (const text of ['Greeted', 'Ñandú', '__x__', '9 lives', '!!!', 'ü'.repeat(80)]) {
      const key = scorecardKeyOf(text, new Set());
      const card = { name: 'c', sections: [{ key: 's', title: 'S', weight: 1, questions: [{ key, text: 't', scale: 'binary', allowNa: false, critical: false, guidance: '' }] }] };
      expect([text, checkScorecard(card)]).toEqual([text, []]);
    }
  });
});
