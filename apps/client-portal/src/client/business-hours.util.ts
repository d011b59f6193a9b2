import { WEEKDAYS, type BusinessCalendar, type TimeRange, type Weekday } from '@switchboard/shared-contracts';

export const WEEKDAY_NAMES: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

/** "08:00–20:00", or "22:00–06:00 (next day)" for a range that runs past midnight. */
export function formatRange(range: TimeRange): string {
  const overnight = range.end <= range.start;
  return `${range.start}–${range.end}${overnight ? ' (next day)' : ''}`;
}

export interface WeekRow {
  day: Weekday;
  name: string;
  hours: string;
  open: boolean;
}

/** The seven days in order with their opening hours, for display. */
export function weekRows(calendar: BusinessCalendar): WeekRow[] {
  return WEEKDAYS.map((day) => {
    const ranges = calendar.weekly[day] ?? [];
    return { day, name: WEEKDAY_NAMES[day], hours: ranges.length ? ranges.map(formatRange).join(', ') : 'Closed', open: ranges.length > 0 };
  });
}

/** Today's weekday and date (`YYYY-MM-DD`) in `timeZone`. */
export function todayIn(timeZone: string, now: number): { day: Weekday; date: string } | null {
  try {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', year: 'numeric', month: '2-digit', day: '2-digit' })
        .formatToParts(now)
        .map((part) => [part.type, part.value]),
    );
    return { day: parts['weekday'].toLowerCase().slice(0, 3) as Weekday, date: `${parts['year']}-${parts['month']}-${parts['day']}` };
  } catch {
    return null;
  }
}

/** The next few closed dates from today on, formatted like "Thu, 25 Dec 2025". */
export function upcomingHolidays(calendar: BusinessCalendar, today: string, limit = 6): { date: string; label: string }[] {
  return [...calendar.holidays]
    .filter((date) => date >= today)
    .sort()
    .slice(0, limit)
    .map((date) => ({
      date,
      label: new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
        new Date(`${date}T00:00:00Z`),
      ),
    }));
}
