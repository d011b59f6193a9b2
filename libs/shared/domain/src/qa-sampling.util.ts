import {
  CHANNELS,
  SAMPLING_PERIODS,
  type SamplingPolicyRequest,
  type AgentDrawSummary,
  type Channel,
  type FieldError,
  type QaCandidate,
  type RandomPick,
  type SampleDraw,
  type SamplingPolicy,
  type SamplingQuota,
  type TargetedPick,
  type TargetedRule,
} from '@switchboard/shared-contracts';

/**
 * QA sampling (KPIS.md, "QA scoring" → Sampling): which handled tickets the leads evaluate.
 * - The **random** stream draws, per agent and period, N tickets or P % (rounded up) with a minimum,
 *   stratified by channel, capped per agent per period. Only it feeds the headline QA score.
 * - The **targeted** stream adds tickets that match a rule (low CSAT, long handle time, transferred,
 *   escalated, AutoQA flag); it is reported apart and never mixes into the headline score.
 * - The draw is reproducible: the same seed and the same tickets give the same draw, whatever order
 *   the tickets come in. Store the seed with the draw.
 * The PRNG below is part of that promise: changing it changes every past draw, so its output is pinned
 * by a test.
 */

// ─── Seeded randomness ──────────────────────────────────────────────────────────────────────────────

