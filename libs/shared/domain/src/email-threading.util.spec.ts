import { normaliseMessageId, threadCandidates, ticketNumberInSubject } from './email-threading.util';

describe('email threading', () => {
  it.each([
    ['<abc.123@mail.example>', 'abc.123@mail.example'],
    ['  <x@y>  ', 'x@y'],
    ['plain@id', 'plain@id'],
    ['', null],
    ['<>', null],
    ['has space@x', null],
    [undefined, null],
  ])('normalises %j', (raw, id) => expect(normaliseMessageId(raw)).toBe(id));

  it('orders candidates: the direct parent first, then the newest references, without repeats', () => {
    expect(threadCandidates('<c@x>', '<a@x> <b@x> <c@x>')).toEqual(['c@x', 'b@x', 'a@x']);
    expect(threadCandidates(null, ['<a@x>', '<b@x>'])).toEqual(['b@x', 'a@x']);
    expect(threadCandidates(undefined, undefined)).toEqual([]);
  });

  it.each([
    ['Re: Refund for order 55 [SB-1042]', 1042],
    ['RE: sb-7', 7],
    ['Fwd: question about SB-2001 please', 2001],
    ['No reference here', null],
    ['Order SB-', null],
    [null, null],
  ])('finds the ticket number in %j', (subject, number) => expect(ticketNumberInSubject(subject)).toBe(number));
});
