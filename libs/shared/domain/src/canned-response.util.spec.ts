import { fillPlaceholders, firstNameOf, matchCannedResponses, placeholdersLeft, unknownPlaceholders } from './canned-response.util';

describe('fillPlaceholders', () => {
  it.each([
    ['Hi {{contact.firstName}}, I am {{agent.firstName}}.', { 'contact.firstName': 'Dana', 'agent.firstName': 'Diego' }, 'Hi Dana, I am Diego.', []],
    ['Hi {{ contact.firstName }}!', { 'contact.firstName': 'Dana' }, 'Hi Dana!', []],
    ['Ref {{ticket.reference}} at {{client.name}}', { 'ticket.reference': 'SB-1042', 'client.name': 'Globex Retail' }, 'Ref SB-1042 at Globex Retail', []],
    ['Hi {{contact.firstName}}, {{contact.firstName}}!', { 'contact.firstName': null }, 'Hi {{contact.firstName}}, {{contact.firstName}}!', ['contact.firstName']],
    ['Hi {{contact.firstName}}', { 'contact.firstName': '  ' }, 'Hi {{contact.firstName}}', ['contact.firstName']],
    ['No placeholders here.', {}, 'No placeholders here.', []],
    ['Braces { alone } stay', {}, 'Braces { alone } stay', []],
  ])('%s', (template, values, text, unfilled) => {
    expect(fillPlaceholders(template, values)).toEqual({ text, unfilled });
  });
});

describe('unknownPlaceholders and placeholdersLeft', () => {
  it('names placeholders Switchboard does not fill, once each', () => {
    expect(unknownPlaceholders('Hi {{contact.firstname}} {{customer.name}} {{contact.firstname}} {{agent.firstName}}')).toEqual(['contact.firstname', 'customer.name']);
    expect(unknownPlaceholders('Hi {{contact.firstName}}')).toEqual([]);
  });

  it('finds what is left to write in a draft', () => {
    expect(placeholdersLeft('Hi {{contact.firstName}}, see {{ticket.reference}} and {{contact.firstName}}')).toEqual(['contact.firstName', 'ticket.reference']);
    expect(placeholdersLeft('All written.')).toEqual([]);
  });
});

describe('firstNameOf', () => {
  it.each([
    ['Dana Whitfield', 'Dana'],
    ['  Lea  Mercado ', 'Lea'],
    ['Web visitor 0622', null],
    ['Unknown contact', null],
    ['+1 (800) 555-0142', null],
    ['pat@example.com', null],
    ['', null],
    [null, null],
  ])('%s → %s', (name, first) => {
    expect(firstNameOf(name)).toBe(first);
  });
});

describe('matchCannedResponses', () => {
  const responses = [
    { shortcut: 'tracking', title: 'Where is my parcel' },
    { shortcut: 'greet', title: 'Greeting' },
    { shortcut: 'damaged', title: 'Damaged item: replacement' },
    { shortcut: 'close', title: 'Closing the chat' },
    { shortcut: 'refund-damaged', title: 'Refund for a damaged item' },
  ];
  const shortcuts = (query: string, limit?: number) => matchCannedResponses(responses, query, limit).map((r) => r.shortcut);

  it.each([
    ['', ['close', 'damaged', 'greet', 'refund-damaged', 'tracking']],
    ['d', ['damaged', 'refund-damaged']],
    ['dam', ['damaged', 'refund-damaged']],
    ['parcel', ['tracking']],
    ['GREET', ['greet']],
    ['zzz', []],
  ])('"%s"', (query, expected) => {
    expect(shortcuts(query)).toEqual(expected);
  });

  it('keeps to the limit', () => {
    expect(shortcuts('', 2)).toEqual(['close', 'damaged']);
  });
});
