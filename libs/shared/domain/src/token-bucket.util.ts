/**
 * Token buckets: each key holds up to `burst` tokens and earns `perMinute` tokens a minute; an action
 * spends one. A key that floods runs dry and is refused until it earns a token again; other keys keep
 * their own tokens, so one client's reconnect storm never starves another's.
 */
export interface TokenBucketPolicy {
  perMinute: number;
  burst: number;
}

export interface TokenBucket {
  tokens: number;
  /** When `tokens` was last brought up to date, ms. */
  at: number;
}

export type TokenDecision = { allowed: true; bucket: TokenBucket } | { allowed: false; bucket: TokenBucket; retryAfterSeconds: number };

/** Spends one token of `bucket` (a full one when absent) at `now` (ms). */
export function takeToken(policy: TokenBucketPolicy, bucket: TokenBucket | undefined, now: number): TokenDecision {
  const ratePerMs = policy.perMinute / 60_000;
  const tokens = bucket ? Math.min(policy.burst, bucket.tokens + Math.max(0, now - bucket.at) * ratePerMs) : policy.burst;
  if (tokens >= 1) return { allowed: true, bucket: { tokens: tokens - 1, at: now } };
  return { allowed: false, bucket: { tokens, at: now }, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / ratePerMs / 1000)) };
}

/** True when a bucket has refilled completely by `now` and can be forgotten (as good as absent). */
export function bucketIsFull(policy: TokenBucketPolicy, bucket: TokenBucket, now: number): boolean {
  return bucket.tokens + Math.max(0, now - bucket.at) * (policy.perMinute / 60_000) >= policy.burst;
}
