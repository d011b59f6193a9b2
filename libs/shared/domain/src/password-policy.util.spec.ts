import { checkPassword, type PasswordProblem } from './password-policy.util';

describe('checkPassword', () => {
  it.each<[string, string, string | undefined, PasswordProblem[]]>([
    ['a long passphrase', 'correct horse battery staple', 'ana@switchboard.demo', []],
    ['twelve mixed characters', 'Tr4m-Quilt-9x', undefined, []],
    ['unicode counts by character, not byte', 'ñandú-pingüino', undefined, []],
    ['too short', 'short-1A!', undefined, ['too_short']],
    ['exactly the minimum', 'abcxyz-12qwe', undefined, []],
    ['too long', 'x1y2'.repeat(65), undefined, ['too_long']],
    ['a common password', 'password1234', undefined, ['common']],
    ['a common password in capitals', 'PASSWORD1234', undefined, ['common']],
    ['the demo password', 'demo-password', undefined, ['common']],
    ['a common word with other digits', 'switchboard2026', undefined, ['common']],
    ['contains the email name', 'maria.santos-2026!', 'maria.santos@switchboard.demo', ['contains_email']],
    ['contains the whole email', 'x-ana@example.com-x', 'ana@example.com', ['contains_email']],
    ['a short name part is not checked', 'ana-loves-green-tea', 'ana@example.com', []],
    ['one repeated character', 'zzzzzzzzzzzzzz', undefined, ['repetitive']],
    ['two characters alternating', 'abababababababab', undefined, ['repetitive']],
    ['a run of digits that wraps', '12345678901234', undefined, ['repetitive']],
    ['a descending run', 'zyxwvutsrqponm', undefined, ['repetitive']],
    ['digits that are not a run', '31415926535897', undefined, []],
    ['an ascending run', 'abcdefghijklmn', undefined, ['repetitive']],
    ['everything at once', 'aaaa', undefined, ['too_short', 'repetitive']],
  ])('%s', (_why, password, email, problems) => {
    const verdict = checkPassword(password, { email });
    expect(verdict.problems).toEqual(problems);
    expect(verdict.ok).toBe(problems.length === 0);
  });

  it('says every problem in one sentence', () => {
    expect(checkPassword('aaaa').message).toBe('The password must be at least 12 characters; must not be one character or a simple run (aaaa…, 1234…, abcd…) repeated.');
  });
});
