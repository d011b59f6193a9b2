import { addDays } from '@switchboard/shared-domain';

/** Report date ranges: local dates `YYYY-MM-DD` (inclusive) in the client's time zone. */
export interface DateRange {
  from: string;
  to: string;
}

export const RANGE_PRESETS = ['today', 'last_7_days', 'this_month', 'last_month', 'last_30_days'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

export const RANGE_PRESET_LABELS: Record<RangePreset, string> = {
  today: 'Today',
  last_7_days: 'Last 7 days',
  this_month: 'This month',
  last_month: 'Last month',
  last_30_days: 'Last 30 days',
};

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export function isLocalDate(value: unknown): value is string {
  if (typeof value !== 'string' || !DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** `YYYY-MM` of a local date. */
export const monthOf = (date: string): string => date.slice(0, 7);

/** The last day of a `YYYY-MM` month. */
export function lastDayOfMonth(month: string): string {
  const [year, mon] = month.split('-').map(Number);
  const last = new Date(Date.UTC(year, mon, 0));
  return last.toISOString().slice(0, 10);
}

/** `YYYY-MM` minus one month. */
export function previousMonth(month: string): string {
  const [year, mon] = month.split('-').map(Number);
  return mon === 1 ? `${year - 1}-12` : `${year}-${String(mon - 1).padStart(2, '0')}`;
}

/** A preset as dates, given the client's local date today. */
export function presetRange(preset: RangePreset, today: string): DateRange {
  switch (preset) {
    case 'today':
      return { from: today, to: today };
    case 'last_7_days':
      return { from: addDays(today, -6), to: today };
    case 'last_30_days':
      return { from: addDays(today, -29), to: today };
    case 'this_month':
      return { from: `${monthOf(today)}-01`, to: today };
    case 'last_month': {
      const month = previousMonth(monthOf(today));
      return { from: `${month}-01`, to: lastDayOfMonth(month) };
    }
  }
}

/** The preset a range is, if any (so the picker can show "This month" rather than two dates). */
export function presetOf(range: DateRange, today: string): RangePreset | null {
  return RANGE_PRESETS.find((preset) => {
    const candidate = presetRange(preset, today);
    return candidate.from === range.from && candidate.to === range.to;
  }) ?? null;
}

/** Every local date of a range, in order (at most `limit`). */
export function datesOf(range: DateRange, limit = 400): string[] {
  const dates: string[] = [];
  for (let date = range.from; date <= range.to && dates.length < limit; date = addDays(date, 1)) dates.push(date);
  return dates;
}

/** "Mon 3 Nov" for a local date (no time-zone shift: the date is already local). */
export function shortDateLabel(date: string): string {
  return new Date(`${date}T12:00:00Z`).toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
}

/** "3 Nov 2026 – 30 Nov 2026" (or one date). */
export function rangeLabel(range: DateRange): string {
  const long = (date: string) => new Date(`${date}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  return range.from === range.to ? long(range.from) : `${long(range.from)} – ${long(range.to)}`;
}

/** "November 2026". */
export function monthLabel(month: string): string {
  return new Date(`${month}-15T12:00:00Z`).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
}
