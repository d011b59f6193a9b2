import { CHANNELS, type ExcludedContacts, type FieldError, type ForecastInterval, type ForecastUpload, type OutageInput, type ServiceLevelTerm, type TicketFact } from '@switchboard/shared-contracts';
import type { Parsed } from './queue-config.util';

/**
 * Contract exclusions (KPIS.md): what a term leaves out of its measurement, and why.
 * - `client_caused_outage`: contacts that reached a queue inside a declared outage [startsAt, endsAt).
 * - `volume_above_forecast` (bandPercent): every contact of a 30-minute UTC interval whose offered volume
 *   (the term's contacts that reached a queue in it) is above forecast × (1 + band / 100). Intervals
 *   without a forecast are never excluded. A term on one channel reads that channel's forecast; a term on
 *   every channel the all-channel forecast, else the sum of the channels' forecasts of that interval.
 * Offered volume counts every contact of the term, outage or not: the band is about how many came.
 */

export const FORECAST_INTERVAL_MS = 30 * 60_000;
export const MAX_OUTAGE_MS = 7 * 86_400_000;
export const MAX_FORECAST_INTERVALS = 5_000;

export interface ExclusionEvidence {
  outages: readonly Pick<OutageInput, 'startsAt' | 'endsAt'>[];
  forecasts: readonly ForecastInterval[];
}

export const NO_EXCLUSION_EVIDENCE: ExclusionEvidence = { outages: [], forecasts: [] };

export interface TermPopulation {
  kept: TicketFact[];
  excluded: ExcludedContacts[];
}

const arrivalMs = (fact: TicketFact): number | null => (fact.queuedAt ? Date.parse(fact.queuedAt) : null);
const intervalOf = (atMs: number): number => Math.floor(atMs / FORECAST_INTERVAL_MS) * FORECAST_INTERVAL_MS;

/** The term's facts (already narrowed to its channel / queue) less what its exclusions leave out. */
export function applyExclusions(term: Pick<ServiceLevelTerm, 'exclusions' | 'channel'>, facts: readonly TicketFact[], evidence: ExclusionEvidence): TermPopulation {
  let kept = [...facts];
  const excluded: ExcludedContacts[] = [];
  const seen = new Set<string>();
  for (const exclusion of term.exclusions) {
    if (seen.has(exclusion.kind)) continue;
    seen.add(exclusion.kind);
    if (exclusion.kind === 'client_caused_outage') {
      const windows = evidence.outages.map((o) => ({ from: Date.parse(o.startsAt), to: Date.parse(o.endsAt) }));
      const hit = new Set<number>();
      const before = kept.length;
      kept = kept.filter((fact) => {
        const at = arrivalMs(fact);
        const index = at === null ? -1 : windows.findIndex((w) => at >= w.from && at < w.to);
        if (index >= 0) hit.add(index);
        return index < 0;
      });
      excluded.push({ kind: exclusion.kind, contacts: before - kept.length, windows: hit.size });
    } else {
      const over = intervalsAboveForecast(term.channel ?? null, facts, evidence.forecasts, exclusion.bandPercent);
      const before = kept.length;
      kept = kept.filter((fact) => {
        const at = arrivalMs(fact);
        return at === null || !over.has(intervalOf(at));
      });
      excluded.push({ kind: exclusion.kind, contacts: before - kept.length, windows: over.size });
    }
  }
  return { kept, excluded };
}

