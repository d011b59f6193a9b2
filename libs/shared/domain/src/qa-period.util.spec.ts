import { drawSeed, isLocalDate, lastEndedPeriod, periodAt, periodOfDate, periodOfKey, periodStartDate } from './qa-period.util';

describe('sampling periods in the client time zone', () => {
  it.each([
    ['day', '2026-12-02', '2026-12-02'],
    ['week', '2026-12-02', '2026-11-30'], // a Wednesday → its Monday
    ['week', '2026-11-30', '2026-11-30'], // a Monday is its own week's start
    ['week', '2026-12-06', '2026-11-30'], // Sunday closes the ISO week
    ['week', '2027-01-01', '2026-12-28'], // across the new year
    ['month', '2026-12-31', '2026-12-01'],
    ['month', '2024-02-29', '2024-02-01'],
  ] as const)('%s containing %s starts on %s', (kind, date, start) => {
    expect(periodStartDate(kind, date)).toBe(start);
  });

  it.each([
    ['day', '2026-12-02', 'UTC', '2026-12-02T00:00:00.000Z', '2026-12-03T00:00:00.000Z'],
    ['week', '2026-12-02', 'UTC', '2026-11-30T00:00:00.000Z', '2026-12-07T00:00:00.000Z'],
    ['month', '2026-12-15', 'UTC', '2026-12-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z'],
    // Manila is UTC+8 all year: its days start at 16:00 UTC the day before.
    ['day', '2026-12-02', 'Asia/Manila', '2026-12-01T16:00:00.000Z', '2026-12-02T16:00:00.000Z'],
    // London's week of the October clock change lasts 7 days and 1 hour.
    ['week', '2026-10-25', 'Europe/London', '2026-10-18T23:00:00.000Z', '2026-10-26T00:00:00.000Z'],
    ['month', '2026-03-10', 'America/New_York', '2026-03-01T05:00:00.000Z', '2026-04-01T04:00:00.000Z'],
  ] as const)('%s of %s in %s is [%s, %s)', (kind, date, zone, start, end) => {
    const period = periodOfDate(kind, date, zone);
    expect({ start: period.start, end: period.end }).toEqual({ start, end });
    expect(period.key).toBe(`${kind}:${period.startDate}`);
  });

  it.each([
    // 20:00 UTC on 2 Dec is already 3 Dec in Manila: the last ended day there is 2 Dec.
    ['day', '2026-12-02T20:00:00Z', 'Asia/Manila', 'day:2026-12-02'],
    ['day', '2026-12-02T20:00:00Z', 'UTC', 'day:2026-12-01'],
    ['week', '2026-12-02T20:00:00Z', 'UTC', 'week:2026-11-23'],
    ['month', '2026-01-10T00:00:00Z', 'UTC', 'month:2025-12-01'],
  ] as const)('the last %s ended by %s in %s is %s', (kind, now, zone, key) => {
    expect(lastEndedPeriod(kind, new Date(now), zone).key).toBe(key);
  });

  it('an instant belongs to the period that contains its local date', () => {
    expect(periodAt('week', new Date('2026-12-06T23:30:00Z'), 'UTC').key).toBe('week:2026-11-30');
    expect(periodAt('week', new Date('2026-12-06T23:30:00Z'), 'Asia/Manila').key).toBe('week:2026-12-07');
  });

  it.each([
    ['week:2026-11-30', 'week:2026-11-30'],
    ['week:2026-12-01', null], // not a Monday: no week starts there
    ['month:2026-12-01', 'month:2026-12-01'],
    ['month:2026-12-02', null],
    ['day:2026-02-30', null],
    ['year:2026-01-01', null],
    ['', null],
  ])('key %j names %j', (key, expected) => {
    expect(periodOfKey(key, 'UTC')?.key ?? null).toBe(expected);
  });

  it.each([
    ['2026-12-02', true],
    ['2026-02-29', false],
    ['2024-02-29', true],
    ['2026-1-02', false],
    ['2026-12-02T00:00', false],
    [20261202, false],
  ])('isLocalDate(%j) is %s', (value, expected) => {
    expect(isLocalDate(value)).toBe(expected);
  });

  it('the seed names the policy and the period', () => {
    expect(drawSeed('p-1', { key: 'week:2026-11-30' })).toBe('p-1/week:2026-11-30');
  });
});