/** cyrb128: a stable 128-bit hash of a string (UTF-16 code units), as four unsigned 32-bit words. */
export function hashSeed(seed: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < seed.length; i++) {
    const k = seed.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** A source of numbers uniform in [0, 1). */
export type Random = () => number;

/**
 * sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, 128-bit state) seeded from `hashSeed(seed)`,
 * warmed up by 12 rounds. Returns numbers in [0, 1) with 32 bits of resolution.
 */
export function seededRandom(seed: string): Random {
  let [a, b, c, d] = hashSeed(seed);
  const next = (): number => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}

/** An integer uniform in 0 … n − 1. */
export function randomInt(random: Random, n: number): number {
  return Math.floor(random() * n);
}

/** `k` distinct items chosen uniformly from `items` (partial Fisher–Yates); `items` is left untouched. */
export function pickUniform<T>(items: readonly T[], k: number, random: Random): T[] {
  const pool = [...items];
  const count = Math.max(0, Math.min(k, pool.length));
  for (let i = 0; i < count; i++) {
    const j = i + randomInt(random, pool.length - i);
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, count);
}

// ─── Random stream ──────────────────────────────────────────────────────────────────────────────────

/**
 * How many of `handled` tickets the quota asks for: N (at most what there is), or
 * ⌈P % × handled⌉ but at least `minimum` (and at most what there is).
 */
export function quotaFor(quota: SamplingQuota, handled: number): number {
  if (handled <= 0) return 0;
  if (quota.kind === 'count') return Math.min(handled, Math.max(0, Math.floor(quota.count)));
  // Subtract a hair so that 5 % of 100 is 5, not 6 through binary noise.
  const share = Math.ceil((quota.percent * handled) / 100 - 1e-9);
  return Math.min(handled, Math.max(share, Math.floor(quota.minimum)));
}

/**
 * Splits `seats` across strata in proportion to their sizes, without favouring any ticket:
 * each stratum gets ⌊seats × size / total⌋, and the seats left over go to strata with probability equal
 * to their remainder (systematic randomised rounding: one uniform number `u` in [0, 1) walks the
 * cumulative remainders). So a stratum always gets its proportional share rounded down or up (the same
 * bound as largest-remainder rounding), the total is exact, and every stratum's *expected* allocation is
 * exactly seats × size / total — hence every ticket's chance of being drawn is seats ÷ total, whatever
 * channel it is on. Largest-remainder rounding would instead always round the same strata up, so on small
 * samples a lone voice call among 10 tickets with 3 seats would never be drawn. A stratum never gets more
 * seats than it has tickets.
 */
export function allocateSeats(sizes: readonly number[], seats: number, u: number): number[] {
  const total = sizes.reduce((sum, size) => sum + size, 0);
  if (total === 0 || seats <= 0) return sizes.map(() => 0);
  const n = Math.min(seats, total);
  // Integer arithmetic for the shares; remainders are in units of 1 / total.
  const allocation = sizes.map((size) => Math.floor((n * size) / total));
  const start = u * total;
  let cumulative = 0;
  sizes.forEach((size, i) => {
    const before = cumulative;
    cumulative += (n * size) % total;
    // Points start, start + total, start + 2·total, …: how many fall in [before, cumulative)?
    allocation[i] += Math.ceil((cumulative - start) / total) - Math.ceil((before - start) / total);
  });
  return allocation;
}

/** A ticket drawn earlier in the same period (random stream). */
export interface EarlierDraw {
  ticketId: string;
  agentId: string;
}

/**
 * The random stream for one period. Per agent:
 * 1. handled = the agent's `candidates` plus their earlier draws of the period (`alreadyDrawnThisPeriod`);
 * 2. target = the quota of handled (`quotaFor`), lowered to `capPerAgent`; what earlier draws of the
 *    period already took is subtracted, so repeated runs top up and never exceed the cap;
 * 3. the seats are split across channels in proportion to the agent's undrawn tickets per channel
 *    (`allocateSeats`: proportional, rounded so that no channel is favoured; without stratification,
 *    one pool);
 * 4. each channel's tickets are drawn uniformly without replacement.
 * Pass every ticket the agent handled in the period; earlier draws among them are never drawn again.
 * Each agent draws from its own generator (seeded with `seed` and the agent id), and tickets are
 * ordered by id first, so the draw depends on neither the input order nor the other agents.
 * Every undrawn ticket of an agent has the same chance, seats ÷ undrawn tickets, whatever its channel;
 * a single run at the end of the period therefore gives the headline score an unbiased sample.
 */
export function drawSample(policy: Pick<SamplingPolicy, 'quota' | 'stratifyByChannel' | 'capPerAgent'>, candidates: readonly QaCandidate[], alreadyDrawnThisPeriod: readonly EarlierDraw[], seed: string): SampleDraw {
  const earlier = new Map<string, Set<string>>();
  for (const draw of alreadyDrawnThisPeriod) groupInto(earlier, draw.agentId, draw.ticketId);
  const drawnIds = new Set(alreadyDrawnThisPeriod.map((d) => d.ticketId));

  const byAgent = new Map<string, QaCandidate[]>();
  const seen = new Set<string>();
  for (const candidate of [...candidates].sort((a, b) => compare(a.ticketId, b.ticketId))) {
    if (seen.has(candidate.ticketId)) continue;
    seen.add(candidate.ticketId);
    const list = byAgent.get(candidate.agentId) ?? [];
    list.push(candidate);
    byAgent.set(candidate.agentId, list);
  }

  const agentIds = [...new Set([...byAgent.keys(), ...earlier.keys()])].sort(compare);
  const picks: RandomPick[] = [];
  const agents: AgentDrawSummary[] = [];
  for (const agentId of agentIds) {
    const tickets = byAgent.get(agentId) ?? [];
    const before = earlier.get(agentId) ?? new Set<string>();
    const pool = tickets.filter((t) => !drawnIds.has(t.ticketId));
    const handled = new Set([...tickets.map((t) => t.ticketId), ...before]).size;
    const quota = quotaFor(policy.quota, handled);
    const target = policy.capPerAgent === null ? quota : Math.min(quota, Math.max(0, policy.capPerAgent));
    const seats = Math.min(pool.length, Math.max(0, target - before.size));

    const random = seededRandom(`${seed}\u0000${agentId}`);
    const strata: QaCandidate[][] = policy.stratifyByChannel ? CHANNELS.map((channel) => pool.filter((t) => t.channel === channel)) : [pool];
    const allocation = allocateSeats(
      strata.map((s) => s.length),
      seats,
      random(),
    );
    const byChannel: Partial<Record<Channel, number>> = {};
    strata.forEach((stratum, i) => {
      for (const ticket of pickUniform(stratum, allocation[i], random).sort((a, b) => compare(a.ticketId, b.ticketId))) {
        picks.push({ ticketId: ticket.ticketId, agentId, channel: ticket.channel, stream: 'random' });
        byChannel[ticket.channel] = (byChannel[ticket.channel] ?? 0) + 1;
      }
    });
    agents.push({ agentId, handled, quota, alreadyDrawn: before.size, drawn: seats, capped: target < quota, byChannel });
  }
  return { seed, picks, agents };
}

// ─── Targeted stream ────────────────────────────────────────────────────────────────────────────────

/** Does `candidate` match `rule`? Unknown facts (no CSAT answer, no handle time) never match. */
export function matchesRule(rule: TargetedRule, candidate: QaCandidate): boolean {
  switch (rule.kind) {
    case 'low_csat':
      return typeof candidate.csat === 'number' && candidate.csat <= rule.maxScore;
    case 'long_handle':
      return typeof candidate.handleSeconds === 'number' && candidate.handleSeconds >= rule.minSeconds;
    case 'transferred':
      return candidate.transferred === true;
    case 'escalated':
      return candidate.escalated === true;
    case 'autoqa_flag': {
      const flags = candidate.autoQaFlags ?? [];
      return rule.flags && rule.flags.length > 0 ? flags.some((flag) => rule.flags?.includes(flag)) : flags.length > 0;
    }
  }
}

export interface TargetedResult {
  /** The targeted stream: tickets matching a rule that are not in the random stream. */
  picks: TargetedPick[];
  /**
   * Tickets of the random stream that matched a rule too: they stay in the random stream (and the
   * headline score) and are not duplicated; the rule is shown so the lead knows why they stand out.
   */
  matchedInRandom: { ticketId: string; ruleId: string; matchedRuleIds: string[] }[];
}

/**
 * The targeted stream: every candidate that matches at least one rule, with the first rule it matched
 * (in policy order) and all of them. A ticket already in the random stream (`randomStream`: ticket ids)
 * keeps its random-stream membership and is not added again. Leave out of `candidates` the tickets
 * targeted earlier in the period. Picks come in ticket id order.
 */
export function targetedSample(rules: readonly TargetedRule[], candidates: readonly QaCandidate[], randomStream: Iterable<string> = []): TargetedResult {
  const inRandom = new Set(randomStream);
  const picks: TargetedPick[] = [];
  const matchedInRandom: TargetedResult['matchedInRandom'] = [];
  const seen = new Set<string>();
  for (const candidate of [...candidates].sort((a, b) => compare(a.ticketId, b.ticketId))) {
    if (seen.has(candidate.ticketId)) continue;
    seen.add(candidate.ticketId);
    const matchedRuleIds = rules.filter((rule) => matchesRule(rule, candidate)).map((rule) => rule.id);
    if (matchedRuleIds.length === 0) continue;
    if (inRandom.has(candidate.ticketId)) matchedInRandom.push({ ticketId: candidate.ticketId, ruleId: matchedRuleIds[0], matchedRuleIds });
    else picks.push({ ticketId: candidate.ticketId, agentId: candidate.agentId, channel: candidate.channel, stream: 'targeted', ruleId: matchedRuleIds[0], matchedRuleIds });
  }
  return { picks, matchedInRandom };
}

// ─── Assignment to leads ────────────────────────────────────────────────────────────────────────────

export interface EvaluationToAssign {
  id: string;
  /** The agent whose ticket is evaluated: never assigned to themselves. */
  agentId: string;
}

export interface Assignment {
  evaluationId: string;
  leadId: string;
}

export interface AssignmentResult {
  /** In the order of `evaluations`. */
  assignments: Assignment[];
  /** Evaluations no lead may take (the only covering lead is the agent, or there is no lead). */
  unassigned: string[];
  /** Each lead's load afterwards (existing + new). */
  load: Record<string, number>;
}

/**
 * Shares evaluations among the leads who cover the client so their loads (open evaluations, counted in
 * `existingLoad`) end as even as possible. Each evaluation goes to the least-loaded lead who is not the
 * evaluated agent; ties go to the lead whose id sorts first. Evaluations whose agent is one of the leads
 * are placed first, as they have fewer choices. Deterministic: no randomness, and the same input in any
 * order gives the same assignment.
 */
export function assignEvenly(evaluations: readonly EvaluationToAssign[], leads: readonly string[], existingLoad: Readonly<Record<string, number>> = {}): AssignmentResult {
  const leadIds = [...new Set(leads)].sort(compare);
  const leadSet = new Set(leadIds);
  const load: Record<string, number> = Object.fromEntries(leadIds.map((id) => [id, Math.max(0, existingLoad[id] ?? 0)]));
  const order = [...evaluations].sort((a, b) => Number(leadSet.has(b.agentId)) - Number(leadSet.has(a.agentId)) || compare(a.id, b.id));
  const chosen = new Map<string, string>();
  for (const evaluation of order) {
    let best: string | null = null;
    for (const lead of leadIds) {
      if (lead === evaluation.agentId) continue;
      if (best === null || load[lead] < load[best]) best = lead;
    }
    if (best === null) continue;
    load[best] += 1;
    chosen.set(evaluation.id, best);
  }
  const assignments: Assignment[] = [];
  const unassigned: string[] = [];
  for (const evaluation of evaluations) {
    const lead = chosen.get(evaluation.id);
    if (lead) assignments.push({ evaluationId: evaluation.id, leadId: lead });
    else unassigned.push(evaluation.id);
  }
  return { assignments, unassigned, load };
}

// ─── Policy check ───────────────────────────────────────────────────────────────────────────────────

export const SAMPLING_LIMITS = { count: 1000, minimum: 1000, cap: 10_000, rules: 20, flags: 50, handleSeconds: 7 * 86_400 } as const;

/**
 * Checks a sampling policy from an admin; every problem with its field path, none = valid.
 * count 1–1000 (integer); percent above 0 up to 100; minimum 0–1000 (integer); cap null or 1–10 000
 * (integer) and, when set, at least the count or minimum (or the quota could never be met);
 * targeted rules: at most 20, unique ids, thresholds in range (CSAT 1–5, handle time 1 s–7 days).
 */
export function checkSamplingPolicy(input: unknown): FieldError[] {
  const problems: FieldError[] = [];
  const fail = (field: string, message: string) => problems.push({ field, message });
  if (!isRecord(input)) return [{ field: '', message: 'must be an object' }];
  for (const key of Object.keys(input)) if (!['quota', 'stratifyByChannel', 'capPerAgent', 'targeted'].includes(key)) fail(key, 'is not a sampling policy field');
  const quota = input['quota'];
  let floor = 0;
  if (!isRecord(quota) || (quota['kind'] !== 'count' && quota['kind'] !== 'percent')) {
    fail('quota', 'must be {kind: "count", count} or {kind: "percent", percent, minimum}');
  } else if (quota['kind'] === 'count') {
    if (!isInt(quota['count'], 1, SAMPLING_LIMITS.count)) fail('quota.count', `must be a whole number from 1 to ${SAMPLING_LIMITS.count}`);
    else floor = quota['count'] as number;
  } else {
    const percent = quota['percent'];
    if (typeof percent !== 'number' || !Number.isFinite(percent) || percent <= 0 || percent > 100) fail('quota.percent', 'must be above 0 and at most 100');
    if (!isInt(quota['minimum'], 0, SAMPLING_LIMITS.minimum)) fail('quota.minimum', `must be a whole number from 0 to ${SAMPLING_LIMITS.minimum}`);
    else floor = quota['minimum'] as number;
  }
  if (typeof input['stratifyByChannel'] !== 'boolean') fail('stratifyByChannel', 'must be true or false');
  const cap = input['capPerAgent'];
  if (cap !== null && !isInt(cap, 1, SAMPLING_LIMITS.cap)) fail('capPerAgent', `must be null (no cap) or a whole number from 1 to ${SAMPLING_LIMITS.cap}`);
  else if (typeof cap === 'number' && cap < floor) fail('capPerAgent', `must be at least the quota's ${isRecord(quota) && quota['kind'] === 'count' ? 'count' : 'minimum'} (${floor})`);
  const rules = input['targeted'];
  if (!Array.isArray(rules) || rules.length > SAMPLING_LIMITS.rules) {
    fail('targeted', `must list at most ${SAMPLING_LIMITS.rules} rules (may be empty)`);
    return problems;
  }
  const ids = new Set<string>();
  rules.forEach((rule: unknown, i) => checkRule(rule, `targeted.${i}`, ids, fail));
  return problems;
}

function checkRule(rule: unknown, at: string, ids: Set<string>, fail: (field: string, message: string) => void): void {
  if (!isRecord(rule)) return fail(at, 'must be an object');
  const id = rule['id'];
  if (typeof id !== 'string' || !/^[a-z][a-z0-9_-]{0,62}$/.test(id)) fail(`${at}.id`, 'must be 1–63 characters: a–z first, then a–z, 0–9, _ or -');
  else if (ids.has(id)) fail(`${at}.id`, `repeats the rule id "${id}"`);
  else ids.add(id);
  const fields: Record<string, string[]> = { low_csat: ['maxScore'], long_handle: ['minSeconds'], transferred: [], escalated: [], autoqa_flag: ['flags'] };
  const kind = rule['kind'];
  if (typeof kind !== 'string' || !(kind in fields)) return fail(`${at}.kind`, `must be one of ${Object.keys(fields).join(', ')}`);
  for (const key of Object.keys(rule)) if (key !== 'id' && key !== 'kind' && !fields[kind].includes(key)) fail(`${at}.${key}`, `is not a field of a ${kind} rule`);
  if (kind === 'low_csat' && !isInt(rule['maxScore'], 1, 5)) fail(`${at}.maxScore`, 'must be a CSAT answer from 1 to 5');
  if (kind === 'long_handle' && !isInt(rule['minSeconds'], 1, SAMPLING_LIMITS.handleSeconds)) fail(`${at}.minSeconds`, 'must be a whole number of seconds from 1 to 604800 (7 days)');
  if (kind === 'autoqa_flag' && rule['flags'] !== undefined) {
    const flags = rule['flags'];
    if (!Array.isArray(flags) || flags.length > SAMPLING_LIMITS.flags || !flags.every((f) => typeof f === 'string' && f.length > 0 && f.length <= 100)) fail(`${at}.flags`, `must list at most ${SAMPLING_LIMITS.flags} flag names (left out = any flag)`);
  }
}

// ─── A policy as an admin sends it, and one whole draw ──────────────────────────────────────────────

/**
 * Checks a whole policy request: a name (1–100 characters), `queueId` null or a UUID, `period` day, week
 * or month, `active` a boolean when given, and the sampling rules (`checkSamplingPolicy`).
 */
export function checkSamplingPolicyRequest(input: unknown): FieldError[] {
  if (!isRecord(input)) return [{ field: '', message: 'must be an object' }];
  const problems: FieldError[] = [];
  const { name, queueId, period, active, ...rules } = input;
  if (typeof name !== 'string' || name.trim().length === 0 || name.trim().length > 100) problems.push({ field: 'name', message: 'must be 1–100 characters' });
  if (queueId !== null && (typeof queueId !== 'string' || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(queueId))) problems.push({ field: 'queueId', message: 'must be null (the whole client) or the id of a queue of the client' });
  if (typeof period !== 'string' || !(SAMPLING_PERIODS as readonly string[]).includes(period)) problems.push({ field: 'period', message: `must be one of ${SAMPLING_PERIODS.join(', ')}` });
  if (active !== undefined && typeof active !== 'boolean') problems.push({ field: 'active', message: 'must be true or false' });
  return [...problems, ...checkSamplingPolicy(rules)];
}

/** The sampling rules of a checked request, as stored. */
export function samplingRulesOf(request: SamplingPolicyRequest): SamplingPolicy {
  return { quota: request.quota, stratifyByChannel: request.stratifyByChannel, capPerAgent: request.capPerAgent, targeted: request.targeted };
}

export interface DrawPlan {
  random: RandomPick[];
  targeted: TargetedPick[];
  agents: AgentDrawSummary[];
  /** Ticket id → the lead who reviews it (null: no lead may take it). */
  reviewerOf: Record<string, string | null>;
  /** Each lead's load afterwards (open drafts + new). */
  load: Record<string, number>;
}

/**
 * One draw of a policy for a period: the random stream (`drawSample`, topping up earlier draws of the
 * period up to quota and cap), then the targeted stream over the tickets the random stream did not take
 * (`targetedSample`), then every new evaluation shared among the leads who cover the client
 * (`assignEvenly`, never to the evaluated agent, starting from each lead's open drafts). `candidates`
 * are the period's handled tickets that have no evaluation yet; `earlier` the random-stream tickets of
 * earlier draws of this policy and period. Deterministic for a given seed and input.
 */
export function planDraw(
  policy: SamplingPolicy,
  candidates: readonly QaCandidate[],
  earlier: readonly EarlierDraw[],
  seed: string,
  leads: readonly string[],
  existingLoad: Readonly<Record<string, number>> = {},
): DrawPlan {
  const draw = drawSample(policy, candidates, earlier, seed);
  const randomIds = new Set(draw.picks.map((p) => p.ticketId));
  const { picks: targeted } = targetedSample(policy.targeted, candidates, randomIds);
  const all = [...draw.picks, ...targeted];
  const { assignments, load } = assignEvenly(
    all.map((p) => ({ id: p.ticketId, agentId: p.agentId })),
    leads,
    existingLoad,
  );
  const reviewerOf: Record<string, string | null> = Object.fromEntries(all.map((p) => [p.ticketId, null]));
  for (const a of assignments) reviewerOf[a.evaluationId] = a.leadId;
  return { random: draw.picks, targeted, agents: draw.agents, reviewerOf, load };
}

function groupInto(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key) ?? new Set<string>();
  set.add(value);
  map.set(key, set);
}

/** Code-unit order, the same in every locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isInt(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}
