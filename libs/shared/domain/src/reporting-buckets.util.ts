import type { BusinessCalendar, KpiReport, ReportingDimension, ReportingInterval, TicketFact } from '@switchboard/shared-contracts';
import { kpiReport, type ElapsedSeconds, type KpiOptions, type KpiScope } from './kpi.util';
import { localTime, minutesOfDay } from './shift-schedule.util';
import { isOpenAt } from './widget-availability.util';

/**
 * Reporting buckets in the client's IANA time zone (Intl only, no date library): local days, 30-minute
 * intervals (a day is its elapsed time from its first instant, so DST days have 46 or 50 intervals), and
 * the business calendar (open hours, split shifts, holidays) as a filter and as business-time durations.
 */

const MINUTE_MS = 60_000;
const INTERVAL_MS = 30 * MINUTE_MS;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function utcOfDate(date: string): number {
  const match = DATE.exec(date);
  if (!match) throw new RangeError(`Not a date (YYYY-MM-DD): ${date}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

/** The calendar date `days` after `date` (YYYY-MM-DD). */
export function addDays(date: string, days: number): string {
  return new Date(utcOfDate(date) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Local wall time of an instant as a sortable number of minutes (date × 1440 + minute of day). */
function wallMinutes(instantMs: number, timeZone: string): number {
  const local = localTime(new Date(instantMs), timeZone);
  return utcOfDate(local.date) / MINUTE_MS + local.minute;
}

/** The zone's UTC offset at an instant, minutes (London summer: +60). */
export function utcOffsetMinutes(instantMs: number, timeZone: string): number {
  const minute = Math.floor(instantMs / MINUTE_MS);
  return wallMinutes(minute * MINUTE_MS, timeZone) - minute;
}

/**
 * The instants whose local wall time is `date` `minute` (minutes since midnight): one normally, two in a
 * fall-back hour (earliest first), and — for a time skipped by a spring-forward gap — the instant the gap
 * ends (the first instant at or after that wall time).
 */
export function wallTimeInstants(date: string, minute: number, timeZone: string): number[] {
  const wall = utcOfDate(date) / MINUTE_MS + minute;
  const before = utcOffsetMinutes((wall - 12 * 60) * MINUTE_MS, timeZone);
  const after = utcOffsetMinutes((wall + 12 * 60) * MINUTE_MS, timeZone);
  const candidates = [...new Set([wall - before, wall - after])].sort((a, b) => a - b);
  const exact = candidates.filter((m) => wallMinutes(m * MINUTE_MS, timeZone) === wall);
  if (exact.length > 0) return exact.map((m) => m * MINUTE_MS);
  // A gap: the first minute between the candidates whose wall time has passed `wall`.
  let low = candidates[0];
  let high = candidates[candidates.length - 1];
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (wallMinutes(mid * MINUTE_MS, timeZone) >= wall) high = mid;
    else low = mid;
  }
  return [high * MINUTE_MS];
}

/** Local midnights already found, per zone and date (a few Intl calls each; every event projected asks for two). */
const dayStarts = new Map<string, number>();
const DAY_STARTS_KEPT = 4_096;

/** The first instant of a local date (its midnight, or the end of a gap at midnight). */
export function startOfLocalDay(date: string, timeZone: string): number {
  const key = `${timeZone} ${date}`;
  const known = dayStarts.get(key);
  if (known !== undefined) return known;
  const start = wallTimeInstants(date, 0, timeZone)[0];
  if (dayStarts.size >= DAY_STARTS_KEPT) dayStarts.clear();
  dayStarts.set(key, start);
  return start;
}

/** A local date as a UTC window [from, to). */
export function localDayWindow(date: string, timeZone: string): { from: string; to: string } {
  return { from: new Date(startOfLocalDay(date, timeZone)).toISOString(), to: new Date(startOfLocalDay(addDays(date, 1), timeZone)).toISOString() };
}

/** A local month `YYYY-MM` as a UTC window [from, to). */
export function localMonthWindow(month: string, timeZone: string): { from: string; to: string } {
  const first = `${month}-01`;
  const [year, mon] = month.split('-').map(Number);
  const next = mon === 12 ? `${year + 1}-01-01` : `${year}-${String(mon + 1).padStart(2, '0')}-01`;
  return { from: new Date(startOfLocalDay(first, timeZone)).toISOString(), to: new Date(startOfLocalDay(next, timeZone)).toISOString() };
}

function offsetLabel(offset: number): string {
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

function intervalAt(date: string, dayStart: number, dayEnd: number, index: number, timeZone: string): ReportingInterval {
  const start = dayStart + index * INTERVAL_MS;
  const end = Math.min(start + INTERVAL_MS, dayEnd);
  const local = localTime(new Date(start), timeZone);
  const hhmm = `${String(Math.floor(local.minute / 60)).padStart(2, '0')}:${String(local.minute % 60).padStart(2, '0')}`;
  return { date, index, label: `${hhmm}${offsetLabel(utcOffsetMinutes(start, timeZone))}`, start: new Date(start).toISOString(), end: new Date(end).toISOString() };
}

/** Every 30-minute interval of a local date: 48 normally, 46 on a spring-forward day, 50 on a fall-back day. */
export function dayIntervals(date: string, timeZone: string): ReportingInterval[] {
  const dayStart = startOfLocalDay(date, timeZone);
  const dayEnd = startOfLocalDay(addDays(date, 1), timeZone);
  const count = Math.ceil((dayEnd - dayStart) / INTERVAL_MS);
  return Array.from({ length: count }, (_, index) => intervalAt(date, dayStart, dayEnd, index, timeZone));
}

/** The local date and 30-minute interval an instant falls in. */
export function reportingInterval(instant: string | Date, timeZone: string): ReportingInterval {
  const at = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  const date = localTime(new Date(at), timeZone).date;
  const dayStart = startOfLocalDay(date, timeZone);
  const dayEnd = startOfLocalDay(addDays(date, 1), timeZone);
  return intervalAt(date, dayStart, dayEnd, Math.floor((at - dayStart) / INTERVAL_MS), timeZone);
}

/** The local date of an instant (YYYY-MM-DD). */
export function localDate(instant: string | Date, timeZone: string): string {
  return localTime(typeof instant === 'string' ? new Date(instant) : instant, timeZone).date;
}

// ─── Business calendar ─────────────────────────────────────────────────────────────────────────────

/** A `counts` predicate for KPI scopes: the instant is inside open hours and not on a holiday (client time zone). */
export function openHoursOnly(calendar: BusinessCalendar, timeZone: string): (instantMs: number) => boolean {
  return calendarIndex(calendar, timeZone).openAt;
}

const WEEKDAY_OF_UTC_DAY = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const DAY_MS = 86_400_000;

/**
 * Business-time durations: only the seconds in which the calendar is open count (`isOpenAt` exactly:
 * split shifts, shifts past midnight, holidays by local date, DST).
 */
export function businessSeconds(calendar: BusinessCalendar, timeZone: string): ElapsedSeconds {
  return calendarIndex(calendar, timeZone).openSeconds;
}

/**
 * A calendar's open state, worked out once per UTC day and then looked up. The state changes only at
 * local midnights and at the calendar's HH:MM range ends, so each UTC day is cut at those instants
 * (of the local dates it overlaps) and `isOpenAt` is asked once per piece; a report asks about the same
 * days thousands of times.
 */
function calendarIndex(calendar: BusinessCalendar, timeZone: string): { openAt: (instantMs: number) => boolean; openSeconds: ElapsedSeconds } {
  const days = new Map<number, { at: number[]; open: boolean[] }>();
  const cutsOfDate = new Map<string, number[]>();
  const dateCuts = (date: string): number[] => {
    let instants = cutsOfDate.get(date);
    if (!instants) {
      // This day's ranges, and the previous day's (a range past midnight ends today).
      const day = new Date(utcOfDate(date)).getUTCDay();
      const ranges = [...(calendar.weekly[WEEKDAY_OF_UTC_DAY[day]] ?? []), ...(calendar.weekly[WEEKDAY_OF_UTC_DAY[(day + 6) % 7]] ?? [])];
      const minutes = [0, ...ranges.flatMap((range) => [minutesOfDay(range.start), minutesOfDay(range.end)])];
      instants = [...new Set(minutes)].flatMap((minute) => wallTimeInstants(date, minute, timeZone));
      cutsOfDate.set(date, instants);
    }
    return instants;
  };
  const dayOf = (day: number) => {
    let pieces = days.get(day);
    if (!pieces) {
      const start = day * DAY_MS;
      const end = start + DAY_MS;
      const cuts = new Set<number>([start]);
      const first = localTime(new Date(start), timeZone).date;
      for (let date = addDays(first, -1), last = addDays(first, 2); date <= last; date = addDays(date, 1)) {
        for (const at of dateCuts(date)) if (at > start && at < end) cuts.add(at);
      }
      const at = [...cuts].sort((x, y) => x - y);
      pieces = { at, open: at.map((instant) => isOpenAt(calendar, timeZone, new Date(instant))) };
      days.set(day, pieces);
    }
    return pieces;
  };
  const openAt = (instantMs: number): boolean => {
    const { at, open } = dayOf(Math.floor(instantMs / DAY_MS));
    let lo = 0;
    let hi = at.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (at[mid] <= instantMs) lo = mid;
      else hi = mid - 1;
    }
    return open[lo];
  };
  const openSeconds: ElapsedSeconds = (startMs, endMs) => {
    if (endMs <= startMs) return 0;
    let open = 0;
    for (let day = Math.floor(startMs / DAY_MS); day * DAY_MS < endMs; day++) {
      const pieces = dayOf(day);
      for (let i = 0; i < pieces.at.length; i++) {
        if (!pieces.open[i]) continue;
        const from = Math.max(pieces.at[i], startMs);
        const to = Math.min(i + 1 < pieces.at.length ? pieces.at[i + 1] : (day + 1) * DAY_MS, endMs);
        if (to > from) open += to - from;
      }
    }
    return open / 1000;
  };
  return { openAt, openSeconds };
}

// ─── KPI tables ────────────────────────────────────────────────────────────────────────────────────

function dimensionValue(fact: TicketFact, dimension: ReportingDimension): string | null {
  if (dimension === 'channel') return fact.channel;
  if (dimension === 'queue') return fact.queueId;
  return fact.language;
}

/** Facts grouped by the values of the chosen dimensions (channel, queue, language), in first-seen order. */
export function groupByDimensions(facts: readonly TicketFact[], dimensions: readonly ReportingDimension[]): { key: Partial<Record<ReportingDimension, string | null>>; facts: TicketFact[] }[] {
  const groups = new Map<string, { key: Partial<Record<ReportingDimension, string | null>>; facts: TicketFact[] }>();
  for (const fact of facts) {
    const key = Object.fromEntries(dimensions.map((d) => [d, dimensionValue(fact, d)])) as Partial<Record<ReportingDimension, string | null>>;
    const id = JSON.stringify(dimensions.map((d) => key[d]));
    const group = groups.get(id) ?? { key, facts: [] };
    group.facts.push(fact);
    groups.set(id, group);
  }
  return [...groups.values()];
}

export interface KpiTableRequest {
  timeZone: string;
  /** First and last local dates, inclusive. */
  fromDate: string;
  toDate: string;
  grain: 'day' | 'interval';
  dimensions: readonly ReportingDimension[];
  /** When set (the contract measures in business hours), anchors outside open hours do not count and durations are business time. */
  calendar?: BusinessCalendar;
}

export interface KpiTableRow {
  date: string;
  interval: ReportingInterval | null;
  key: Partial<Record<ReportingDimension, string | null>>;
  report: KpiReport;
}

/** KPIs by local day or 30-minute interval and by dimension: one row per bucket and dimension group. */
export function kpiTable(facts: readonly TicketFact[], options: KpiOptions, request: KpiTableRequest): KpiTableRow[] {
  const { timeZone, calendar } = request;
  const effective: KpiOptions = calendar ? { ...options, elapsed: options.elapsed ?? businessSeconds(calendar, timeZone) } : options;
  const counts = calendar ? openHoursOnly(calendar, timeZone) : undefined;
  const groups = request.dimensions.length === 0 ? [{ key: {}, facts: [...facts] }] : groupByDimensions(facts, request.dimensions);
  const rows: KpiTableRow[] = [];
  for (let date = request.fromDate; date <= request.toDate; date = addDays(date, 1)) {
    const windows: { interval: ReportingInterval | null; from: string; to: string }[] =
      request.grain === 'day' ? [{ interval: null, ...localDayWindow(date, timeZone) }] : dayIntervals(date, timeZone).map((interval) => ({ interval, from: interval.start, to: interval.end }));
    for (const window of windows) {
      const scope: KpiScope = { from: window.from, to: window.to, counts };
      for (const group of groups) rows.push({ date, interval: window.interval, key: group.key, report: kpiReport(group.facts, effective, scope, facts) });
    }
  }
  return rows;
}
