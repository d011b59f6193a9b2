import { checkReplyFields, checkSocialReply, isEmailAddress, parseAddressList, replySubjectOf, withTicketReference } from './reply-fields.util';

describe('reply fields', () => {
  it.each([
    ['pat@example.com', true],
    ['Pat.Doe+claims@mail.example.co.uk', true],
    ['pat@localhost', false],
    ['pat@@example.com', false],
    ['Pat <pat@example.com>', false],
    ['pat@example..com', false],
    ['pat example@example.com', false],
    ['', false],
  ])('%j is an email address: %s', (text, ok) => expect(isEmailAddress(text)).toBe(ok));

  it('splits a typed cc list on commas, semicolons and new lines, keeping a mistyped address whole', () => {
    expect(parseAddressList(' a@x.com, b@y.org;c@z.net\nd@w.io ,, ')).toEqual(['a@x.com', 'b@y.org', 'c@z.net', 'd@w.io']);
    expect(parseAddressList('a@x.com, sam at initech')).toEqual(['a@x.com', 'sam at initech']);
    expect(parseAddressList('   ')).toEqual([]);
  });

  it.each([
    ['nothing extra on any ticket', { channel: 'chat' as const, kind: 'reply' as const }, { ok: true, subject: null, cc: [] }],
    ['an empty cc list on a chat', { channel: 'chat' as const, kind: 'reply' as const, cc: [] }, { ok: true, subject: null, cc: [] }],
    [
      'an email reply: subject trimmed, cc lower-cased, repeats and the customer dropped',
      { channel: 'email' as const, kind: 'reply' as const, subject: '  Re: Claim 4471\n', cc: ['Boss@Example.com', 'boss@example.com', 'PAT@example.com'], customerAddress: 'pat@example.com' },
      { ok: true, subject: 'Re: Claim 4471', cc: ['boss@example.com'] },
    ],
    [
      'cc on a chat ticket',
      { channel: 'chat' as const, kind: 'reply' as const, cc: ['boss@example.com'] },
      { ok: false, reason: 'not_email', fields: [{ field: 'cc', message: 'is for email replies only' }] },
    ],
    [
      'a subject on a social ticket',
      { channel: 'social' as const, kind: 'reply' as const, subject: 'Hello' },
      { ok: false, reason: 'not_email', fields: [{ field: 'subject', message: 'is for email replies only' }] },
    ],
    [
      'cc on an internal note of an email ticket',
      { channel: 'email' as const, kind: 'note' as const, cc: ['boss@example.com'] },
      { ok: false, reason: 'not_email', message: 'Subject and cc belong to email replies; an internal note has neither.' },
    ],
    [
      'a bad cc address, named by its place',
      { channel: 'email' as const, kind: 'reply' as const, cc: ['ok@example.com', 'not-an-address'] },
      { ok: false, reason: 'invalid', fields: [{ field: 'cc[1]', message: '“not-an-address” is not an email address' }] },
    ],
    [
      'a blank subject',
      { channel: 'email' as const, kind: 'reply' as const, subject: '   ' },
      { ok: false, reason: 'invalid', fields: [{ field: 'subject', message: 'must not be empty' }] },
    ],
    [
      'eleven cc addresses',
      { channel: 'email' as const, kind: 'reply' as const, cc: Array.from({ length: 11 }, (_, i) => `p${i}@example.com`) },
      { ok: false, reason: 'invalid', fields: [{ field: 'cc', message: 'may hold at most 10 addresses' }] },
    ],
  ])('%s', (_name, input, verdict) => expect(checkReplyFields(input)).toMatchObject(verdict));

  it.each([
    ['Claim 4471', 'Re: Claim 4471'],
    ['RE: Claim 4471', 'RE: Claim 4471'],
    ['Aw: Rechnung', 'Aw: Rechnung'],
    ['', 'Re: Your request'],
    [null, 'Re: Your request'],
  ])('the reply subject of %j is %j', (subject, reply) => expect(replySubjectOf(subject)).toBe(reply));

  it('adds the ticket reference once', () => {
    expect(withTicketReference('Re: Claim', 'SB-7')).toBe('Re: Claim [SB-7]');
    expect(withTicketReference('Re: Claim [sb-7]', 'SB-7')).toBe('Re: Claim [sb-7]');
  });

  const now = new Date('2025-02-04T12:00:00Z');
  it.each([
    ['a short WhatsApp reply within the window', 'whatsapp' as const, 'Yes!', new Date('2025-02-04T11:00:00Z'), { ok: true }],
    ['2,001 characters on Messenger', 'messenger' as const, 'x'.repeat(2001), new Date('2025-02-04T11:00:00Z'), { ok: false, reason: 'too_long' }],
    ['1,000 emoji on Instagram (characters, not bytes)', 'instagram' as const, '🙂'.repeat(1000), new Date('2025-02-04T11:00:00Z'), { ok: true }],
    ['a reply 24 h and 1 min after the customer wrote', 'whatsapp' as const, 'Hello?', new Date('2025-02-03T11:59:00Z'), { ok: false, reason: 'window_closed' }],
    ['a reply to a customer who never wrote', 'messenger' as const, 'Hi', null, { ok: false, reason: 'window_closed' }],
  ])('%s', (_name, network, body, lastInbound, verdict) => expect(checkSocialReply(network, body, lastInbound, now)).toMatchObject(verdict));
});
