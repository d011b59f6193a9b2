import { bucketIsFull, takeToken, type TokenBucketPolicy } from './token-bucket.util';

const policy: TokenBucketPolicy = { perMinute: 30, burst: 10 };

describe('takeToken', () => {
  it.each([
    ['a new key starts with a full burst', undefined, 0, { allowed: true, bucket: { tokens: 9, at: 0 } }],
    ['one token left: allowed, none left', { tokens: 1, at: 0 }, 0, { allowed: true, bucket: { tokens: 0, at: 0 } }],
    ['empty: refused until the next token (2 s at 30 a minute)', { tokens: 0, at: 0 }, 0, { allowed: false, bucket: { tokens: 0, at: 0 }, retryAfterSeconds: 2 }],
    ['empty, one second later: half a token, one more second to wait', { tokens: 0, at: 0 }, 1_000, { allowed: false, bucket: { tokens: 0.5, at: 1_000 }, retryAfterSeconds: 1 }],
    ['empty, two seconds later: a token was earned', { tokens: 0, at: 0 }, 2_000, { allowed: true, bucket: { tokens: 0, at: 2_000 } }],
    ['refills no higher than the burst', { tokens: 0, at: 0 }, 3_600_000, { allowed: true, bucket: { tokens: 9, at: 3_600_000 } }],
    ['a clock that went back earns nothing', { tokens: 0.5, at: 5_000 }, 1_000, { allowed: false, bucket: { tokens: 0.5, at: 1_000 }, retryAfterSeconds: 1 }],
  ])('%s', (_why, bucket, now, expected) => {
    expect(takeToken(policy, bucket, now)).toEqual(expected);
  });

  it('refuses a flood after the burst while another key is untouched', () => {
    let flooder: ReturnType<typeof takeToken>['bucket'] | undefined;
    const outcomes: boolean[] = [];
    for (let i = 0; i < 15; i++) {
      const decision = takeToken(policy, flooder, 100);
      flooder = decision.bucket;
      outcomes.push(decision.allowed);
    }
    expect(outcomes.filter(Boolean)).toHaveLength(10);
    expect(takeToken(policy, undefined, 100).allowed).toBe(true);
  });
});

describe('bucketIsFull', () => {
  it.each([
    [{ tokens: 10, at: 0 }, 0, true],
    [{ tokens: 9, at: 0 }, 1_000, false],
    [{ tokens: 9, at: 0 }, 2_000, true],
    [{ tokens: 0, at: 0 }, 20_000, true],
  ])('%j at %d ms → %s', (bucket, now, expected) => {
    expect(bucketIsFull(policy, bucket, now)).toBe(expected);
  });
});
