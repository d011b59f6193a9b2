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