/** Interval starts (ms) whose offered volume is above the forecast band. */
export function intervalsAboveForecast(channel: string | null, facts: readonly TicketFact[], forecasts: readonly ForecastInterval[], bandPercent: number): Set<number> {
  const forecast = new Map<number, number>();
  const perChannel = new Map<number, number>();
  for (const row of forecasts) {
    const at = Date.parse(row.intervalStart);
    if (channel !== null) {
      if (row.channel === channel) forecast.set(at, row.offered);
    } else if (row.channel === null) forecast.set(at, row.offered);
    else perChannel.set(at, (perChannel.get(at) ?? 0) + row.offered);
  }
  for (const [at, offered] of perChannel) if (!forecast.has(at)) forecast.set(at, offered);
  const offered = new Map<number, number>();
  for (const fact of facts) {
    const at = arrivalMs(fact);
    if (at !== null) offered.set(intervalOf(at), (offered.get(intervalOf(at)) ?? 0) + 1);
  }
  const over = new Set<number>();
  for (const [at, count] of offered) {
    const expected = forecast.get(at);
    if (expected !== undefined && count > expected * (1 + bandPercent / 100)) over.add(at);
  }
  return over;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInstant = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(v) && !Number.isNaN(Date.parse(v));

/** A declared outage as an admin sends it: a window of at most 7 days that has started, and why. */
export function parseOutageInput(input: unknown, nowMs: number): Parsed<OutageInput> {
  if (!isObject(input)) return { ok: false, fields: [{ field: 'body', message: 'must be an object with startsAt, endsAt and reason' }] };
  const fields: FieldError[] = [];
  for (const key of Object.keys(input)) if (!['startsAt', 'endsAt', 'reason'].includes(key)) fields.push({ field: key, message: 'is not a field of an outage' });
  const { startsAt, endsAt, reason } = input;
  if (!isInstant(startsAt)) fields.push({ field: 'startsAt', message: 'must be an ISO date and time with its offset' });
  if (!isInstant(endsAt)) fields.push({ field: 'endsAt', message: 'must be an ISO date and time with its offset' });
  if (isInstant(startsAt) && isInstant(endsAt)) {
    const from = Date.parse(startsAt);
    const to = Date.parse(endsAt);
    if (to <= from) fields.push({ field: 'endsAt', message: 'must be after startsAt' });
    else if (to - from > MAX_OUTAGE_MS) fields.push({ field: 'endsAt', message: 'an outage lasts at most 7 days: declare a longer one in parts' });
    if (from > nowMs) fields.push({ field: 'startsAt', message: 'cannot be in the future: declare an outage once it has begun' });
  }
  const text = typeof reason === 'string' ? reason.trim() : '';
  if (text.length < 3 || text.length > 500) fields.push({ field: 'reason', message: 'must say what happened in 3–500 characters' });
  if (fields.length) return { ok: false, fields };
  return { ok: true, value: { startsAt: new Date(startsAt as string).toISOString(), endsAt: new Date(endsAt as string).toISOString(), reason: text } };
}

/** A forecast upload: 1–5,000 intervals on :00 / :30 UTC boundaries, each interval and channel once. */
export function parseForecastUpload(input: unknown): Parsed<ForecastUpload> {
  if (!isObject(input) || !Array.isArray(input['intervals'])) return { ok: false, fields: [{ field: 'intervals', message: 'must be a list of { intervalStart, channel, offered }' }] };
  const fields: FieldError[] = [];
  for (const key of Object.keys(input)) if (key !== 'intervals') fields.push({ field: key, message: 'is not a field of a forecast upload' });
  const rows = input['intervals'] as unknown[];
  if (rows.length === 0 || rows.length > MAX_FORECAST_INTERVALS) fields.push({ field: 'intervals', message: `must hold 1–${MAX_FORECAST_INTERVALS.toLocaleString('en')} intervals` });
  const intervals: ForecastInterval[] = [];
  const keys = new Set<string>();
  rows.slice(0, MAX_FORECAST_INTERVALS).forEach((row, i) => {
    const path = `intervals[${i}]`;
    if (!isObject(row)) return void fields.push({ field: path, message: 'must be an object' });
    const { intervalStart, channel, offered } = row;
    const problems = fields.length;
    for (const key of Object.keys(row)) if (!['intervalStart', 'channel', 'offered'].includes(key)) fields.push({ field: `${path}.${key}`, message: 'is not a field of a forecast interval' });
    if (!isInstant(intervalStart) || Date.parse(intervalStart) % FORECAST_INTERVAL_MS !== 0) fields.push({ field: `${path}.intervalStart`, message: 'must be an ISO instant on a :00 or :30 UTC boundary' });
    if (channel !== null && !(CHANNELS as readonly unknown[]).includes(channel)) fields.push({ field: `${path}.channel`, message: `must be null (all channels) or one of ${CHANNELS.join(', ')}` });
    if (typeof offered !== 'number' || !Number.isInteger(offered) || offered < 0 || offered > 1_000_000) fields.push({ field: `${path}.offered`, message: 'must be a whole number of contacts from 0 to 1,000,000' });
    if (fields.length > problems) return;
    const value: ForecastInterval = { intervalStart: new Date(intervalStart as string).toISOString(), channel: channel as ForecastInterval['channel'], offered: offered as number };
    const key = `${value.intervalStart}|${value.channel ?? '*'}`;
    if (keys.has(key)) return void fields.push({ field: `${path}.intervalStart`, message: 'this interval and channel are already in the upload' });
    keys.add(key);
    intervals.push(value);
  });
  if (fields.length) return { ok: false, fields: fields.slice(0, 50) };
  return { ok: true, value: { intervals } };
}

/**
 * A forecast CSV as planners export it: a header `interval_start,channel,offered`, then one interval a
 * line (`2026-10-05T09:00:00Z,chat,12`; channel empty or `all` = every channel). Checked as an upload;
 * a problem names the line of the file it is on.
 */
export function parseForecastCsv(text: string): Parsed<ForecastUpload> {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = (lines[0] ?? '').split(',').map((h) => h.trim().toLowerCase());
  if (header.join(',') !== 'interval_start,channel,offered') return { ok: false, fields: [{ field: 'line 1', message: 'the header must be interval_start,channel,offered' }] };
  const rows: { line: number; value: unknown }[] = [];
  const fields: FieldError[] = [];
  lines.slice(1).forEach((raw, i) => {
    if (raw.trim() === '') return;
    const cells = raw.split(',').map((c) => c.trim());
    if (cells.length !== 3) return void fields.push({ field: `line ${i + 2}`, message: 'must have 3 values: interval_start,channel,offered' });
    const [intervalStart, channel, offered] = cells;
    rows.push({ line: i + 2, value: { intervalStart, channel: channel === '' || channel.toLowerCase() === 'all' ? null : channel, offered: /^\d+$/.test(offered) ? Number(offered) : offered } });
  });
  if (fields.length) return { ok: false, fields: fields.slice(0, 50) };
  const parsed = parseForecastUpload({ intervals: rows.map((r) => r.value) });
  if (parsed.ok) return parsed;
  // `intervals[3].offered` → `line 5: offered …`.
  return {
    ok: false,
    fields: parsed.fields.map((f) => {
      const match = /^intervals\[(\d+)\]\.?(.*)$/.exec(f.field);
      return match ? { field: `line ${rows[Number(match[1])].line}`, message: `${match[2] ? `${match[2].replace('intervalStart', 'interval_start')} ` : ''}${f.message}` } : { field: 'file', message: f.message };
    }),
  };
}
