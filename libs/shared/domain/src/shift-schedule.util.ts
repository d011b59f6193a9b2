import type { TimeRange, Weekday } from '@switchboard/shared-contracts';
import { WEEKDAYS } from '@switchboard/shared-contracts';

/** Weekly working hours in one time zone; a range whose end is not after its start runs past midnight. */
export type WeeklySchedule = Partial<Record<Weekday, TimeRange[]>>;

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isValidTimeOfDay(value: string): boolean {
  return HH_MM.test(value);
}

export function minutesOfDay(value: string): number {
  const match = HH_MM.exec(value);
  if (!match) throw new RangeError(`Not a time of day (HH:MM): ${value}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

export interface LocalTime {
  weekday: Weekday;
  /** Minutes since local midnight. */
  minute: number;
  /** Local calendar date, `YYYY-MM-DD`. */
  date: string;
}

const formatterCache = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatterCache.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatterCache.set(timeZone, formatter);
  }
  return formatter;
}

/** The last answer per time zone: every offset is a whole number of minutes, so one UTC minute has one local time. */
const lastLocalTime = new Map<string, { utcMinute: number; local: LocalTime }>();

/** The wall-clock weekday, minute and date of an instant in a time zone (DST-correct via Intl). */
export function localTime(instant: Date, timeZone: string): LocalTime {
  const utcMinute = Math.floor(instant.getTime() / 60_000);
  const last = lastLocalTime.get(timeZone);
  if (last?.utcMinute === utcMinute) return { ...last.local };
  const local = readLocalTime(instant, timeZone);
  lastLocalTime.set(timeZone, { utcMinute, local });
  return { ...local };
}

function readLocalTime(instant: Date, timeZone: string): LocalTime {
  const parts = Object.fromEntries(formatterFor(timeZone).formatToParts(instant).map((p) => [p.type, p.value]));
  const weekday = String(parts['weekday']).slice(0, 3).toLowerCase() as Weekday;
  return {
    weekday,
    minute: Number(parts['hour']) * 60 + Number(parts['minute']),
    date: `${parts['year']}-${parts['month']}-${parts['day']}`,
  };
}

function previousWeekday(day: Weekday): Weekday {
  const index = WEEKDAYS.indexOf(day);
  return WEEKDAYS[(index + WEEKDAYS.length - 1) % WEEKDAYS.length];
}

/**
 * True when `instant` falls inside the schedule, read in `timeZone`. Start is inclusive, end exclusive.
 * A range such as 22:00–06:00 on Monday covers Monday 22:00 up to Tuesday 06:00.
 */
export function isWithinSchedule(schedule: WeeklySchedule, timeZone: string, instant: Date): boolean {
  const { weekday, minute } = localTime(instant, timeZone);
  for (const range of schedule[weekday] ?? []) {
    const start = minutesOfDay(range.start);
    const end = minutesOfDay(range.end);
    if (end > start ? minute >= start && minute < end : minute >= start) return true;
  }
  for (const range of schedule[previousWeekday(weekday)] ?? []) {
    const start = minutesOfDay(range.start);
    const end = minutesOfDay(range.end);
    if (end <= start && minute < end) return true;
  }
  return false;
}

/** Problems with a schedule, one message per bad entry; empty when valid. */
export function scheduleProblems(schedule: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const [day, ranges] of Object.entries(schedule)) {
    if (!(WEEKDAYS as readonly string[]).includes(day)) {
      problems.push(`${day}: not a weekday (use ${WEEKDAYS.join(', ')})`);
      continue;
    }
    if (!Array.isArray(ranges)) {
      problems.push(`${day}: must be a list of {start, end} ranges`);
      continue;
    }
    ranges.forEach((range: Partial<TimeRange>, i) => {
      if (!range || !isValidTimeOfDay(String(range.start)) || !isValidTimeOfDay(String(range.end))) {
        problems.push(`${day}[${i}]: start and end must be HH:MM (24-hour)`);
      } else if (range.start === range.end) {
        problems.push(`${day}[${i}]: start and end are equal`);
      }
    });
  }
  return problems;
}
