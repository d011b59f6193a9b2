import { slidingCountDecision, takeFromWindow } from './rate-window.util';

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

describe('slidingCountDecision', () => {
  const minute = 60_000;
  it.each([
    ['the first event', { previous: 0, current: 1, elapsedMs: 5_000 }, true, 0],
    ['at the limit in this window', { previous: 0, current: 5, elapsedMs: 59_000 }, true, 0],
    ['one over in this window: wait for the next', { previous: 0, current: 6, elapsedMs: 50_000 }, false, 10_000],
    // Half the previous window still overlaps: 4 × 0.5 + 4 = 6 > 5; it fades to 1 (5 in all) after another 15 s.
    ['the previous window still counts half', { previous: 4, current: 4, elapsedMs: 30_000 }, false, 15_000],
    ['the previous window has faded enough', { previous: 4, current: 4, elapsedMs: 45_000 }, true, 0],
    ['a burst at the turn of the minute is refused (a plain counter would let it through)', { previous: 5, current: 1, elapsedMs: 1_000 }, false, 11_000],
  ])('%s', (_why, counts, allowed, retryAfterMs) => expect(slidingCountDecision(counts, 5, minute)).toEqual({ allowed, retryAfterMs }));
});
