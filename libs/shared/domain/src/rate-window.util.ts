/**
 * A sliding-window rate limit: at most `limit` events in any `windowMs`. The state is the times of
 * the events still inside the window (never more than `limit` of them), so it is exact at every
 * boundary (a fixed per-minute counter would let twice the limit through around the turn of a minute).
 * Used per socket (messages a minute) and per address (sign-ins, webhooks).
 */
export interface RateDecision {
  allowed: boolean;
  /** The times to keep for the next decision. */
  stamps: number[];
  /** When refused: how long until one more event is allowed, in ms (at least 1). */
  retryAfterMs: number;
}

export function takeFromWindow(stamps: readonly number[], now: number, limit: number, windowMs: number): RateDecision {
  const recent = stamps.filter((at) => now - at < windowMs && at <= now);
  if (recent.length < limit) return { allowed: true, stamps: [...recent, now], retryAfterMs: 0 };
  // Refused events do not count: a client that keeps hammering is let in as soon as the window allows.
  const oldest = recent[recent.length - limit];
  return { allowed: false, stamps: recent, retryAfterMs: Math.max(1, oldest + windowMs - now) };
}

/**
 * The same limit from two fixed-window counters, as a store shared by several nodes keeps it (one row
 * per source and minute): the previous window's count weighted by how much of it still overlaps the
 * sliding window, plus the current window's (which includes this event). Every event is counted, the
 * refused ones too: a source that keeps going over stays refused until it slows down.
 */
export function slidingCountDecision(counts: { previous: number; current: number; elapsedMs: number }, limit: number, windowMs: number): { allowed: boolean; retryAfterMs: number } {
  const elapsed = Math.min(Math.max(counts.elapsedMs, 0), windowMs);
  const estimate = (counts.previous * (windowMs - elapsed)) / windowMs + counts.current;
  if (estimate <= limit) return { allowed: true, retryAfterMs: 0 };
  // Over already in this window alone: wait for the next one. Else until the previous one's weight has faded enough.
  const wait = counts.current > limit ? windowMs - elapsed : windowMs - elapsed - ((limit - counts.current) * windowMs) / counts.previous;
  return { allowed: false, retryAfterMs: Math.max(1, Math.ceil(wait)) };
}
