/**
 * Catching up after a reconnect. A recipient's cursor is the last sequence it saw on each ticket it
 * follows; every message of a ticket has the next sequence of that ticket (assigned under the ticket's
 * row lock, so they commit in order). The server answers, per ticket, the messages after the cursor.
 * A cursor past the ticket's last sequence was not issued by this server for this ticket: refused.
 */
export interface CatchUpCursor {
  ticketId: string;
  afterSeq: number;
}

/** Most tickets one catch-up request may name, and most messages it returns per ticket (then `more`). */
export const CATCH_UP_MAX_TICKETS = 100;
export const CATCH_UP_PAGE = 200;

export type CursorProblem = { index: number; field: 'ticketId' | 'afterSeq'; message: string };

/** Duplicate tickets and cursors beyond the ticket's last sequence, as field problems (empty: valid). */
export function cursorProblems(cursors: CatchUpCursor[], lastSeqOf: (ticketId: string) => number | undefined): CursorProblem[] {
  const problems: CursorProblem[] = [];
  const seen = new Set<string>();
  cursors.forEach((cursor, index) => {
    if (seen.has(cursor.ticketId)) problems.push({ index, field: 'ticketId', message: 'is named twice' });
    seen.add(cursor.ticketId);
    const last = lastSeqOf(cursor.ticketId);
    if (last !== undefined && cursor.afterSeq > last) problems.push({ index, field: 'afterSeq', message: `is ahead of the ticket (its last message is ${last})` });
  });
  return problems;
}

/**
 * Where a client's cursor stands after it received `seqs` of one ticket on top of `afterSeq`: the
 * highest sequence up to which nothing is missing (a gap means a message still on its way, which the
 * next catch-up must fetch). `contiguous` false (a customer, who never sees internal notes, so gaps are
 * normal): the highest sequence received.
 */
export function advanceCursor(afterSeq: number, seqs: Iterable<number>, contiguous = true): number {
  const sorted = [...new Set(seqs)].filter((s) => s > afterSeq).sort((a, b) => a - b);
  if (!contiguous) return sorted.length ? sorted[sorted.length - 1] : afterSeq;
  let cursor = afterSeq;
  for (const seq of sorted) {
    if (seq !== cursor + 1) break;
    cursor = seq;
  }
  return cursor;
}
