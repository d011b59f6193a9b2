import type { KpiReport, PercentileMethod, RatioResult, ServiceLevelRule, SlaAttainmentMetric, TicketFact } from '@switchboard/shared-contracts';
import { finalResolution, firstResponseStart, followUps, queueWaitSeconds, serviceLevelRatio, slaTargetMet, slaTargetPending, slaTargets } from './kpi.util';
import { reportingInterval } from './reporting-buckets.util';

/**
 * KPI rollups: additive measures per client × local 30-minute interval × channel × queue × language
 * (and the same per local day, `index` = -1, so a month reads ~30 rows per dimension group instead of
 * ~1,440). Each fact adds its contributions at each KPI's own anchor (queued, first-response start,
 * follow-up, resolution, survey) — the anchors of kpi.util — so a window made of whole intervals counts
 * exactly what kpiReport counts. The projector applies a fact's new contributions minus its old ones.
 *
 * Exact: every count, sum and mean; service level, short abandons and abandonment for whole-second
 * thresholds up to 600 s (queue waits are kept per second, rounded up: wait ≤ T ⇔ ⌈wait⌉ ≤ T).
 * Not exact — percentiles (median, p90) of FRT, NRT and resolution: durations are kept in buckets of
 * 1 s up to 10 min, 10 s up to 1 h, 1 min up to 1 day, 10 min beyond; a percentile is its bucket's
 * upper bound, so it is at most one bucket width above the exact value (≤ 1 s for durations under
 * 10 minutes). FCR is rolled up at the first resolution with the repeat-contact flag the projector
 * computed (it re-projects a contact's earlier tickets when a new one arrives); tickets whose FCR window
 * is still open are taken out at read time. SLA attainment is rolled up at each target's due time:
 * targets with that due time, and those met (done by then); a target neither done nor due yet at read
 * time is taken out then (`pendingSlaTargets`), as kpi.util leaves it out. Backlog and agent-attributed handle time are not rolled up
 * (they depend on other tickets at one instant); monthly statements always use the exact facts.
 */

export const ROLLUP_MAX_THRESHOLD_SECONDS = 600;

export interface RollupKey {
  /** Local date YYYY-MM-DD. */
  date: string;
  /** 30-minute interval of the local day; -1 = the whole day. */
  index: number;
  channel: string;
  /** '' when none. */
  queue: string;
  /** '' when unknown. */
  language: string;
}

export interface RollupMeasures {
  offered: number;
  answered: number;
  abandoned: number;
  /** Queue waits by whole second, rounded up (key = seconds). */
  answeredWait: Record<string, number>;
  abandonedWait: Record<string, number>;
  answeredWaitMs: number;
  talkMs: number;
  holdMs: number;
  acwMs: number;
  frt: Record<string, number>;
  frtMs: number;
  nrt: Record<string, number>;
  nrtMs: number;
  firstResolution: Record<string, number>;
  firstResolutionMs: number;
  finalResolution: Record<string, number>;
  finalResolutionMs: number;
  csatSent: number;
  csatResponses: number;
  csatSatisfied: number;
  npsPromoters: number;
  npsPassives: number;
  npsDetractors: number;
  /** FCR at the first resolution: resolved tickets, and those that saw a repeat contact (as the projector last saw it). */
  fcrResolved: number;
  fcrRepeat: number;
  /** SLA attainment at each target's due time: targets (first response, next response, resolution) and those met. */
  frtDue: number;
  frtMet: number;
  nrtDue: number;
  nrtMet: number;
  resolutionDue: number;
  resolutionMet: number;
}

export interface RollupCell {
  key: RollupKey;
  measures: RollupMeasures;
}

export const ROLLUP_HISTOGRAMS = ['answeredWait', 'abandonedWait', 'frt', 'nrt', 'firstResolution', 'finalResolution'] as const;
export const ROLLUP_COUNTERS = [
  'offered',
  'answered',
  'abandoned',
  'answeredWaitMs',
  'talkMs',
  'holdMs',
  'acwMs',
  'frtMs',
  'nrtMs',
  'firstResolutionMs',
  'finalResolutionMs',
  'csatSent',
  'csatResponses',
  'csatSatisfied',
  'npsPromoters',
  'npsPassives',
  'npsDetractors',
  'fcrResolved',
  'fcrRepeat',
  'frtDue',
  'frtMet',
  'nrtDue',
  'nrtMet',
  'resolutionDue',
  'resolutionMet',
] as const;

