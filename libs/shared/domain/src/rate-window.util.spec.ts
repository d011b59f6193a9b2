import { takeFromWindow } from './rate-window.util';

const MINUTE = 60_000;

describe('takeFromWindow', () => {
  it.each([
    ['the first event', [], 1_000, 3, { allowed: true, stamps: [1_000], retryAfterMs: 0 }],
    ['under the limit', [0, 10], 20, 3, { allowed: true, stamps: [0, 10, 20], retryAfterMs: 0 }],
    ['at the limit: refused until the oldest leaves the window', [0, 10, 20], 30, 3, { allowed: false, stamps: [0, 10, 20], retryAfterMs: MINUTE - 30 }],
    ['an event exactly one window old has left it', [0, 10, 20], MINUTE, 3, { allowed: true, stamps: [10, 20, MINUTE], retryAfterMs: 0 }],
    ['old events are forgotten', [0, 1, 2, 3], 5 * MINUTE, 3, { allowed: true, stamps: [5 * MINUTE], retryAfterMs: 0 }],
    ['no burst of twice the limit around a minute boundary', [MINUTE - 3, MINUTE - 2, MINUTE - 1], MINUTE + 1, 3, { allowed: false, stamps: [MINUTE - 3, MINUTE - 2, MINUTE - 1], retryAfterMs: MINUTE - 4 }],
    ['a clock that went backwards does not count future stamps', [5_000], 1_000, 1, { allowed: true, stamps: [1_000], retryAfterMs: 0 }],
    ['limit of one', [100], 200, 1, { allowed: false, stamps: [100], retryAfterMs: MINUTE - 100 }],
  ])('%s', (_why, stamps, now, limit, expected) => {
    expect(takeFromWindow(stamps, now, limit, MINUTE)).toEqual(expected);
  });

  it('lets exactly `limit` through in a burst, then refuses every further one until the window moves', () => {
    let stamps: number[] = [];
    const outcomes: boolean[] = [];
    for (let i = 0; i < 150; i++) {
      const decision = takeFromWindow(stamps, 1_000 + i, 100, MINUTE);
      stamps = decision.stamps;
      outcomes.push(decision.allowed);
    }
    expect(outcomes.filter(Boolean)).toHaveLength(100);
    expect(outcomes.slice(0, 100).every(Boolean)).toBe(true);
    expect(takeFromWindow(stamps, 1_000 + MINUTE, 100, MINUTE).allowed).toBe(true);
  });
});
