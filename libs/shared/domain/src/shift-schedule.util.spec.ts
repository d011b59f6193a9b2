import { isWithinSchedule, localTime, scheduleProblems, type WeeklySchedule } from './shift-schedule.util';

const dayShift: WeeklySchedule = { mon: [{ start: '09:00', end: '17:00' }] };
const splitShift: WeeklySchedule = { tue: [{ start: '08:00', end: '12:00' }, { start: '14:00', end: '18:00' }] };
const nightShift: WeeklySchedule = { mon: [{ start: '22:00', end: '06:00' }] };

describe('isWithinSchedule', () => {
  it.each([
    // [schedule, time zone, instant (UTC), expected, why]
    [dayShift, 'Asia/Manila', '2026-11-23T01:00:00Z', true, 'Mon 09:00 Manila is the first minute'],
    [dayShift, 'Asia/Manila', '2026-11-23T00:59:00Z', false, 'Mon 08:59 Manila is before the shift'],
    [dayShift, 'Asia/Manila', '2026-11-23T09:00:00Z', false, 'Mon 17:00 Manila: the end is exclusive'],
    [dayShift, 'America/Bogota', '2026-11-23T14:00:00Z', true, 'Mon 09:00 Bogotá (UTC−5)'],
    [dayShift, 'America/Bogota', '2026-11-23T01:00:00Z', false, 'that instant is Sunday evening in Bogotá'],
    [splitShift, 'Europe/London', '2026-11-24T13:00:00Z', false, 'the gap of a split shift'],
    [splitShift, 'Europe/London', '2026-11-24T15:30:00Z', true, 'the second half of a split shift'],
    [nightShift, 'Asia/Manila', '2026-11-23T14:30:00Z', true, 'Mon 22:30 Manila'],
    [nightShift, 'Asia/Manila', '2026-11-23T21:59:00Z', true, 'Tue 05:59 Manila, carried over from Monday'],
    [nightShift, 'Asia/Manila', '2026-11-23T22:00:00Z', false, 'Tue 06:00 Manila: over'],
    [nightShift, 'Asia/Manila', '2026-11-23T12:00:00Z', false, 'Mon 20:00 Manila: not yet'],
    [{}, 'UTC', '2026-11-23T12:00:00Z', false, 'an empty schedule is never on shift'],
  ])('%#: %s', (schedule, tz, iso, expected) => {
    expect(isWithinSchedule(schedule as WeeklySchedule, tz, new Date(iso))).toBe(expected);
  });

  it('follows daylight saving: 09:00 New York is 14:00 UTC in winter and 13:00 UTC in summer', () => {
    const mondays: WeeklySchedule = { mon: [{ start: '09:00', end: '09:30' }] };
    expect(isWithinSchedule(mondays, 'America/New_York', new Date('2026-11-23T14:00:00Z'))).toBe(true);
    expect(isWithinSchedule(mondays, 'America/New_York', new Date('2026-07-06T13:00:00Z'))).toBe(true);
    expect(isWithinSchedule(mondays, 'America/New_York', new Date('2026-07-06T14:00:00Z'))).toBe(false);
  });
});

describe('localTime', () => {
  it('reads weekday, minute and date in the zone', () => {
    expect(localTime(new Date('2026-11-23T23:30:00Z'), 'Asia/Manila')).toEqual({ weekday: 'tue', minute: 450, date: '2026-11-24' });
  });
});

describe('scheduleProblems', () => {
  it('accepts a valid schedule', () => {
    expect(scheduleProblems({ mon: [{ start: '09:00', end: '17:00' }], sun: [] })).toEqual([]);
  });
  it.each([
    [{ funday: [] }, 'funday: not a weekday'],
    [{ mon: 'nine to five' }, 'mon: must be a list'],
    [{ mon: [{ start: '9:00', end: '17:00' }] }, 'mon[0]: start and end must be HH:MM'],
    [{ tue: [{ start: '24:00', end: '01:00' }] }, 'tue[0]: start and end must be HH:MM'],
    [{ wed: [{ start: '10:00', end: '10:00' }] }, 'wed[0]: start and end are equal'],
  ])('reports %j', (schedule, message) => {
    expect(scheduleProblems(schedule as Record<string, unknown>)[0]).toContain(message);
  });
});
