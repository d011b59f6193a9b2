/**
 * The password policy (NIST SP 800-63B style): long enough, not a known or guessable password, not
 * the account's own name — and no composition rules, which push people to `Password1!`. The limit
 * of 256 characters keeps one argon2 check bounded.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/** The most common passwords and this product's own words (a real deployment can extend the list). */
const COMMON = new Set(
  [
    'password', 'password1', 'password12', 'password123', 'password1234', '123456789012', '1234567890123', 'qwertyuiopas', 'qwerty123456',
    'iloveyou1234', 'letmein12345', 'welcome12345', 'administrator', 'changeme1234', 'passw0rd1234', 'p@ssw0rd1234', 'demo-password',
    'switchboard', 'switchboard1', 'switchboard123', 'callcenter123', 'contactcentre', 'contactcenter', 'qwertyqwerty', 'abcdefghijkl',
    'aaaaaaaaaaaa', '111111111111', '000000000000', 'monkeymonkey', 'dragondragon', 'footballfootball', 'baseball1234', 'sunshine1234',
  ].map((p) => p.toLowerCase()),
);

export type PasswordProblem = 'too_short' | 'too_long' | 'common' | 'contains_email' | 'repetitive';

export interface PasswordVerdict {
  ok: boolean;
  problems: PasswordProblem[];
  /** One sentence for the person choosing it. */
  message: string;
}

const MESSAGES: Record<PasswordProblem, string> = {
  too_short: `must be at least ${PASSWORD_MIN_LENGTH} characters`,
  too_long: `must be at most ${PASSWORD_MAX_LENGTH} characters`,
  common: 'is too common or too easy to guess',
  contains_email: 'must not contain your email address or its name part',
  repetitive: 'must not be one character or a simple run (aaaa…, 1234…, abcd…) repeated',
};

function isRepetitive(password: string): boolean {
  const chars = [...password.toLowerCase()];
  if (new Set(chars).size <= 2) return true;
  const codes = chars.map((c) => c.codePointAt(0) as number);
  const steps = [...new Set(codes.slice(1).map((code, i) => code - codes[i]))];
  // 1234…, 4321…, and digit runs that wrap (…7890123…).
  return steps.every((s) => s === 1 || s === -9) || steps.every((s) => s === -1 || s === 9);
}

export function checkPassword(password: string, context: { email?: string } = {}): PasswordVerdict {
  const problems: PasswordProblem[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) problems.push('too_short');
  if (length > PASSWORD_MAX_LENGTH) problems.push('too_long');
  const lower = password.toLowerCase();
  const squeezed = lower.replace(/[\s_.-]+/g, '');
  const base = squeezed.replace(/\d+$/, '');
  if (COMMON.has(lower) || COMMON.has(squeezed) || (base.length >= 6 && [...COMMON].some((c) => base === c.replace(/\d+$/, '')))) problems.push('common');
  const email = context.email?.trim().toLowerCase();
  if (email) {
    const name = email.split('@')[0];
    if (lower.includes(email) || (name.length >= 4 && lower.includes(name))) problems.push('contains_email');
  }
  if (length >= 1 && isRepetitive(password)) problems.push('repetitive');
  const unique = [...new Set(problems)];
  return { ok: unique.length === 0, problems: unique, message: unique.length ? `The password ${unique.map((p) => MESSAGES[p]).join('; ')}.` : 'OK' };
}
