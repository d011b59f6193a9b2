import { WEEKDAYS, type TimeRange, type Weekday } from '@switchboard/shared-contracts';

export type WeeklyHours = Partial<Record<Weekday, TimeRange[]>>;
/** One text per weekday, as an admin types it: `09:00-17:00, 18:00-22:00` (blank: closed / off). */
export type WeeklyHoursText = Record<Weekday, string>;

export const WEEKDAY_LABELS: Record<Weekday, string> = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' };

export function hoursText(hours: WeeklyHours): WeeklyHoursText {
  return Object.fromEntries(WEEKDAYS.map((day) => [day, (hours[day] ?? []).map((r) => `${r.start}-${r.end}`).join(', ')])) as WeeklyHoursText;
}

/**
 * The typed texts as weekly hours. A range the admin mistyped is kept as it was typed (start only),
 * so the API refuses it on its own field (`shiftSchedule.mon.0`) instead of the form dropping it.
 */
export function hoursOf(text: WeeklyHoursText): WeeklyHours {
  const hours: WeeklyHours = {};
  for (const day of WEEKDAYS) {
    const ranges = text[day]
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => {
        const [start = '', end = ''] = part.split(/\s*[-–]\s*/);
        return { start, end };
      });
    if (ranges.length) hours[day] = ranges;
  }
  return hours;
}

/** `a, b ,, c` → `['a', 'b', 'c']`. */
export function listOf(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((part) => part.trim())
    .filter(Boolean);
}