/** The rollup counters of each SLA attainment metric. */
export const ATTAINMENT_COUNTERS = {
  first_response: { due: 'frtDue', met: 'frtMet' },
  next_response: { due: 'nrtDue', met: 'nrtMet' },
  resolution: { due: 'resolutionDue', met: 'resolutionMet' },
} as const satisfies Record<SlaAttainmentMetric, { due: (typeof ROLLUP_COUNTERS)[number]; met: (typeof ROLLUP_COUNTERS)[number] }>;

export function emptyMeasures(): RollupMeasures {
  return {
    offered: 0,
    answered: 0,
    abandoned: 0,
    answeredWait: {},
    abandonedWait: {},
    answeredWaitMs: 0,
    talkMs: 0,
    holdMs: 0,
    acwMs: 0,
    frt: {},
    frtMs: 0,
    nrt: {},
    nrtMs: 0,
    firstResolution: {},
    firstResolutionMs: 0,
    finalResolution: {},
    finalResolutionMs: 0,
    csatSent: 0,
    csatResponses: 0,
    csatSatisfied: 0,
    npsPromoters: 0,
    npsPassives: 0,
    npsDetractors: 0,
    fcrResolved: 0,
    fcrRepeat: 0,
    frtDue: 0,
    frtMet: 0,
    nrtDue: 0,
    nrtMet: 0,
    resolutionDue: 0,
    resolutionMet: 0,
  };
}

/** The bucket (its upper bound, whole seconds) a duration falls in. */
export function durationBucket(seconds: number): number {
  const s = Math.max(0, seconds);
  if (s <= 600) return Math.ceil(s);
  if (s <= 3600) return Math.ceil(s / 10) * 10;
  if (s <= 86_400) return Math.ceil(s / 60) * 60;
  return Math.ceil(s / 600) * 600;
}

function add(h: Record<string, number>, bucket: number, n = 1): void {
  const k = String(bucket);
  const v = (h[k] ?? 0) + n;
  if (v === 0) delete h[k];
  else h[k] = v;
}

const keyId = (k: RollupKey) => `${k.date}|${k.index}|${k.channel}|${k.queue}|${k.language}`;

/** Every rollup contribution of one fact (interval and day cells), in the client's time zone. */
export function rollupCells(fact: TicketFact, timeZone: string, repeat = false): RollupCell[] {
  if (fact.excluded || fact.queuedAt === null) return [];
  const cells = new Map<string, RollupCell>();
  const at = (instant: string | number): RollupMeasures[] => {
    const interval = reportingInterval(typeof instant === 'number' ? new Date(instant) : instant, timeZone);
    const base = { channel: fact.channel, queue: fact.queueId ?? '', language: fact.language ?? '' };
    return [interval.index, -1].map((index) => {
      const key: RollupKey = { date: interval.date, index, ...base };
      const id = keyId(key);
      let cell = cells.get(id);
      if (!cell) cells.set(id, (cell = { key, measures: emptyMeasures() }));
      return cell.measures;
    });
  };
  const ms = Date.parse;

  // Queue KPIs and handle time: anchor queued.
  const wait = queueWaitSeconds(fact);
  for (const m of at(fact.queuedAt)) {
    m.offered++;
    if (fact.answeredAt !== null) {
      m.answered++;
      if (wait !== null) {
        add(m.answeredWait, durationBucket(wait));
        m.answeredWaitMs += ms(fact.answeredAt) - ms(fact.queuedAt);
      }
      for (const s of fact.handleSegments) m[s.kind === 'talk' ? 'talkMs' : s.kind === 'hold' ? 'holdMs' : 'acwMs'] += Math.max(0, ms(s.end) - ms(s.start));
    } else if (fact.abandonedAt !== null && wait !== null) {
      m.abandoned++;
      add(m.abandonedWait, durationBucket(wait));
    }
  }
  // First response: anchor its start.
  const start = firstResponseStart(fact);
  const reply = fact.agentReplies.map(ms).find((t) => t >= ms(start));
  if (reply !== undefined) {
    for (const m of at(start)) {
      add(m.frt, durationBucket((reply - ms(start)) / 1000));
      m.frtMs += reply - ms(start);
    }
  }
  // Next response: anchor each follow-up.
  for (const f of followUps(fact)) {
    if (f.repliedAt === null) continue;
    for (const m of at(f.at)) {
      add(m.nrt, durationBucket((f.repliedAt - f.at) / 1000));
      m.nrtMs += f.repliedAt - f.at;
    }
  }
  // Resolution: anchor the resolution.
  const first = fact.resolvedAt[0];
  if (first !== undefined) {
    for (const m of at(first)) {
      add(m.firstResolution, durationBucket((ms(first) - ms(fact.createdAt)) / 1000));
      m.firstResolutionMs += ms(first) - ms(fact.createdAt);
      m.fcrResolved++;
      if (repeat) m.fcrRepeat++;
    }
  }
  const final = finalResolution(fact);
  if (final !== null) {
    for (const m of at(final)) {
      add(m.finalResolution, durationBucket((ms(final) - ms(fact.createdAt)) / 1000));
      m.finalResolutionMs += ms(final) - ms(fact.createdAt);
    }
  }
  // CSAT / NPS: anchor the survey.
  if (fact.csat) {
    for (const m of at(fact.csat.surveyedAt)) {
      m.csatSent++;
      if (fact.csat.score !== null) {
        m.csatResponses++;
        if (fact.csat.score >= 4) m.csatSatisfied++;
      }
    }
  }
  if (fact.nps && fact.nps.score !== null && fact.nps.score !== undefined) {
    const score = fact.nps.score;
    for (const m of at(fact.nps.surveyedAt)) {
      if (score >= 9) m.npsPromoters++;
      else if (score <= 6) m.npsDetractors++;
      else m.npsPassives++;
    }
  }
  // SLA attainment: anchor each target's due time.
  for (const target of slaTargets(fact)) {
    const counters = ATTAINMENT_COUNTERS[target.metric];
    for (const m of at(target.due)) {
      m[counters.due]++;
      if (slaTargetMet(target)) m[counters.met]++;
    }
  }
  return [...cells.values()];
}

