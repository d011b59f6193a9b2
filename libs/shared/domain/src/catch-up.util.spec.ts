import { advanceCursor, cursorProblems } from './catch-up.util';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const last: Record<string, number> = { [A]: 5, [B]: 0 };

describe('cursorProblems', () => {
  it.each([
    ['a cursor at the last message', [{ ticketId: A, afterSeq: 5 }], []],
    ['a cursor behind', [{ ticketId: A, afterSeq: 0 }, { ticketId: B, afterSeq: 0 }], []],
    ['a cursor from the future', [{ ticketId: A, afterSeq: 6 }], [{ index: 0, field: 'afterSeq', message: 'is ahead of the ticket (its last message is 5)' }]],
    ['an empty ticket and a cursor at 1', [{ ticketId: B, afterSeq: 1 }], [{ index: 0, field: 'afterSeq', message: 'is ahead of the ticket (its last message is 0)' }]],
    ['the same ticket twice', [{ ticketId: A, afterSeq: 1 }, { ticketId: A, afterSeq: 2 }], [{ index: 1, field: 'ticketId', message: 'is named twice' }]],
    ['an unknown ticket is not judged here (the caller answers not found)', [{ ticketId: 'x', afterSeq: 99 }], []],
  ])('%s', (_why, cursors, expected) => {
    expect(cursorProblems(cursors, (id) => last[id])).toEqual(expected);
  });
});

describe('advanceCursor', () => {
  it.each([
    ['nothing new', 4, [], 4],
    ['in order', 4, [5, 6, 7], 7],
    ['out of order, complete', 4, [7, 5, 6], 7],
    ['a gap stops the cursor before it', 4, [5, 7, 8], 5],
    ['duplicates and old ones are ignored', 4, [3, 4, 5, 5, 6], 6],
    ['the first one missing: the cursor stays', 4, [6, 7], 4],
    ["a customer's own send after a missed reply does not skip the reply", 4, [6], 4],
    ['a customer after a catch-up settled at 9 (7 and 8 were notes)', 9, [5, 6, 10], 10],
  ])('%s', (_why, settled, seqs, expected) => {
    expect(advanceCursor(settled, seqs)).toBe(expected);
  });
});
