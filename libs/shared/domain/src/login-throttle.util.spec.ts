import { decideLoginThrottle, loginAccountKey, type LoginThrottlePolicy } from './login-throttle.util';

const policy: LoginThrottlePolicy = { maxFailuresPerAccount: 3, maxFailuresPerAddress: 5, windowSeconds: 600 };
const now = new Date('2026-11-23T12:00:00Z');
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);

describe('decideLoginThrottle', () => {
  it.each([
    ['no failures', [], [], { allowed: true }],
    ['two account failures: one more try', [ago(10), ago(20)], [ago(10), ago(20)], { allowed: true }],
    ['three recent account failures: blocked until the oldest ages out', [ago(10), ago(20), ago(30)], [], { allowed: false, retryAfterSeconds: 570 }],
    ['old failures outside the window do not count', [ago(601), ago(700), ago(10)], [], { allowed: true }],
    ['a failure exactly at the window edge has aged out', [ago(600), ago(10), ago(20)], [], { allowed: true }],
    ['many accounts from one address', [], [ago(1), ago(2), ago(3), ago(4), ago(5)], { allowed: false, retryAfterSeconds: 595 }],
    ['the longer of the two waits wins', [ago(100), ago(200), ago(300)], [ago(1), ago(2), ago(3), ago(4), ago(5)], { allowed: false, retryAfterSeconds: 595 }],
    ['more failures than the limit: waits for the one that brings the count under', [ago(50), ago(100), ago(150), ago(200)], [], { allowed: false, retryAfterSeconds: 450 }],
  ])('%s', (_why, accountFailures, addressFailures, expected) => {
    expect(decideLoginThrottle(policy, { accountFailures, addressFailures, now })).toEqual(expected);
  });
});

describe('loginAccountKey', () => {
  it('ignores case and surrounding spaces', () => {
    expect(loginAccountKey('  Agent1@Switchboard.DEMO ')).toBe('agent1@switchboard.demo');
  });
});
