/**
 * Failed-login throttling. Failures are counted per account key (the normalised email) and per
 * network address within a sliding window; past the limit, logins are refused until the oldest
 * counted failure leaves the window. The same rule runs on every API node because the failures
 * themselves are stored in PostgreSQL.
 */
export interface LoginThrottlePolicy {
  /** Failures per account within the window before logins for it are refused. */
  maxFailuresPerAccount: number;
  /** Failures per address within the window (across accounts) before that address is refused. */
  maxFailuresPerAddress: number;
  windowSeconds: number;
}

export interface LoginThrottleInput {
  accountFailures: Date[];
  addressFailures: Date[];
  now: Date;
}

export type LoginThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

function blockedFor(failures: Date[], max: number, windowMs: number, now: Date): number {
  const recent = failures.filter((at) => now.getTime() - at.getTime() < windowMs).sort((a, b) => a.getTime() - b.getTime());
  if (recent.length < max) return 0;
  // The block lifts when enough failures have aged out to bring the count below the limit.
  const releasing = recent[recent.length - max];
  return Math.max(1, Math.ceil((releasing.getTime() + windowMs - now.getTime()) / 1000));
}

export function decideLoginThrottle(policy: LoginThrottlePolicy, input: LoginThrottleInput): LoginThrottleDecision {
  const windowMs = policy.windowSeconds * 1000;
  const wait = Math.max(
    blockedFor(input.accountFailures, policy.maxFailuresPerAccount, windowMs, input.now),
    blockedFor(input.addressFailures, policy.maxFailuresPerAddress, windowMs, input.now),
  );
  return wait > 0 ? { allowed: false, retryAfterSeconds: wait } : { allowed: true };
}

/** The key failures are counted under: trimmed, lower-cased email. */
export function loginAccountKey(email: string): string {
  return email.trim().toLowerCase();
}