/** `into` += `sign` × `from`. */
export function addMeasures(into: RollupMeasures, from: RollupMeasures, sign: 1 | -1 = 1): RollupMeasures {
  for (const c of ROLLUP_COUNTERS) into[c] += sign * from[c];
  for (const h of ROLLUP_HISTOGRAMS) for (const [k, n] of Object.entries(from[h])) add(into[h], Number(k), sign * n);
  return into;
}

/** The net change of the rollups when a ticket's fact goes from `before` (null: new) to `after`. */
export function rollupDelta(before: TicketFact | null, after: TicketFact | null, timeZone: string, repeat: { before: boolean; after: boolean } = { before: false, after: false }): RollupCell[] {
  const net = new Map<string, RollupCell>();
  const apply = (cells: RollupCell[], sign: 1 | -1) => {
    for (const cell of cells) {
      const id = keyId(cell.key);
      const into = net.get(id) ?? { key: cell.key, measures: emptyMeasures() };
      addMeasures(into.measures, cell.measures, sign);
      net.set(id, into);
    }
  };
  if (before) apply(rollupCells(before, timeZone, repeat.before), -1);
  if (after) apply(rollupCells(after, timeZone, repeat.after), 1);
  const isZero = (m: RollupMeasures) => ROLLUP_COUNTERS.every((c) => m[c] === 0) && ROLLUP_HISTOGRAMS.every((h) => Object.keys(m[h]).length === 0);
  return [...net.values()].filter((c) => !isZero(c.measures)).sort((a, b) => (keyId(a.key) < keyId(b.key) ? -1 : 1));
}

/** A target that does not count yet at read time, with what the rollups need to take it out of the right cell. */
export interface PendingSlaTarget {
  metric: SlaAttainmentMetric;
  /** The due time, ISO. */
  due: string;
  channel: string;
  queue: string;
  language: string;
}

/** The targets of these facts due in [from, to) that are neither done nor due yet at `asOf` (kpi.util leaves them out). */
export function pendingSlaTargets(facts: readonly TicketFact[], window: { from: string; to: string }, asOf: string): PendingSlaTarget[] {
  const [from, to, asOfMs] = [Date.parse(window.from), Date.parse(window.to), Date.parse(asOf)];
  return facts.flatMap((fact) =>
    slaTargets(fact)
      .filter((t) => t.due >= from && t.due < to && slaTargetPending(t, asOfMs))
      .map((t) => ({ metric: t.metric, due: new Date(t.due).toISOString(), channel: fact.channel, queue: fact.queueId ?? '', language: fact.language ?? '' })),
  );
}

/** SLA attainment from rolled-up targets, less those still pending (per metric). */
export function attainmentFromRollups(m: RollupMeasures, pending: readonly Pick<PendingSlaTarget, 'metric'>[]): Record<SlaAttainmentMetric, RatioResult> {
  const of = (metric: SlaAttainmentMetric) => {
    const { due, met } = ATTAINMENT_COUNTERS[metric];
    return ratio(m[met], m[due] - pending.filter((p) => p.metric === metric).length);
  };
  return { first_response: of('first_response'), next_response: of('next_response'), resolution: of('resolution') };
}

