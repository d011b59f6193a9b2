import type { SamplingPeriod, SamplingPeriodKind } from '@switchboard/shared-contracts';
import { addDays, localDate, startOfLocalDay } from './reporting-buckets.util';

/**
 * Sampling periods in the client's time zone: a local day, an ISO week (Monday to Sunday) or a
 * calendar month, each [start, end) as instants. A period is named by its kind and its first local
 * date (`week:2026-11-30`), which is what a policy's durable draw job is keyed on: one scheduled draw
 * per policy and period.
 */

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Is `date` a real calendar date written YYYY-MM-DD? */
export function isLocalDate(date: unknown): date is string {
  if (typeof date !== 'string' || !DATE.test(date)) return false;
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date;
}

/** The first local date of the period that contains local date `date`. */
export function periodStartDate(kind: SamplingPeriodKind, date: string): string {
  if (!isLocalDate(date)) throw new RangeError(`Not a date (YYYY-MM-DD): ${date}`);
  if (kind === 'day') return date;
  if (kind === 'month') return `${date.slice(0, 8)}01`;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(date, -((weekday + 6) % 7));
}

/** The first local date of the period after the one starting at `startDate`. */
function nextStartDate(kind: SamplingPeriodKind, startDate: string): string {
  if (kind === 'day') return addDays(startDate, 1);
  if (kind === 'week') return addDays(startDate, 7);
  const [year, month] = startDate.split('-').map(Number);
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
}

/** The period of kind `kind` that contains local date `date` in `timeZone`. */
export function periodOfDate(kind: SamplingPeriodKind, date: string, timeZone: string): SamplingPeriod {
  const startDate = periodStartDate(kind, date);
  return {
    kind,
    key: `${kind}:${startDate}`,
    startDate,
    start: new Date(startOfLocalDay(startDate, timeZone)).toISOString(),
    end: new Date(startOfLocalDay(nextStartDate(kind, startDate), timeZone)).toISOString(),
  };
}

/** The period that contains `instant`. */
export function periodAt(kind: SamplingPeriodKind, instant: Date, timeZone: string): SamplingPeriod {
  return periodOfDate(kind, localDate(instant, timeZone), timeZone);
}

/** The latest period that has ended by `now` (the one before the current one): what the schedule draws. */
export function lastEndedPeriod(kind: SamplingPeriodKind, now: Date, timeZone: string): SamplingPeriod {
  const current = periodAt(kind, now, timeZone);
  return periodOfDate(kind, addDays(current.startDate, -1), timeZone);
}

/** The period a key names (`week:2026-11-30`), or null when the key is not one. */
export function periodOfKey(key: string, timeZone: string): SamplingPeriod | null {
  const match = /^(day|week|month):(\d{4}-\d{2}-\d{2})$/.exec(key);
  if (!match || !isLocalDate(match[2])) return null;
  const period = periodOfDate(match[1] as SamplingPeriodKind, match[2], timeZone);
  return period.startDate === match[2] ? period : null;
}

/** The seed of a policy's draw for a period: stored with the draw, so it can be replayed. */
export function drawSeed(policyId: string, period: Pick<SamplingPeriod, 'key'>): string {
  return `${policyId}/${period.key}`;
}
