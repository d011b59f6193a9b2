import {
  DEFAULT_SERVICE_LEVEL_RULE,
  type AhtResult,
  type CsatResult,
  type DistributionResult,
  type KpiReport,
  type NpsResult,
  type PercentileMethod,
  type RatioResult,
  type ServiceLevelResult,
  type ServiceLevelRule,
  type ServiceLevelVariant,
  type SlaAttainmentMetric,
  type TicketFact,
} from '@switchboard/shared-contracts';

/**
 * The contact-centre KPIs of KPIS.md, computed from ticket facts. Every function counts a ticket in a
 * window by one instant (its "anchor"), named in its comment:
 * - queue KPIs (offered, handled, service level, ASA, abandonment, AHT): the instant it reached the queue;
 * - first response: its start (first inbound message, else creation); next response: the follow-up;
 * - resolution and FCR: the resolution; CSAT / NPS: the survey; SLA attainment: the due time.
 * The population is the tickets that reached a queue (bot-resolved and self-service contacts never count);
 * excluded tickets (`excluded` set) count nowhere. A window is [from, to) in UTC.
 */
export interface KpiScope {
  from?: string;
  to?: string;
  /**
   * Queue KPIs (offered, handled, service level, ASA, abandonment, AHT) count only contacts offered when
   * this is true (the client's open hours, when its contract measures in business hours). Other KPIs
   * count every ticket; their durations are made business time through `elapsed`.
   */
  counts?: (instantMs: number) => boolean;
}

/** How long from start to end, in seconds; wall-clock by default, business time when the contract says so. */
export type ElapsedSeconds = (startMs: number, endMs: number) => number;

export const wallClockSeconds: ElapsedSeconds = (startMs, endMs) => (endMs - startMs) / 1000;

const DAY_MS = 86_400_000;

function ms(iso: string): number {
  const value = Date.parse(iso);
  if (Number.isNaN(value)) throw new RangeError(`Not an ISO instant: ${iso}`);
  return value;
}

function inScope(scope: KpiScope | undefined, iso: string | null | undefined, queueKpi = false): boolean {
  if (iso === null || iso === undefined) return false;
  const at = ms(iso);
  if (scope?.from !== undefined && at < ms(scope.from)) return false;
  if (scope?.to !== undefined && at >= ms(scope.to)) return false;
  return queueKpi && scope?.counts ? scope.counts(at) : true;
}

/** The reporting population: reached a queue, not excluded. */
function counted(facts: readonly TicketFact[]): TicketFact[] {
  return facts.filter((fact) => !fact.excluded && fact.queuedAt !== null);
}

function ratio(numerator: number, denominator: number, scale = 100): RatioResult {
  return { value: denominator === 0 ? null : (numerator * scale) / denominator, numerator, denominator };
}

// ─── Percentiles ───────────────────────────────────────────────────────────────────────────────────

/**
 * The p-th percentile (0 < p ≤ 100) of values; null when empty.
 * nearest_rank = the ⌈p·n/100⌉-th smallest; linear = s[h] interpolated at h = (n − 1)·p/100.
 */
