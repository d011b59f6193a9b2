import { insertMention, mentionedIds, mentionQuery } from './mentions.util';

describe('mentionQuery', () => {
  it.each([
    ['@', ''],
    ['Hi @', ''],
    ['Hi @om', 'om'],
    ['Hi @Omar No', 'Omar No'],
    ['line one\n@ana', 'ana'],
    ['mail me at ana@globex.demo', null], // not the start of a word
    ['no mention here', null],
    ['@ leading space', null],
    ['@one two three four', null], // three spaces: a sentence, not a name
    [`@${'x'.repeat(31)}`, null],
    ['@Omar Noteam please check', null], // a finished mention, then the note goes on
    ['@Omar Noteam', null],
    ['@Omar Not', 'Omar Not'],
    ['@Ana Cruz and @Om', 'Om'],
  ])('%j → %j', (draft, expected) => {
    expect(mentionQuery(draft, ['Omar Noteam'])).toBe(expected);
  });
});

describe('insertMention', () => {
  it.each([
    ['Hi @om', 'Omar Noteam', 'Hi @Omar Noteam '],
    ['@', 'Ana Cruz', '@Ana Cruz '],
    ['Hi ', 'Ana Cruz', 'Hi @Ana Cruz '],
  ])('%j + %j → %j', (draft, name, expected) => {
    expect(insertMention(draft, name)).toBe(expected);
  });
});

describe('mentionedIds', () => {
  const chosen = [
    { id: 'u-ana', name: 'Ana' },
    { id: 'u-ana-cruz', name: 'Ana Cruz' },
    { id: 'u-omar', name: 'Omar Noteam' },
  ];
  it.each([
    ['@Omar Noteam can you check?', ['u-omar']],
    ['@Ana Cruz, and @Omar Noteam.', ['u-ana', 'u-ana-cruz', 'u-omar']], // "@Ana" is in "@Ana Cruz" too: both were chosen
    ['@Anabel is someone else', []],
    ['I removed the mention', []],
    ['@Omar Noteam and again @Omar Noteam', ['u-omar']],
  ])('%j → %j', (body, expected) => {
    expect(mentionedIds(body, chosen)).toEqual(expected);
  });
});