/** Nearest-rank or linear percentile of a histogram (bucket upper bounds). */
export function histogramPercentile(h: Record<string, number>, p: number, method: PercentileMethod): number | null {
  const buckets = Object.entries(h)
    .map(([k, n]) => [Number(k), n] as const)
    .filter(([, n]) => n > 0)
    .sort((a, b) => a[0] - b[0]);
  const n = buckets.reduce((s, [, c]) => s + c, 0);
  if (n === 0) return null;
  const valueAt = (rank: number) => {
    let seen = 0;
    for (const [v, c] of buckets) {
      seen += c;
      if (seen >= rank) return v;
    }
    return buckets[buckets.length - 1][0];
  };
  if (method === 'nearest_rank') return valueAt(Math.max(1, Math.ceil((p * n) / 100)));
  const h0 = ((n - 1) * p) / 100;
  const low = Math.floor(h0);
  const a = valueAt(low + 1);
  const b = valueAt(Math.min(n, low + 2));
  return a + (h0 - low) * (b - a);
}

function count(h: Record<string, number>, upTo: number | null): number {
  let n = 0;
  for (const [k, c] of Object.entries(h)) if (upTo === null || Number(k) <= upTo) n += c;
  return n;
}

const ratio = (numerator: number, denominator: number, scale = 100): RatioResult => ({ value: denominator === 0 ? null : (numerator * scale) / denominator, numerator, denominator });

/** Whether a rule can be answered exactly from rollups (whole seconds up to 600). */
export function rollupSupports(rule: ServiceLevelRule): boolean {
  const ok = (s: number) => Number.isInteger(s) && s >= 0 && s <= ROLLUP_MAX_THRESHOLD_SECONDS;
  return ok(rule.thresholdSeconds) && (rule.shortAbandonSeconds === null || ok(rule.shortAbandonSeconds));
}

/** The part of the KpiReport rollups answer; FCR, backlog, SLA attainment (less pending targets) and QA come from elsewhere. */
export type RollupReport = Omit<KpiReport, 'fcr' | 'backlog' | 'slaAttainment' | 'qa'>;

export function reportFromRollups(m: RollupMeasures, rule: ServiceLevelRule, method: PercentileMethod): RollupReport {
  const threshold = rule.thresholdSeconds;
  const short = rule.shortAbandonSeconds === null ? 0 : count(m.abandonedWait, rule.shortAbandonSeconds);
  const answeredWithin = count(m.answeredWait, threshold);
  // Abandons within T that are not short abandons (short ones are ≤ S < T).
  const abandonedWithin = count(m.abandonedWait, threshold) - short;
  const abandoned = m.abandoned - short;
  const counts = { answered: m.answered, answeredWithin, abandoned, abandonedWithin };
  const sl = serviceLevelRatio(counts, rule.variant);
  const dist = (h: Record<string, number>, sumMs: number) => {
    const n = count(h, null);
    return { n, mean: n === 0 ? null : sumMs / 1000 / n, median: histogramPercentile(h, 50, method), p90: histogramPercentile(h, 90, method), method };
  };
  const handleSeconds = (m.talkMs + m.holdMs + m.acwMs) / 1000;
  return {
    offered: m.offered,
    handled: m.answered,
    serviceLevel: { ...sl, ...counts, shortAbandons: short, rule },
    asa: ratio(m.answeredWaitMs / 1000, m.answered, 1),
    abandonment: ratio(abandoned, m.offered - short),
    firstResponse: dist(m.frt, m.frtMs),
    nextResponse: dist(m.nrt, m.nrtMs),
    firstResolution: dist(m.firstResolution, m.firstResolutionMs),
    finalResolution: dist(m.finalResolution, m.finalResolutionMs),
    aht: {
      handled: m.answered,
      handleSeconds,
      talkSeconds: m.talkMs / 1000,
      holdSeconds: m.holdMs / 1000,
      acwSeconds: m.acwMs / 1000,
      aht: m.answered === 0 ? null : handleSeconds / m.answered,
      attributedSeconds: Number.NaN,
      attributedAht: null,
    },
    csat: { value: ratio(m.csatSatisfied, m.csatResponses).value, satisfied: m.csatSatisfied, responses: m.csatResponses, surveysSent: m.csatSent, responseRate: ratio(m.csatResponses, m.csatSent).value },
    nps: (() => {
      const n = m.npsPromoters + m.npsPassives + m.npsDetractors;
      return { value: n === 0 ? null : ((m.npsPromoters - m.npsDetractors) * 100) / n, promoters: m.npsPromoters, passives: m.npsPassives, detractors: m.npsDetractors, responses: n };
    })(),
  };
}