export function percentile(values: readonly number[], p: number, method: PercentileMethod = 'nearest_rank'): number | null {
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile needs 0 < p ≤ 100, got ${p}`);
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  if (method === 'nearest_rank') return sorted[Math.max(1, Math.ceil((p * n) / 100)) - 1];
  // h = (n − 1)·p / 100, kept as hundredths so the fraction is exact for whole-number p.
  const hundredths = (n - 1) * p;
  const low = Math.floor(hundredths / 100);
  const high = Math.min(n - 1, low + 1);
  return sorted[low] + ((hundredths - low * 100) * (sorted[high] - sorted[low])) / 100;
}

/** n, mean, median and p90 of durations (seconds). */
export function distribution(values: readonly number[], method: PercentileMethod = 'nearest_rank'): DistributionResult {
  const n = values.length;
  return {
    n,
    mean: n === 0 ? null : values.reduce((sum, v) => sum + v, 0) / n,
    median: percentile(values, 50, method),
    p90: percentile(values, 90, method),
    method,
  };
}

// ─── Queue KPIs ────────────────────────────────────────────────────────────────────────────────────

/** Offered = tickets that reached a queue (bot-resolved / self-service never do); anchor: queued. */
export function offeredTickets(facts: readonly TicketFact[], scope?: KpiScope): TicketFact[] {
  return counted(facts).filter((fact) => inScope(scope, fact.queuedAt, true));
}

/** Handled = offered tickets an agent answered (connected / accepted); anchor: queued. */
export function handledTickets(facts: readonly TicketFact[], scope?: KpiScope): TicketFact[] {
  return offeredTickets(facts, scope).filter((fact) => fact.answeredAt !== null);
}

/** Queue wait in seconds: queued → answered, or queued → abandoned; null when neither happened. */
export function queueWaitSeconds(fact: TicketFact): number | null {
  if (!fact.queuedAt) return null;
  const end = fact.answeredAt ?? fact.abandonedAt;
  return end ? (ms(end) - ms(fact.queuedAt)) / 1000 : null;
}

function isAbandoned(fact: TicketFact): boolean {
  return fact.answeredAt === null && fact.abandonedAt !== null;
}

/** A short abandon: abandoned with a queue wait ≤ the short-abandon threshold (when the rule is on). */
export function isShortAbandon(fact: TicketFact, shortAbandonSeconds: number | null): boolean {
  if (shortAbandonSeconds === null || !isAbandoned(fact)) return false;
  return (queueWaitSeconds(fact) ?? Infinity) <= shortAbandonSeconds;
}

export interface ServiceLevelCounts {
  answered: number;
  answeredWithin: number;
  abandoned: number;
  abandonedWithin: number;
}

/** The variant's numerator and denominator from counts (short abandons already removed). */
export function serviceLevelRatio(counts: ServiceLevelCounts, variant: ServiceLevelVariant): RatioResult {
  const { answered, answeredWithin, abandoned, abandonedWithin } = counts;
  switch (variant) {
    case 'answered_abandoned_within':
      return ratio(answeredWithin + abandonedWithin, answered + abandoned);
    case 'answered_within_of_answered':
      return ratio(answeredWithin, answered);
    case 'answered_within_of_all':
      return ratio(answeredWithin, answered + abandoned);
    case 'answered_within_of_all_less_abandoned_within':
      return ratio(answeredWithin, answered + abandoned - abandonedWithin);
  }
}

/** Service level "X % in T s" by the rule's variant; within = queue wait ≤ T; short abandons removed; anchor: queued. */
export function serviceLevelOf(facts: readonly TicketFact[], rule: ServiceLevelRule = DEFAULT_SERVICE_LEVEL_RULE, scope?: KpiScope): ServiceLevelResult {
  const counts: ServiceLevelCounts = { answered: 0, answeredWithin: 0, abandoned: 0, abandonedWithin: 0 };
  let shortAbandons = 0;
  for (const fact of offeredTickets(facts, scope)) {
    const wait = queueWaitSeconds(fact);
    if (wait === null) continue;
    const within = wait <= rule.thresholdSeconds;
    if (fact.answeredAt !== null) {
      counts.answered++;
      if (within) counts.answeredWithin++;
    } else if (isShortAbandon(fact, rule.shortAbandonSeconds)) {
      shortAbandons++;
    } else {
      counts.abandoned++;
      if (within) counts.abandonedWithin++;
    }
  }
  const { value, numerator, denominator } = serviceLevelRatio(counts, rule.variant);
  return { value, numerator, denominator, ...counts, shortAbandons, rule };
}

/** ASA = Σ queue wait of answered tickets / answered (abandoned excluded), seconds; anchor: queued. */
export function averageSpeedOfAnswer(facts: readonly TicketFact[], scope?: KpiScope): RatioResult {
  const waits = handledTickets(facts, scope).map((fact) => queueWaitSeconds(fact) ?? 0);
  return ratio(
    waits.reduce((sum, w) => sum + w, 0),
    waits.length,
    1,
  );
}

/** Abandonment = abandoned in queue / offered × 100, short abandons removed from both; anchor: queued. */
export function abandonmentRate(facts: readonly TicketFact[], shortAbandonSeconds: number | null = null, scope?: KpiScope): RatioResult {
  const offered = offeredTickets(facts, scope).filter((fact) => !isShortAbandon(fact, shortAbandonSeconds));
  return ratio(offered.filter(isAbandoned).length, offered.length);
}

// ─── Response and resolution times ─────────────────────────────────────────────────────────────────

/** Where the first-response clock starts: the first inbound message, else the ticket's creation. */
export function firstResponseStart(fact: TicketFact): string {
  return fact.firstInboundAt ?? fact.createdAt;
}

/** FRT = start (first inbound, else created) → first public agent reply at or after it, seconds; anchor: the start. */
export function firstResponseTimes(facts: readonly TicketFact[], scope?: KpiScope, elapsed: ElapsedSeconds = wallClockSeconds): number[] {
  const times: number[] = [];
  for (const fact of counted(facts)) {
    const start = firstResponseStart(fact);
    if (!inScope(scope, start)) continue;
    const startMs = ms(start);
    const reply = fact.agentReplies.map(ms).find((at) => at >= startMs);
    if (reply !== undefined) times.push(elapsed(startMs, reply));
  }
  return times;
}

/**
 * The customer follow-ups of a ticket with the agent reply that answered each (null while unanswered):
 * once the first response has been given, a follow-up is the first inbound message after a public agent
 * reply; further inbound messages before the next agent reply belong to the same follow-up. Replies
 * before the first-response start (an agent-initiated ticket) do not open follow-ups.
 */
export function followUps(fact: TicketFact): { at: number; repliedAt: number | null }[] {
  const start = ms(firstResponseStart(fact));
  // Replies sort before inbound messages at the same millisecond.
  const timeline = [
    ...fact.agentReplies.map((at) => ({ at: ms(at), reply: true })),
    ...fact.customerMessages.map((at) => ({ at: ms(at), reply: false })),
  ].sort((a, b) => a.at - b.at || Number(b.reply) - Number(a.reply));
  const result: { at: number; repliedAt: number | null }[] = [];
  let answered = false;
  let waiting: number | null = null;
  for (const event of timeline) {
    if (event.reply) {
      if (event.at < start) continue;
      if (waiting !== null) result.push({ at: waiting, repliedAt: event.at });
      waiting = null;
      answered = true;
    } else if (answered && waiting === null) {
      waiting = event.at;
    }
  }
  if (waiting !== null) result.push({ at: waiting, repliedAt: null });
  return result;
}

/** NRT = each customer follow-up → the next public agent reply, seconds (unanswered ones left out); anchor: the follow-up. */
export function nextResponseTimes(facts: readonly TicketFact[], scope?: KpiScope, elapsed: ElapsedSeconds = wallClockSeconds): number[] {
  const times: number[] = [];
  for (const fact of counted(facts)) {
    for (const followUp of followUps(fact)) {
      if (followUp.repliedAt !== null && inScope(scope, new Date(followUp.at).toISOString())) times.push(elapsed(followUp.at, followUp.repliedAt));
    }
  }
  return times;
}

/** The final resolution: the last one, when no reopen came after it; null while reopened / never resolved. */
export function finalResolution(fact: TicketFact): string | null {
  const last = fact.resolvedAt[fact.resolvedAt.length - 1];
  if (last === undefined) return null;
  const lastReopen = fact.reopenedAt[fact.reopenedAt.length - 1];
  return lastReopen !== undefined && ms(lastReopen) > ms(last) ? null : last;
}

/** Resolution time = created → first (or final) resolution, seconds; anchor: that resolution. */
export function resolutionTimes(facts: readonly TicketFact[], which: 'first' | 'final', scope?: KpiScope, elapsed: ElapsedSeconds = wallClockSeconds): number[] {
  const times: number[] = [];
  for (const fact of counted(facts)) {
    const resolved = which === 'first' ? (fact.resolvedAt[0] ?? null) : finalResolution(fact);
    if (resolved !== null && inScope(scope, resolved)) times.push(elapsed(ms(fact.createdAt), ms(resolved)));
  }
  return times;
}

// ─── Handle time ───────────────────────────────────────────────────────────────────────────────────

/**
 * Agent-attributed handle seconds per ticket: every moment of an agent's work is split equally between
 * the tickets that agent held at that moment (two chats at once: half each). Pass every ticket that may
 * overlap the ones reported, so their concurrency is seen.
 */
export function attributedHandleSeconds(facts: readonly TicketFact[]): ReadonlyMap<string, number> {
  const cached = attributedByPool.get(facts);
  if (cached) return cached;
  const byAgent = new Map<string, { at: number; ticketId: string; delta: 1 | -1 }[]>();
  for (const fact of facts) {
    for (const segment of fact.handleSegments) {
      const start = ms(segment.start);
      const end = ms(segment.end);
      if (end <= start) continue;
      const events = byAgent.get(segment.agentId) ?? [];
      events.push({ at: start, ticketId: fact.ticketId, delta: 1 }, { at: end, ticketId: fact.ticketId, delta: -1 });
      byAgent.set(segment.agentId, events);
    }
  }
  const attributed = new Map<string, number>();
  for (const events of byAgent.values()) {
    events.sort((a, b) => a.at - b.at);
    const active = new Map<string, number>();
    let previous: number | null = null;
    for (const event of events) {
      if (previous !== null && event.at > previous && active.size > 0) {
        const share = (event.at - previous) / 1000 / active.size;
        for (const ticketId of active.keys()) attributed.set(ticketId, (attributed.get(ticketId) ?? 0) + share);
      }
      previous = event.at;
      const depth = (active.get(event.ticketId) ?? 0) + event.delta;
      if (depth > 0) active.set(event.ticketId, depth);
      else active.delete(event.ticketId);
    }
  }
  attributedByPool.set(facts, attributed);
  return attributed;
}

/*
 * Work that depends only on the pool of facts is done once per pool: a report by interval computes a
 * KPI report for each of ~1,500 buckets over the same pool, and redoing it per bucket made it quadratic.
 * Pools are read-only arrays (nothing here mutates them), so the array itself is the key.
 */
const attributedByPool = new WeakMap<readonly TicketFact[], Map<string, number>>();
const createdByContactTopicOfPool = new WeakMap<readonly TicketFact[], Map<string, number[]>>();

const contactTopicKey = (fact: TicketFact) => JSON.stringify([fact.contactId, fact.topic]);

/** Creation instants of the pool's tickets per contact and topic, ascending. */
function createdByContactTopic(pool: readonly TicketFact[]): Map<string, number[]> {
  let index = createdByContactTopicOfPool.get(pool);
  if (!index) {
    index = new Map();
    for (const fact of pool) {
      const key = contactTopicKey(fact);
      const times = index.get(key) ?? [];
      times.push(ms(fact.createdAt));
      index.set(key, times);
    }
    for (const times of index.values()) times.sort((a, b) => a - b);
    createdByContactTopicOfPool.set(pool, index);
  }
  return index;
}

/**
 * AHT = (talk + hold + acw) / handled, seconds; attributed AHT = Σ agent-attributed handle time / handled;
 * anchor: queued. `allFacts` (default: facts) is where concurrency is looked for.
 */
export function averageHandleTime(facts: readonly TicketFact[], scope?: KpiScope, allFacts: readonly TicketFact[] = facts): AhtResult {
  const handled = handledTickets(facts, scope);
  const attributed = attributedHandleSeconds(allFacts);
  const seconds = { talk: 0, hold: 0, acw: 0 };
  let attributedSeconds = 0;
  for (const fact of handled) {
    for (const segment of fact.handleSegments) seconds[segment.kind] += Math.max(0, (ms(segment.end) - ms(segment.start)) / 1000);
    attributedSeconds += attributed.get(fact.ticketId) ?? 0;
  }
  const handleSeconds = seconds.talk + seconds.hold + seconds.acw;
  const n = handled.length;
  return {
    handled: n,
    handleSeconds,
    talkSeconds: seconds.talk,
    holdSeconds: seconds.hold,
    acwSeconds: seconds.acw,
    aht: n === 0 ? null : handleSeconds / n,
    attributedSeconds,
    attributedAht: n === 0 ? null : attributedSeconds / n,
  };
}

// ─── FCR, CSAT, NPS ────────────────────────────────────────────────────────────────────────────────

/**
 * Whether a resolved ticket saw a repeat contact: a reopen within the window after its first resolution,
 * or another ticket of the same contact on the same topic created after it and by first resolution + window.
 */
export function hasRepeatContact(fact: TicketFact, allFacts: readonly TicketFact[], windowDays: number): boolean {
  const resolved = fact.resolvedAt[0];
  if (resolved === undefined) return false;
  const resolvedMs = ms(resolved);
  const windowEnd = resolvedMs + windowDays * DAY_MS;
  if (fact.reopenedAt.some((at) => ms(at) > resolvedMs && ms(at) <= windowEnd)) return true;
  // The first ticket of the same contact and topic created after this one (this one is not after itself).
  const created = ms(fact.createdAt);
  const times = createdByContactTopic(allFacts).get(contactTopicKey(fact)) ?? [];
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid] <= created) lo = mid + 1;
    else hi = mid;
  }
  return lo < times.length && times[lo] <= windowEnd;
}

/**
 * FCR = resolved tickets with no repeat contact (same contact, same topic, within the window) / resolved
 * tickets × 100; anchor: first resolution. Tickets whose window is still open at `asOf` (and no repeat
 * yet) are left out of both. Repeat contacts are looked for in `pool` (every ticket of the client).
 */
export function firstContactResolution(
  facts: readonly TicketFact[],
  windowDays = 7,
  scope?: KpiScope,
  asOf?: string,
  pool: readonly TicketFact[] = facts,
): RatioResult & { pending: number } {
  const asOfMs = asOf === undefined ? Infinity : ms(asOf);
  let resolved = 0;
  let firstContact = 0;
  let pending = 0;
  for (const fact of counted(facts)) {
    const first = fact.resolvedAt[0];
    if (first === undefined || !inScope(scope, first)) continue;
    const repeat = hasRepeatContact(fact, pool, windowDays);
    if (!repeat && ms(first) + windowDays * DAY_MS > asOfMs) {
      pending++;
      continue;
    }
    resolved++;
    if (!repeat) firstContact++;
  }
  return { ...ratio(firstContact, resolved), pending };
}

/** CSAT = responses scoring 4–5 / responses × 100, with response rate = responses / surveys sent × 100; anchor: survey sent. */
export function customerSatisfaction(facts: readonly TicketFact[], scope?: KpiScope): CsatResult {
  const surveys = counted(facts).flatMap((fact) => (fact.csat && inScope(scope, fact.csat.surveyedAt) ? [fact.csat] : []));
  const scores = surveys.flatMap((survey) => (survey.score === null ? [] : [survey.score]));
  const satisfied = scores.filter((score) => score >= 4).length;
  return {
    value: ratio(satisfied, scores.length).value,
    satisfied,
    responses: scores.length,
    surveysSent: surveys.length,
    responseRate: ratio(scores.length, surveys.length).value,
  };
}

/** NPS = % promoters (9–10) − % detractors (0–6) of responses; anchor: survey sent. */
export function netPromoterScore(facts: readonly TicketFact[], scope?: KpiScope): NpsResult {
  const scores = counted(facts).flatMap((fact) => (fact.nps && fact.nps.score !== null && inScope(scope, fact.nps.surveyedAt) ? [fact.nps.score] : []));
  const promoters = scores.filter((s) => s >= 9).length;
  const detractors = scores.filter((s) => s <= 6).length;
  const n = scores.length;
  return { value: n === 0 ? null : ((promoters - detractors) * 100) / n, promoters, passives: n - promoters - detractors, detractors, responses: n };
}

// ─── SLA attainment, backlog, occupancy, adherence ─────────────────────────────────────────────────

/** One SLA target of a ticket: its metric, due time and when it was done (ms; null = not yet). */
export interface SlaTarget {
  metric: SlaAttainmentMetric;
  due: number;
  doneAt: number | null;
}

/**
 * Every SLA target a ticket carries: first response (due stamped on the ticket, done at the first public
 * reply at or after the start), resolution (done at the first resolution), and one next-response target
 * per customer follow-up (follow-up + the target seconds, done at the next reply). Excluded and never
 * offered tickets carry none (as every KPI).
 */
export function slaTargets(fact: TicketFact): SlaTarget[] {
  if (counted([fact]).length === 0) return [];
  const targets: SlaTarget[] = [];
  if (fact.firstResponseDueAt) {
    const start = ms(firstResponseStart(fact));
    targets.push({ metric: 'first_response', due: ms(fact.firstResponseDueAt), doneAt: fact.agentReplies.map(ms).find((at) => at >= start) ?? null });
  }
  if (fact.nextResponseTargetSeconds != null) {
    for (const followUp of followUps(fact)) targets.push({ metric: 'next_response', due: followUp.at + fact.nextResponseTargetSeconds * 1000, doneAt: followUp.repliedAt });
  }
  if (fact.resolutionDueAt) targets.push({ metric: 'resolution', due: ms(fact.resolutionDueAt), doneAt: fact.resolvedAt[0] ? ms(fact.resolvedAt[0]) : null });
  return targets;
}

/** A target met: done at or before its due time. */
export const slaTargetMet = (target: SlaTarget): boolean => target.doneAt !== null && target.doneAt <= target.due;

/** A target that does not count yet: not done and not yet due at `asOfMs`. */
export const slaTargetPending = (target: SlaTarget, asOfMs: number): boolean => target.doneAt === null && target.due >= asOfMs;

/**
 * SLA attainment = targets met / targets that fell due, × 100, per metric; a target is met when the
 * response (or resolution) came at or before its due time; anchor: the due time. A target not yet due
 * at `asOf` and not yet met is left out.
 */
export function slaAttainment(facts: readonly TicketFact[], metric: SlaAttainmentMetric, scope?: KpiScope, asOf?: string): RatioResult {
  const asOfMs = asOf === undefined ? Infinity : ms(asOf);
  let met = 0;
  let total = 0;
  for (const fact of facts) {
    for (const target of slaTargets(fact)) {
      if (target.metric !== metric || !inScope(scope, new Date(target.due).toISOString()) || slaTargetPending(target, asOfMs)) continue;
      total++;
      if (slaTargetMet(target)) met++;
    }
  }
  return ratio(met, total);
}

/**
 * Every instant SLA attainment may count this ticket by (its due times: first response, resolution,
 * and each follow-up + the next-response target): they are anchors of the fact like its events are.
 */
export function slaDueInstants(fact: TicketFact): string[] {
  const due = [fact.firstResponseDueAt, fact.resolutionDueAt].filter((v): v is string => typeof v === 'string');
  const target = fact.nextResponseTargetSeconds;
  if (target != null) for (const followUp of followUps(fact)) due.push(new Date(followUp.at + target * 1000).toISOString());
  return due;
}

/** Backlog at an instant = tickets created before it, not abandoned by then and not resolved at it (a reopen makes a ticket open again). */
export function backlogAt(facts: readonly TicketFact[], at: string): number {
  const atMs = ms(at);
  return counted(facts).filter((fact) => {
    if (ms(fact.createdAt) >= atMs) return false;
    if (fact.answeredAt === null && fact.abandonedAt !== null && ms(fact.abandonedAt) <= atMs) return false;
    const lastResolved = Math.max(-Infinity, ...fact.resolvedAt.map(ms).filter((t) => t <= atMs));
    const lastReopened = Math.max(-Infinity, ...fact.reopenedAt.map(ms).filter((t) => t <= atMs));
    return !(lastResolved > lastReopened);
  }).length;
}

/** Occupancy = handling time / (handling time + available idle time) × 100. */
export function occupancy(handlingSeconds: number, availableIdleSeconds: number): RatioResult {
  return ratio(handlingSeconds, handlingSeconds + availableIdleSeconds);
}

/** Schedule adherence = minutes in the scheduled state / scheduled minutes × 100. */
export function scheduleAdherence(minutesInScheduledState: number, scheduledMinutes: number): RatioResult {
  return ratio(minutesInScheduledState, scheduledMinutes);
}

// ─── All of them ───────────────────────────────────────────────────────────────────────────────────

export interface KpiOptions {
  serviceLevel: ServiceLevelRule;
  percentileMethod: PercentileMethod;
  fcrWindowDays: number;
  /** When the report is computed: FCR windows and SLA targets after it are still pending. */
  asOf?: string;
  /** Business-time durations for FRT / NRT / resolution; wall-clock by default. */
  elapsed?: ElapsedSeconds;
}

/** Every ticket KPI of one window; `allFacts` is where repeat contacts and concurrent chats are looked for. */
export function kpiReport(facts: readonly TicketFact[], options: KpiOptions, scope: KpiScope = {}, allFacts: readonly TicketFact[] = facts): KpiReport {
  const method = options.percentileMethod;
  const elapsed = options.elapsed ?? wallClockSeconds;
  const fcr = firstContactResolution(facts, options.fcrWindowDays, scope, options.asOf, allFacts);
  return {
    offered: offeredTickets(facts, scope).length,
    handled: handledTickets(facts, scope).length,
    serviceLevel: serviceLevelOf(facts, options.serviceLevel, scope),
    asa: averageSpeedOfAnswer(facts, scope),
    abandonment: abandonmentRate(facts, options.serviceLevel.shortAbandonSeconds, scope),
    firstResponse: distribution(firstResponseTimes(facts, scope, elapsed), method),
    nextResponse: distribution(nextResponseTimes(facts, scope, elapsed), method),
    firstResolution: distribution(resolutionTimes(facts, 'first', scope, elapsed), method),
    finalResolution: distribution(resolutionTimes(facts, 'final', scope, elapsed), method),
    aht: averageHandleTime(facts, scope, allFacts),
    fcr: { value: fcr.value, numerator: fcr.numerator, denominator: fcr.denominator },
    csat: customerSatisfaction(facts, scope),
    nps: netPromoterScore(facts, scope),
    slaAttainment: {
      first_response: slaAttainment(facts, 'first_response', scope, options.asOf),
      next_response: slaAttainment(facts, 'next_response', scope, options.asOf),
      resolution: slaAttainment(facts, 'resolution', scope, options.asOf),
    },
    backlog: scope.to === undefined ? null : backlogAt(facts, scope.to),
    qa: null,
  };
}
