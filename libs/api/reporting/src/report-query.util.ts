import { CHANNELS, KPI_KEYS, REPORT_GROUP_BY, type Channel, type KpiKey, type ReportGroupBy } from '@switchboard/shared-contracts';
import { ReportingException } from './reporting.exception';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/;
/** The longest range a report covers (a year and a day), and the longest by 30-minute interval. */
export const MAX_RANGE_DAYS = 366;
export const MAX_INTERVAL_RANGE_DAYS = 31;

export interface ReportFilters {
  channel?: Channel;
  queueId?: string;
  language?: string;
}

export interface ParsedRange {
  from: string;
  to: string;
}

function realDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

function one(query: Record<string, unknown>, key: string): string | undefined {
  const value = query[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw ReportingException.filter(key, 'must be given once, as text');
  return value;
}

/** Unknown parameters are refused (a typo must not silently widen a report). */
export function onlyKnown(query: Record<string, unknown>, known: readonly string[]): void {
  for (const key of Object.keys(query)) if (!known.includes(key)) throw ReportingException.filter(key, 'is not a parameter of this report');
}

/** `from` / `to`: local dates YYYY-MM-DD, inclusive, from ≤ to, at most `maxDays` days. */
export function rangeOf(query: Record<string, unknown>, maxDays = MAX_RANGE_DAYS): ParsedRange {
  const from = query['from'];
  const to = query['to'];
  if (typeof from !== 'string' || !realDate(from)) throw ReportingException.range('from must be a date YYYY-MM-DD (the client’s local date).', 'from');
  if (typeof to !== 'string' || !realDate(to)) throw ReportingException.range('to must be a date YYYY-MM-DD (the client’s local date).', 'to');
  if (to < from) throw ReportingException.range('to must not be before from.', 'to');
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
  if (days > maxDays) throw ReportingException.range(`A report covers at most ${maxDays} days (this asks for ${days}).`, 'to');
  return { from, to };
}

export function groupByOf(query: Record<string, unknown>): ReportGroupBy {
  const value = query['groupBy'];
  if (value === undefined) return 'total';
  if (typeof value !== 'string' || !(REPORT_GROUP_BY as readonly string[]).includes(value)) throw ReportingException.groupBy(value);
  return value as ReportGroupBy;
}

export function filtersOf(query: Record<string, unknown>): ReportFilters {
  const filters: ReportFilters = {};
  const channel = one(query, 'channel');
  if (channel !== undefined) {
    if (!(CHANNELS as readonly string[]).includes(channel)) throw ReportingException.filter('channel', `must be one of ${CHANNELS.join(', ')}`);
    filters.channel = channel as Channel;
  }
  const queueId = one(query, 'queueId');
  if (queueId !== undefined) {
    if (!UUID.test(queueId)) throw ReportingException.filter('queueId', 'must be a queue id');
    filters.queueId = queueId.toLowerCase();
  }
  const language = one(query, 'language');
  if (language !== undefined) {
    if (!LANGUAGE.test(language)) throw ReportingException.filter('language', 'must be a language code such as en or pt-BR');
    filters.language = language;
  }
  return filters;
}

export function kpiOf(value: string): KpiKey {
  if (!(KPI_KEYS as readonly string[]).includes(value)) throw ReportingException.filter('kpi', `must be one of ${KPI_KEYS.join(', ')}`);
  return value as KpiKey;
}

export function monthOf(value: string): string {
  if (!MONTH.test(value)) throw ReportingException.month(value);
  return value;
}

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export const DAY_KEY = DATE;
export const INTERVAL_KEY = /^(\d{4}-\d{2}-\d{2})#(\d{1,2})$/;
