import { slaClock, slaDueTimes, slaDueTimesOf, type SlaClockTicket } from './sla-clock.util';

const QUEUED = '2026-01-05T09:00:00.000Z';
const at = (minutes: number, seconds = 0) => Date.parse(QUEUED) + minutes * 60_000 + seconds * 1000;
const iso = (minutes: number, seconds = 0) => new Date(at(minutes, seconds)).toISOString();
/** A ticket queued at 09:00 with a 20-minute answer target. */
const ticket = (overrides: Partial<SlaClockTicket> = {}): SlaClockTicket => ({ slaDueAt: iso(20), queuedAt: QUEUED, firstResponseAt: null, ...overrides });

describe('slaClock', () => {
  it.each([
    ['no target', ticket({ slaDueAt: null }), at(30), { state: 'none', remainingMs: null }],
    ['an unreadable target', ticket({ slaDueAt: 'soon' }), at(30), { state: 'none', remainingMs: null }],
    ['just queued', ticket(), at(0), { state: 'on_track', remainingMs: 20 * 60_000 }],
    ['with 6 of 20 minutes left', ticket(), at(14), { state: 'on_track', remainingMs: 6 * 60_000 }],
    ['with exactly a quarter left', ticket(), at(15), { state: 'at_risk', remainingMs: 5 * 60_000 }],
    ['with 30 s left', ticket(), at(19, 30), { state: 'at_risk', remainingMs: 30_000 }],
    ['at the due instant', ticket(), at(20), { state: 'breached', remainingMs: 0 }],
    ['2 minutes late', ticket(), at(22), { state: 'breached', remainingMs: -2 * 60_000 }],
    ['answered in time, even when read later', ticket({ firstResponseAt: iso(12) }), at(40), { state: 'met', remainingMs: null }],
    ['answered exactly at the target', ticket({ firstResponseAt: iso(20) }), at(40), { state: 'met', remainingMs: null }],
    ['answered late', ticket({ firstResponseAt: iso(21) }), at(40), { state: 'missed', remainingMs: null }],
  ])('%s', (_case, input, now, expected) => {
    expect(slaClock(input, now)).toEqual(expected);
  });

  it.each([
    // A 2-minute target: a quarter is 30 s, but the last minute is always amber.
    ['2-minute target, 61 s left', ticket({ slaDueAt: iso(2) }), at(0, 59), 'on_track'],
    ['2-minute target, 60 s left', ticket({ slaDueAt: iso(2) }), at(1), 'at_risk'],
    // Without a start (a ticket picked by hand that never queued), only the last minute is amber.
    ['no start, 2 minutes left', ticket({ queuedAt: null }), at(18), 'on_track'],
    ['no start, 50 s left', ticket({ queuedAt: null }), at(19, 10), 'at_risk'],
  ])('%s', (_case, input, now, state) => {
    expect(slaClock(input, now).state).toBe(state);
  });
});

describe('slaDueTimes (stamped on the queued event)', () => {
  it.each([
    ['every target set', { slaSeconds: 60, resolutionSeconds: 3600, nextResponseSeconds: 300 }, { firstResponseDueAt: iso(1), resolutionDueAt: iso(60), nextResponseTargetSeconds: 300 }],
    ['answer target only (a queue before resolution targets existed)', { slaSeconds: 20 * 60, resolutionSeconds: null, nextResponseSeconds: null }, { firstResponseDueAt: iso(20), resolutionDueAt: null, nextResponseTargetSeconds: null }],
    ['no targets', { slaSeconds: null, resolutionSeconds: null, nextResponseSeconds: null }, { firstResponseDueAt: null, resolutionDueAt: null, nextResponseTargetSeconds: null }],
    ['a zero target is no target', { slaSeconds: 0, resolutionSeconds: 0, nextResponseSeconds: 0 }, { firstResponseDueAt: null, resolutionDueAt: null, nextResponseTargetSeconds: null }],
    // Wall-clock, as the inbox clock runs: a 24-hour target queued at 09:00 is due 09:00 the next day, weekend or not.
    ['a day-long resolution target', { slaSeconds: 8 * 3600, resolutionSeconds: 86_400, nextResponseSeconds: null }, { firstResponseDueAt: iso(8 * 60), resolutionDueAt: iso(24 * 60), nextResponseTargetSeconds: null }],
  ])('%s', (_case, targets, expected) => {
    expect(slaDueTimes(QUEUED, targets)).toEqual(expected);
  });

  it('refuses an unreadable start', () => {
    expect(() => slaDueTimes('yesterday', { slaSeconds: 60, resolutionSeconds: null, nextResponseSeconds: null })).toThrow(RangeError);
  });

  it('reads back what it stamped (the projection reads slaDueTimesOf of the event data)', () => {
    const due = slaDueTimes(QUEUED, { slaSeconds: 60, resolutionSeconds: 3600, nextResponseSeconds: 300 });
    expect(slaDueTimesOf({ queueId: 'q', ...due })).toEqual(due);
    expect(slaDueTimesOf({ queueId: 'q' })).toEqual({ firstResponseDueAt: null, resolutionDueAt: null, nextResponseTargetSeconds: null });
  });
});
