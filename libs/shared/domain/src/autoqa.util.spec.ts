import type { AutoQaSettings } from '@switchboard/shared-contracts';
import {
  cardDataRule,
  checkAutoQaSettings,
  closingRule,
  DEFAULT_AUTOQA_SETTINGS,
  findPhrase,
  firstResponseRule,
  greetingRule,
  longHoldRule,
  longSilenceRule,
  negativeEndRule,
  requiredPhrasesRule,
  runAutoQa,
  sentimentOf,
  transcriptLines,
  type AutoQaFacts,
  type AutoQaMessage,
} from './autoqa.util';

const T0 = Date.parse('2026-12-01T10:00:00Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();
const customer = (body: string, seconds: number): AutoQaMessage => ({ direction: 'inbound', body, at: at(seconds) });
const agent = (body: string, seconds: number): AutoQaMessage => ({ direction: 'outbound', body, at: at(seconds) });
const note = (body: string, seconds: number): AutoQaMessage => ({ direction: 'note', body, at: at(seconds) });

const chat = (messages: AutoQaMessage[], extra: Partial<AutoQaFacts> = {}): AutoQaFacts => ({
  channel: 'chat',
  createdAt: at(0),
  firstResponseAt: messages.find((m) => m.direction === 'outbound')?.at ?? null,
  messages,
  holds: [],
  transcript: null,
  callEndedAt: null,
  ...extra,
});
const call = (transcript: string | null, extra: Partial<AutoQaFacts> = {}): AutoQaFacts => ({ ...chat([]), channel: 'voice', firstResponseAt: null, transcript, callEndedAt: at(600), ...extra });
const S: AutoQaSettings = { ...DEFAULT_AUTOQA_SETTINGS, requiredPhrases: ['this call may be recorded'] };

const GOOD_CHAT = chat([
  customer('My order 5512 never arrived', 0),
  agent('Hello Casey, thanks for contacting Globex! Let me check.', 40),
  customer('ok', 50),
  agent('It ships today; this call may be recorded — sorry, chat is logged. Anything else I can help with?', 90),
  customer('No, thank you, great help', 100),
  agent('Have a great day!', 110),
]);

describe('AutoQA rules (each a pure function with its evidence)', () => {
  it.each([
    ['a greeting in the first agent line', GOOD_CHAT, 'pass'],
    ['no greeting', chat([customer('Hi', 0), agent('Your order ships today.', 30)]), 'fail'],
    ['a greeting only later does not count', chat([customer('Hi', 0), agent('Checking.', 30), agent('Hello again!', 60)]), 'fail'],
    ['"hi" inside a word is not a greeting', chat([customer('Hi', 0), agent('This is shipping info.', 30)]), 'fail'],
    ['notes are not the conversation', chat([customer('Hi', 0), note('hello team', 5), agent('Order shipped.', 30)]), 'fail'],
    ['no agent line', chat([customer('Hi', 0)]), 'not_applicable'],
    ['a call transcript that greets', call('Agent: Thank you for calling Northwind, this is Ana.\nCaller: My roof leaks.'), 'pass'],
    ['an untimed transcript without speakers starts with a greeting', call('good morning northwind claims\nmy roof leaks'), 'pass'],
  ])('greeting: %s', (_label, facts, outcome) => {
    expect(greetingRule(facts, S).outcome).toBe(outcome);
  });

  it('greeting evidence quotes the line and the phrase', () => {
    expect(greetingRule(GOOD_CHAT, S)).toEqual({ rule: 'greeting', outcome: 'pass', flag: null, evidence: ['first agent line "Hello Casey, thanks for contacting Globex! Let me check." greets ("hello")'] });
    expect(greetingRule(chat([agent('Order shipped.', 1)]), S)).toEqual({ rule: 'greeting', outcome: 'fail', flag: 'missing_greeting', evidence: ['first agent line "Order shipped." has no greeting'] });
  });

  it.each([
    ['a closing in the last agent line', GOOD_CHAT, 'pass'],
    ['the last agent line does not close', chat([customer('x', 0), agent('Hello! Anything else?', 10), agent('Done.', 20)]), 'fail'],
    ['Spanish closing', chat([customer('x', 0), agent('¿Algo más en que pueda ayudarle?', 10)]), 'pass'],
    ['no agent line', chat([customer('x', 0)]), 'not_applicable'],
  ])('closing: %s', (_label, facts, outcome) => {
    expect(closingRule(facts, S).outcome).toBe(outcome);
  });

  it.each([
    ['within target', chat([customer('x', 0), agent('Hello', 300)]), 'pass', 'first reply after 300 s (target 300 s)'],
    ['over target', chat([customer('x', 0), agent('Hello', 301)]), 'fail', 'first reply after 301 s (target 300 s)'],
    ['never replied', chat([customer('x', 0)]), 'fail', 'no public agent reply before resolution'],
    ['calls are answered live', call('Agent: hello'), 'not_applicable', 'calls are answered live'],
  ])('first response: %s', (_label, facts, outcome, evidence) => {
    expect(firstResponseRule(facts, S)).toMatchObject({ outcome, evidence: [evidence] });
  });

  it.each([
    ['nothing about cards', GOOD_CHAT, 'pass'],
    ['asks for the card number', chat([agent('Please send me your card number to refund you.', 10)]), 'fail'],
    ['asks for the CVV', chat([agent('And the CVV on the back?', 10)]), 'fail'],
    ['types a masked card number', chat([agent('I charged **** **** **** 1111 again.', 10)]), 'fail'],
    ['types a masked card number without spaces', chat([agent('Card ************4242 refunded', 10)]), 'fail'],
    ['types a masked security code', chat([agent('code cvv ***', 10)]), 'fail'],
    ['Spanish: número de tarjeta', chat([agent('¿Me da el número de tarjeta?', 10)]), 'fail'],
    ['the customer typing a card is not the agent', chat([customer('my card **** **** **** 1111', 0), agent('Hello, never share card data here.', 10)]), 'pass'],
    ['a call where the agent asks', call('Agent: Hello\nAgent: Can I have the long number on the card?'), 'fail'],
    ['no agent line', chat([customer('hi', 0)]), 'not_applicable'],
  ])('card data: %s', (_label, facts, outcome) => {
    expect(cardDataRule(facts).outcome).toBe(outcome);
  });

  it.each([
    ['ends thankful', GOOD_CHAT, 'pass'],
    ['ends angry', chat([customer('hi', 0), agent('Hello', 5), customer('This is useless, worst service ever', 10)]), 'fail'],
    ['was angry but ends fine', chat([customer('terrible delay', 0), agent('Hello, fixed', 5), customer('ok thanks', 10)]), 'pass'],
    ['"not happy" despite "happy"', chat([customer('I am not happy', 10)]), 'fail'],
    ['Spanish complaint', chat([customer('Esto no funciona, pésimo', 10)]), 'fail'],
    ['no customer line', chat([agent('Hello', 1)]), 'not_applicable'],
  ])('negative end: %s', (_label, facts, outcome) => {
    expect(negativeEndRule(facts).outcome).toBe(outcome);
  });

  it.each([
    ['no hold', call('Agent: hi'), 'pass'],
    ['a short hold', call('Agent: hi', { holds: [{ start: at(10), end: at(100) }] }), 'pass'],
    ['a hold of exactly the limit', call('Agent: hi', { holds: [{ start: at(10), end: at(130) }] }), 'pass'],
    ['a long hold', call('Agent: hi', { holds: [{ start: at(10), end: at(40) }, { start: at(100), end: at(400) }] }), 'fail'],
    ['a call that ended on hold', call('Agent: hi', { holds: [{ start: at(300), end: null }] }), 'fail'],
    ['a chat has no hold', GOOD_CHAT, 'not_applicable'],
  ])('long hold: %s', (_label, facts, outcome) => {
    expect(longHoldRule(facts, S).outcome).toBe(outcome);
  });

  it('long hold evidence counts the holds and the longest', () => {
    expect(longHoldRule(call('Agent: hi', { holds: [{ start: at(10), end: at(40) }, { start: at(100), end: at(400) }] }), S).evidence).toEqual(['1 hold over 120 s (longest 300 s)']);
  });

  it.each([
    ['a timed call without gaps', call('[0:00] Agent: Hello\n[0:20] Caller: roof\n[1:10] Agent: ok'), 'pass'],
    ['a timed call with a long gap', call('[0:00] Agent: Hello\n[0:20] Caller: roof\n[1:30] Agent: ok'), 'fail'],
    ['hours in the time', call('[1:00:00] Agent: Hello\n[1:00:30] Caller: hi'), 'pass'],
    ['an untimed transcript cannot tell', call('Agent: Hello\nCaller: hi'), 'not_applicable'],
    ['no transcript', call(null), 'not_applicable'],
    ['a chat answered in time', GOOD_CHAT, 'pass'],
    ['a chat customer left waiting', chat([customer('hi', 0), agent('Hello', 30), customer('where is it', 40), agent('found it', 200)]), 'fail'],
    ['an email is not live', { ...GOOD_CHAT, channel: 'email' as const }, 'not_applicable'],
  ])('long silence: %s', (_label, facts, outcome) => {
    expect(longSilenceRule(facts, S).outcome).toBe(outcome);
  });

  it('long silence evidence says where', () => {
    expect(longSilenceRule(call('[0:00] Agent: Hello\n[0:20] Caller: roof\n[1:30] Agent: ok'), S).evidence).toEqual(['70 s of silence after 0:20 (limit 60 s)']);
  });

  it.each([
    ['said', GOOD_CHAT, S, 'pass'],
    ['not said', chat([agent('Hello', 1)]), S, 'fail'],
    ['said on a call', call('Agent: Hello, this call may be recorded.'), S, 'pass'],
    ['nothing required', GOOD_CHAT, DEFAULT_AUTOQA_SETTINGS, 'not_applicable'],
  ])('required phrases: %s', (_label, facts, settings, outcome) => {
    expect(requiredPhrasesRule(facts, settings).outcome).toBe(outcome);
  });
});

describe('runAutoQa', () => {
  it('a good chat passes every applicable check: score 100, no flags', () => {
    const result = runAutoQa(GOOD_CHAT, S);
    expect(result.flags).toEqual([]);
    expect(result.score).toBe(100);
    expect(result.checks.map((c) => [c.rule, c.outcome])).toEqual([
      ['greeting', 'pass'],
      ['closing', 'pass'],
      ['first_response', 'pass'],
      ['card_data', 'pass'],
      ['negative_end', 'pass'],
      ['long_hold', 'not_applicable'],
      ['long_silence', 'pass'],
      ['required_phrases', 'pass'],
    ]);
  });

  it('a bad call raises each flag with its evidence; the score is passed / applicable', () => {
    const facts = call('[0:00] Agent: Northwind.\n[0:10] Caller: my card was charged twice\n[0:20] Agent: What is the card number?\n[2:00] Caller: this is ridiculous', {
      holds: [{ start: at(30), end: at(300) }],
    });
    const result = runAutoQa(facts, S);
    expect(result.flags).toEqual(['missing_greeting', 'missing_closing', 'card_data', 'negative_end', 'long_hold', 'long_silence', 'missing_required_phrase']);
    // 7 applicable (first response does not apply to calls), none passed.
    expect(result.score).toBe(0);
    expect(result.checks.find((c) => c.rule === 'card_data')?.evidence).toEqual(['agent asked for card data: "What is the card number?"']);
  });

  it('is deterministic and scores null when nothing applies', () => {
    expect(runAutoQa(GOOD_CHAT, S)).toEqual(runAutoQa(GOOD_CHAT, S));
    expect(runAutoQa({ ...call(null), holds: [] }, DEFAULT_AUTOQA_SETTINGS).score).toBe(100); // only "no hold" applies
    expect(runAutoQa({ ...chat([]), channel: 'email' }, DEFAULT_AUTOQA_SETTINGS).score).toBe(0); // no reply at all: first response fails
  });
});

describe('helpers', () => {
  it.each([
    ['Hello there', ['hello'], 'hello'],
    ['HELLO', ['hello'], 'hello'],
    ['Othello', ['hello'], null],
    ['¿Algo más?', ['algo más'], 'algo más'],
    ['Call ref: A-1 (see notes)', ['ref:', '(see'], 'ref:'],
    ['a.b', ['.'], null], // whole words only: a phrase glued to letters is no match
    ['', ['hi'], null],
  ])('findPhrase(%j, %j) = %j', (text, phrases, expected) => {
    expect(findPhrase(text, phrases)).toBe(expected);
  });

  it('reads transcript lines with speakers and times', () => {
    expect(transcriptLines('[0:05] Agent: Hi\n\n[1:02:03] caller:  roof \nplain line')).toEqual([
      { speaker: 'agent', text: 'Hi', atSeconds: 5 },
      { speaker: 'customer', text: 'roof', atSeconds: 3723 },
      { speaker: 'unknown', text: 'plain line', atSeconds: null },
    ]);
  });

  it('sentiment counts negative and positive words', () => {
    expect(sentimentOf('thanks, but this is still useless')).toEqual({ score: 0, negative: ['useless'], positive: ['thanks'] });
  });

  it.each([
    ['Nakakainis, hindi gumagana pa rin ang app', -2],
    ['Maraming salamat po, maayos na!', 2],
    ['Ang galing ninyo, salamat', 2],
    ['Okay lang, pero ayoko na ng ganito', -1],
  ])('reads Tagalog too: %s → %i', (text, score) => expect(sentimentOf(text).score).toBe(score));

  it.each([
    ['the defaults', DEFAULT_AUTOQA_SETTINGS, []],
    ['no greeting phrase', { ...DEFAULT_AUTOQA_SETTINGS, greetingPhrases: [] }, ['greetingPhrases']],
    ['an empty phrase', { ...DEFAULT_AUTOQA_SETTINGS, requiredPhrases: [' '] }, ['requiredPhrases']],
    ['a zero target', { ...DEFAULT_AUTOQA_SETTINGS, firstResponseTargetSeconds: 0 }, ['firstResponseTargetSeconds']],
    ['a fractional hold', { ...DEFAULT_AUTOQA_SETTINGS, maxHoldSeconds: 1.5 }, ['maxHoldSeconds']],
    ['an unknown setting and a missing one', { ...DEFAULT_AUTOQA_SETTINGS, maxSilenceSeconds: undefined, colour: 'red' }, ['colour', 'maxSilenceSeconds']],
    ['not an object', 'x', ['']],
  ])('checkAutoQaSettings: %s', (_label, input, fields) => {
    const present = typeof input === 'object' ? Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) : input;
    expect(checkAutoQaSettings(present).map((p) => p.field)).toEqual(fields);
  });
});
