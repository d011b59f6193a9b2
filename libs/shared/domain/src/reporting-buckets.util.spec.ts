import type { BusinessCalendar } from '@switchboard/shared-contracts';
import {
  addDays,
  businessSeconds,
  dayIntervals,
  groupByDimensions,
  localDate,
  localDayWindow,
  localMonthWindow,
  openHoursOnly,
  reportingInterval,
  startOfLocalDay,
  utcOffsetMinutes,
  wallTimeInstants,
} from './reporting-buckets.util';
import { isOpenAt } from './widget-availability.util';
import { makeFact } from './kpi.spec-fixtures';

const london = 'Europe/London';
const newYork = 'America/New_York';
const iso = (ms: number) => new Date(ms).toISOString();

describe('addDays', () => {
  it.each([
    ['2026-03-28', 1, '2026-03-29'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2028-02-28', 1, '2028-02-29'],
  ])('%s + %d = %s', (date, days, expected) => expect(addDays(date, days)).toBe(expected));
});

describe('utcOffsetMinutes', () => {
  it.each([
    [london, '2026-01-15T12:00:00Z', 0],
    [london, '2026-07-15T12:00:00Z', 60],
    [newYork, '2026-01-15T12:00:00Z', -300],
    [newYork, '2026-07-15T12:00:00Z', -240],
    ['Asia/Kolkata', '2026-07-15T12:00:00Z', 330],
    ['Asia/Kathmandu', '2026-07-15T12:00:00Z', 345],
  ])('%s at %s: %d', (zone, at, offset) => expect(utcOffsetMinutes(Date.parse(at), zone)).toBe(offset));
});

describe('wallTimeInstants', () => {
  it.each([
    // An ordinary London winter morning.
    ['2026-01-15', 9 * 60, london, ['2026-01-15T09:00:00.000Z']],
    // London falls back on 2026-10-25 at 02:00 BST → 01:00 GMT: 01:30 happens twice.
    ['2026-10-25', 90, london, ['2026-10-25T00:30:00.000Z', '2026-10-25T01:30:00.000Z']],
    // London springs forward on 2026-03-29 at 01:00 GMT → 02:00 BST: 01:30 never happens; the gap ends 01:00Z.
    ['2026-03-29', 90, london, ['2026-03-29T01:00:00.000Z']],
    // New York springs forward on 2026-03-08 at 02:00 EST → 03:00 EDT (07:00Z).
    ['2026-03-08', 150, newYork, ['2026-03-08T07:00:00.000Z']],
    ['2026-03-08', 180, newYork, ['2026-03-08T07:00:00.000Z']],
    // New York falls back on 2026-11-01 at 02:00 EDT → 01:00 EST: 01:15 at 05:15Z and 06:15Z.
    ['2026-11-01', 75, newYork, ['2026-11-01T05:15:00.000Z', '2026-11-01T06:15:00.000Z']],
  ])('%s minute %d in %s', (date, minute, zone, expected) => expect(wallTimeInstants(date, minute, zone).map(iso)).toEqual(expected));

  it('a midnight that does not exist: the day starts when the gap ends (Santiago, 2026-09-06 00:00 → 01:00)', () => {
    expect(localDate(iso(startOfLocalDay('2026-09-06', 'America/Santiago')), 'America/Santiago')).toBe('2026-09-06');
    expect(iso(startOfLocalDay('2026-09-06', 'America/Santiago'))).toBe('2026-09-06T04:00:00.000Z');
  });
});

describe('dayIntervals', () => {
  it.each([
    [london, '2026-01-15', 48, '2026-01-15T00:00:00.000Z', '2026-01-16T00:00:00.000Z'],
    [london, '2026-03-29', 46, '2026-03-29T00:00:00.000Z', '2026-03-29T23:00:00.000Z'],
    [london, '2026-10-25', 50, '2026-10-24T23:00:00.000Z', '2026-10-26T00:00:00.000Z'],
    [newYork, '2026-03-08', 46, '2026-03-08T05:00:00.000Z', '2026-03-09T04:00:00.000Z'],
    [newYork, '2026-11-01', 50, '2026-11-01T04:00:00.000Z', '2026-11-02T05:00:00.000Z'],
    ['Asia/Kolkata', '2026-07-15', 48, '2026-07-14T18:30:00.000Z', '2026-07-15T18:30:00.000Z'],
  ])('%s %s has %d intervals from %s to %s', (zone, date, count, start, end) => {
    const intervals = dayIntervals(date, zone);
    expect(intervals).toHaveLength(count);
    expect(intervals[0].start).toBe(start);
    expect(intervals[count - 1].end).toBe(end);
    // Contiguous and 30 minutes each.
    intervals.forEach((interval, i) => {
      expect(Date.parse(interval.end) - Date.parse(interval.start)).toBe(30 * 60_000);
      if (i > 0) expect(interval.start).toBe(intervals[i - 1].end);
      expect(interval.index).toBe(i);
    });
  });

  it('labels the repeated London hour by its offset', () => {
    const labels = dayIntervals('2026-10-25', london).map((i) => i.label);
    expect(labels.slice(0, 6)).toEqual(['00:00+01:00', '00:30+01:00', '01:00+01:00', '01:30+01:00', '01:00+00:00', '01:30+00:00']);
    expect(labels[49]).toBe('23:30+00:00');
  });

  it('skips the missing London hour', () => {
    const labels = dayIntervals('2026-03-29', london).map((i) => i.label);
    expect(labels.slice(0, 3)).toEqual(['00:00+00:00', '00:30+00:00', '02:00+01:00']);
    expect(labels).not.toContain('01:00+00:00');
  });
});

describe('reportingInterval', () => {
  it.each([
    ['2026-01-15T09:44:59Z', london, '2026-01-15', 19, '09:30+00:00'],
    ['2026-07-15T09:44:59Z', london, '2026-07-15', 21, '10:30+01:00'],
    // The two 01:10s of the London fall-back night land in different intervals.
    ['2026-10-25T00:10:00Z', london, '2026-10-25', 2, '01:00+01:00'],
    ['2026-10-25T01:10:00Z', london, '2026-10-25', 4, '01:00+00:00'],
    // After the spring-forward gap, 02:00 BST is interval 2.
    ['2026-03-29T01:00:00Z', london, '2026-03-29', 2, '02:00+01:00'],
    // 03:30 UTC is still the previous evening in New York.
    ['2026-01-16T03:30:00Z', newYork, '2026-01-15', 45, '22:30-05:00'],
  ])('%s in %s → %s #%d %s', (at, zone, date, index, label) => expect(reportingInterval(at, zone)).toMatchObject({ date, index, label }));
});

describe('local windows', () => {
  it('a day and a month in the client time zone', () => {
    expect(localDayWindow('2026-10-25', london)).toEqual({ from: '2026-10-24T23:00:00.000Z', to: '2026-10-26T00:00:00.000Z' });
    expect(localMonthWindow('2026-03', london)).toEqual({ from: '2026-03-01T00:00:00.000Z', to: '2026-03-31T23:00:00.000Z' });
    expect(localMonthWindow('2026-12', newYork)).toEqual({ from: '2026-12-01T05:00:00.000Z', to: '2027-01-01T05:00:00.000Z' });
  });
});

// Split shifts Mon–Fri 08:00–12:00 and 13:00–17:00, a late Saturday shift 22:00–02:00, holiday 2026-12-25 (Friday).
const calendar: BusinessCalendar = {
  weekly: {
    mon: [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '17:00' }],
    tue: [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '17:00' }],
    wed: [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '17:00' }],
    thu: [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '17:00' }],
    fri: [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '17:00' }],
    sat: [{ start: '22:00', end: '02:00' }],
  },
  holidays: ['2026-12-25'],
};

