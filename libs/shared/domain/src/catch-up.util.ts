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
 * Where a client's cursor stands: `settled` (the `lastSeq` of its last complete catch-up — everything up
 * to it was answered, so for a customer the seqs it never got below it are internal notes), then every
 * seq it holds after that without a gap. A gap is a message still on its way, which the next catch-up
 * must fetch: a customer's own send (acked with a later seq) never moves the cursor past a missed reply.
 */
export function advanceCursor(settled: number, seqs: Iterable<number>): number {
  let cursor = settled;
  for (const seq of [...new Set(seqs)].sort((a, b) => a - b)) {
    if (seq <= cursor) continue;
    if (seq !== cursor + 1) break;
    cursor = seq;
  }
  return cursor;
}