describe('openHoursOnly', () => {
  const open = openHoursOnly(calendar, london);
  it.each([
    ['Monday 09:00', '2026-12-21T09:00:00Z', true],
    ['Monday lunch 12:30', '2026-12-21T12:30:00Z', false],
    ['Monday 13:00', '2026-12-21T13:00:00Z', true],
    ['Christmas 09:00 (holiday)', '2026-12-25T09:00:00Z', false],
    ['Saturday 23:00', '2026-12-26T23:00:00Z', true],
    ['Sunday 01:30 (Saturday shift past midnight)', '2026-12-27T01:30:00Z', true],
    ['Monday 09:00 BST is 08:00Z in summer', '2026-07-06T08:00:00Z', true],
    ['Monday 07:30Z in summer is 08:30 BST', '2026-07-06T07:30:00Z', true],
    ['Monday 07:30Z in winter is 07:30 GMT', '2026-12-21T07:30:00Z', false],
  ])('%s → %s', (_why, at, expected) => expect(open(Date.parse(at))).toBe(expected));
});

describe('businessSeconds', () => {
  const elapsed = businessSeconds(calendar, london);
  const hours = (from: string, to: string) => elapsed(Date.parse(from), Date.parse(to)) / 3600;
  it.each([
    ['inside one shift', '2026-12-21T09:00:00Z', '2026-12-21T10:30:00Z', 1.5],
    ['across the lunch break', '2026-12-21T11:00:00Z', '2026-12-21T14:00:00Z', 2],
    ['Monday 16:00 → Tuesday 09:00 (overnight closed)', '2026-12-21T16:00:00Z', '2026-12-22T09:00:00Z', 2],
    // Thu 16:00 → Mon 09:00 over Christmas: Thu 1 h, Fri holiday, Sat 22–24 2 h, Sun 00–02 2 h, Mon 1 h.
    ['Thursday to Monday over the holiday and the late shift', '2026-12-24T16:00:00Z', '2026-12-28T09:00:00Z', 6],
    ['a span entirely closed', '2026-12-25T08:00:00Z', '2026-12-25T17:00:00Z', 0],
    ['end before start', '2026-12-21T10:00:00Z', '2026-12-21T09:00:00Z', 0],
    // London springs forward Sun 2026-03-29 at 01:00Z: the Sat 22:00 GMT → Sun 02:00 BST shift lasts 3 h.
    ['the late shift on the spring-forward night', '2026-03-28T20:00:00Z', '2026-03-29T06:00:00Z', 3],
    // Falls back Sun 2026-10-25: Sat 22:00 BST (21:00Z) → Sun 02:00 GMT (02:00Z) lasts 5 h.
    ['the late shift on the fall-back night', '2026-10-24T20:00:00Z', '2026-10-25T06:00:00Z', 5],
  ])('%s: %d h', (_why, from, to, expected) => expect(hours(from, to)).toBeCloseTo(expected, 9));

  it('counts seconds, not just minutes', () => {
    expect(elapsed(Date.parse('2026-12-21T11:59:30Z'), Date.parse('2026-12-21T13:00:45Z'))).toBe(75);
  });
});

describe('the calendar index agrees with isOpenAt minute by minute', () => {
  // New York falls back on Sun 2026-11-01; Manila has no DST and is 13 h ahead: both cross UTC midnight
  // in the middle of a local day, and the Saturday shift runs past local midnight.
  it.each(['America/New_York', 'Asia/Manila', 'Europe/London'])('%s, 10 days around a DST change', (zone) => {
    const open = openHoursOnly(calendar, zone);
    const elapsed = businessSeconds(calendar, zone);
    const from = Date.parse('2026-10-27T00:00:00Z');
    const to = from + 10 * 86_400_000;
    // Every 7 minutes (offset by 13 s, so not only whole minutes), the state as isOpenAt gives it.
    for (let at = from + 13_000; at < to; at += 7 * 60_000) {
      expect([new Date(at).toISOString(), open(at)]).toEqual([new Date(at).toISOString(), isOpenAt(calendar, zone, new Date(at))]);
    }
    // The open seconds of the span, counted minute by minute (the state only changes at whole minutes).
    let openSeconds = 0;
    for (let at = from; at < to; at += 60_000) if (isOpenAt(calendar, zone, new Date(at))) openSeconds += 60;
    expect(openSeconds).toBeGreaterThan(0);
    expect(elapsed(from, to)).toBe(openSeconds);
  });
});

describe('groupByDimensions', () => {
  it('groups by channel and language in first-seen order', () => {
    const facts = [
      makeFact({ ticketId: 'a', channel: 'chat', language: 'en' }),
      makeFact({ ticketId: 'b', channel: 'voice', language: 'en' }),
      makeFact({ ticketId: 'c', channel: 'chat', language: 'en' }),
      makeFact({ ticketId: 'd', channel: 'chat', language: null }),
    ];
    expect(groupByDimensions(facts, ['channel', 'language']).map((g) => [g.key, g.facts.map((f) => f.ticketId)])).toEqual([
      [{ channel: 'chat', language: 'en' }, ['a', 'c']],
      [{ channel: 'voice', language: 'en' }, ['b']],
      [{ channel: 'chat', language: null }, ['d']],
    ]);
    expect(groupByDimensions(facts, [])).toHaveLength(1);
  });
});
