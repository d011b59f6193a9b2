import { Exclusion, type CandidateTrace, type RoutingTrace } from '@switchboard/shared-contracts';
import { isWithinSchedule } from './shift-schedule.util';
import {
  assessAgent,
  assessAgentForRound,
  channelWeight,
  compareRankKeys,
  decidingKey,
  fitsCapacity,
  rankKeyOf,
  requirementAt,
  ticketScore,
  type RankKey,
  type Requirement,
  type RoutedQueue,
  type RoutingAgent,
  type WaitingTicket,
} from './routing.util';

/**
 * Who gets which waiting ticket, and why: one ticket (`chooseAgent`) or a whole dispatch round
 * (`planOffers`). A round ranks the agents once per kind of ticket (client, channel, queue, overflow
 * ring, language) and keeps that ranking current as it plans offers, so a round over thousands of
 * tickets and agents costs about as much as sorting the agents a few times — not once per ticket.
 */

export interface OfferPlan {
  ticketId: string;
  agentId: string;
  trace: RoutingTrace;
}

/** Trace lists stop here (the best-ranked first, then the excluded); the counts still cover every agent. */
export const TRACE_CANDIDATE_LIMIT = 12;

/** An agent as a round sees them: every offer planned adds to the load and bumps the version. */
type Working = RoutingAgent & { version: number };

interface Entry {
  agent: Working;
  /** The agent's rank key when the entry was made; valid while `version` matches the agent's. */
  key: RankKey;
  version: number;
}

const entryOf = (agent: Working, skillFit: number): Entry => ({ agent, key: rankKeyOf({ agent, skillFit }), version: agent.version });

/**
 * The agents of one kind of ticket, best first. Rules that hold for the whole round (state, shift,
 * client, skills, language, team, transfer) are checked once when the pool is made; load changes as
 * offers are planned, and only ever grows within a round, so an agent's rank only ever falls. The
 * ranking is therefore kept lazily: an entry made before the agent's last change ranks them too well,
 * and is moved to its right place (or out, when the agent is full) when the walk reaches it.
 */
class CandidatePool {
  private readonly ranked: Entry[] = [];
  /** Eligible but for their load: no room left for this channel (in the order they filled up). */
  private readonly full: Working[] = [];
  /** Excluded by a rule that holds for the round, in the order given. */
  private readonly excluded: Working[] = [];
  private readonly members = new Set<string>();
  private readonly eligible = new Set<string>();
  private readonly roundCounts: Partial<Record<Exclusion, number>> = {};
  /** Members who take this channel but have no room for one more now (`at_capacity`). */
  private fullCount = 0;
  /** Eligible members with room now. */
  private roomCount = 0;

  constructor(
    readonly ticket: Pick<WaitingTicket, 'clientId' | 'channel' | 'transfer'>,
    readonly requirement: Requirement | null,
    agents: readonly Working[],
    onShift: (agent: RoutingAgent) => boolean,
  ) {
    for (const agent of agents) {
      this.members.add(agent.id);
      const { eligible, excluded, skillFit } = assessAgentForRound(agent, ticket, requirement, onShift(agent));
      for (const { reason } of excluded) this.roundCounts[reason] = (this.roundCounts[reason] ?? 0) + 1;
      const room = fitsCapacity(agent.capacity, agent.occupancy, ticket.channel);
      if (!room && Number.isFinite(channelWeight(agent.capacity, ticket.channel))) this.fullCount += 1;
      if (!eligible) {
        this.excluded.push(agent);
        continue;
      }
      this.eligible.add(agent.id);
      if (!room) {
        this.full.push(agent);
        continue;
      }
      this.ranked.push(entryOf(agent, skillFit));
      this.roomCount += 1;
    }
    this.ranked.sort((a, b) => compareRankKeys(a.key, b.key));
  }

  get hasRoom(): boolean {
    return this.roomCount > 0;
  }

  has(agentId: string): boolean {
    return this.members.has(agentId);
  }

  /** Up to `limit` eligible agents with room, best first, leaving out those who declined the ticket. */
  best(declinedBy: ReadonlySet<string>, limit: number): Entry[] {
    const out: Entry[] = [];
    for (let i = 0; i < this.ranked.length && out.length < limit; ) {
      const entry = this.ranked[i];
      if (entry.version !== entry.agent.version) {
        // Ranked too well: the agent took work since. Their right place is at i or later.
        this.ranked.splice(i, 1);
        if (fitsCapacity(entry.agent.capacity, entry.agent.occupancy, this.ticket.channel)) this.insert(entryOf(entry.agent, entry.key.skillFit));
        else this.full.push(entry.agent);
        continue;
      }
      i += 1;
      if (!declinedBy.has(entry.agent.id)) out.push(entry);
    }
    return out;
  }

  /** A member was just planned an offer: their load was `occupancyBefore`. */
  agentChanged(agent: Working, occupancyBefore: number): void {
    const channel = this.ticket.channel;
    if (fitsCapacity(agent.capacity, occupancyBefore, channel) && !fitsCapacity(agent.capacity, agent.occupancy, channel)) {
      this.fullCount += 1;
      if (this.eligible.has(agent.id)) this.roomCount -= 1;
    }
  }

  /** Every reason counted over every member, for this ticket now. `waitingForLastAgent`: eligible agents passed over for a sticky follow-up. */
  counts(declinedBy: ReadonlySet<string>, waitingForLastAgent: number): Partial<Record<Exclusion, number>> {
    const counts = { ...this.roundCounts };
    if (this.fullCount > 0) counts[Exclusion.AtCapacity] = this.fullCount;
    let declined = 0;
    for (const id of declinedBy) if (this.members.has(id)) declined += 1;
    if (declined > 0) counts[Exclusion.DeclinedRecently] = declined;
    if (waitingForLastAgent > 0) counts[Exclusion.WaitingForLastAgent] = waitingForLastAgent;
    return counts;
  }

  /** Eligible agents with room for this ticket now (those who declined it left out). */
  eligibleWithRoom(declinedBy: ReadonlySet<string>, agentOf: (id: string) => Working | undefined): number {
    let n = this.roomCount;
    for (const id of declinedBy) {
      const agent = this.eligible.has(id) ? agentOf(id) : undefined;
      if (agent && fitsCapacity(agent.capacity, agent.occupancy, this.ticket.channel)) n -= 1;
    }
    return n;
  }

  /** Members to list as excluded in a trace, most telling first: full, then excluded by a round rule. */
  *excludedMembers(): Iterable<Working> {
    yield* this.full;
    yield* this.excluded;
  }

  private insert(entry: Entry): void {
    let low = 0;
    let high = this.ranked.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (compareRankKeys(this.ranked[mid].key, entry.key) <= 0) low = mid + 1;
      else high = mid;
    }
    this.ranked.splice(low, 0, entry);
  }
}

interface Choice {
  plan: OfferPlan | null;
  waitingFor: 'no_eligible_agent' | 'sticky_agent' | null;
}

interface PickContext {
  pool: CandidatePool;
  agentOf: (id: string) => Working | undefined;
  onShift: (agent: RoutingAgent) => boolean;
  unavailableCount: number;
}

/** A transfer to an agent or a team: the colleague asked for that person or team, whatever the queue asks. */
const isDirected = (ticket: WaitingTicket) => ticket.transfer !== null && ticket.transfer.target.kind !== 'queue';

function requirementFor(ticket: WaitingTicket, queue: RoutedQueue | null, waitedSeconds: number): Requirement | null {
  return queue && !isDirected(ticket) ? requirementAt(queue, ticket.language, waitedSeconds) : null;
}

function pick(ticket: WaitingTicket, queue: RoutedQueue | null, now: Date, waitedSeconds: number, { pool, agentOf, onShift, unavailableCount }: PickContext): Choice {
  const requirement = pool.requirement;
  let sticky: RoutingTrace['sticky'] = null;
  let stickyChoice: Entry | null = null;
  // A follow-up (not a transfer, which is a deliberate hand-over) waits for the last agent only while
  // that agent is merely busy: away, offline, off shift, cooling down or unable to take this ticket at
  // all means waiting would only delay the customer, so the ticket routes normally.
  if (!ticket.transfer && queue && ticket.lastAgentId && queue.stickySeconds > 0 && waitedSeconds < queue.stickySeconds && !ticket.declinedBy.has(ticket.lastAgentId)) {
    const last = pool.has(ticket.lastAgentId) ? agentOf(ticket.lastAgentId) : undefined;
    const assessment = last ? assessAgent(last, ticket, requirement, now, onShift(last)) : null;
    if (last && assessment && assessment.excluded.every(({ reason }) => reason === Exclusion.AtCapacity)) {
      sticky = { agentId: last.id, until: new Date(ticket.queuedAt.getTime() + queue.stickySeconds * 1000).toISOString() };
      if (!assessment.eligible) return { plan: null, waitingFor: 'sticky_agent' };
      stickyChoice = entryOf(last, assessment.skillFit);
    }
  }
  if (!pool.hasRoom) return { plan: null, waitingFor: 'no_eligible_agent' };
  const best = pool.best(ticket.declinedBy, TRACE_CANDIDATE_LIMIT);
  const ranked = stickyChoice ? [stickyChoice] : best;
  if (ranked.length === 0) return { plan: null, waitingFor: 'no_eligible_agent' };
  const chosen = ranked[0].agent;

  // The trace: the ranked agents, then the excluded, each with every reason that holds now.
  const listed: CandidateTrace[] = [];
  const seen = new Set<string>();
  const list = (agent: Working, rank: number | null, extra: CandidateTrace['excluded'] = []) => {
    if (seen.has(agent.id) || listed.length >= TRACE_CANDIDATE_LIMIT) return;
    seen.add(agent.id);
    const { excluded, skillFit } = assessAgent(agent, ticket, requirement, now, onShift(agent));
    const key = rankKeyOf({ agent, skillFit });
    listed.push({
      agentId: agent.id,
      name: agent.name,
      eligible: rank !== null,
      excluded: rank === null ? [...excluded, ...extra] : [],
      skillFit,
      occupancy: key.occupancy,
      recentOffers: agent.recentOffers,
      idleSeconds: Math.max(0, Math.round((now.getTime() - key.idleSinceMs) / 1000)),
      rank,
    });
  };
  ranked.forEach((entry, i) => list(entry.agent, i + 1));
  if (stickyChoice) for (const entry of best) list(entry.agent, null, [{ reason: Exclusion.WaitingForLastAgent }]);
  for (const id of ticket.declinedBy) {
    const agent = pool.has(id) ? agentOf(id) : undefined;
    if (agent) list(agent, null);
  }
  for (const agent of pool.excludedMembers()) {
    if (listed.length >= TRACE_CANDIDATE_LIMIT) break;
    list(agent, null);
  }

  const passedOver = stickyChoice ? pool.eligibleWithRoom(ticket.declinedBy, agentOf) - 1 : 0;
  const score = queue ? ticketScore(ticket, queue, now) : { total: 0, priority: 0, wait: 0, sla: 0 };
  return {
    waitingFor: null,
    plan: {
      ticketId: ticket.id,
      agentId: chosen.id,
      trace: {
        at: now.toISOString(),
        queueId: queue?.id ?? null,
        queueName: queue?.name ?? null,
        ticketScore: score,
        waitedSeconds: Math.round(waitedSeconds),
        ring: requirement?.ring ?? 0,
        requirement: requirement ? { skillSets: requirement.skillSets, language: requirement.language, teamIds: requirement.teamIds } : { skillSets: [], language: null, teamIds: null },
        sticky,
        transfer: ticket.transfer ? { kind: ticket.transfer.target.kind, warm: ticket.transfer.warm } : null,
        candidates: listed,
        unavailableCount,
        excludedCounts: pool.counts(ticket.declinedBy, passedOver),
        chosenAgentId: chosen.id,
        decidedBy: isDirected(ticket) ? 'directed' : stickyChoice ? 'sticky' : decidingKey(ranked[0].key, ranked[1]?.key),
      },
    },
  };
}

const waitedSecondsOf = (ticket: WaitingTicket, now: Date) => Math.max(0, (now.getTime() - ticket.queuedAt.getTime()) / 1000);

/**
 * Chooses the agent for one ticket among `agents`. Returns null — with the reason in `waitingFor` —
 * when nobody may take it now.
 */
export function chooseAgent(
  ticket: WaitingTicket,
  queue: RoutedQueue | null,
  agents: readonly RoutingAgent[],
  now: Date,
  context: { unavailableCount?: number; onShift?: (agent: RoutingAgent) => boolean } = {},
): Choice {
  const working = agents.map((agent) => ({ ...agent, version: 0 }));
  const byId = new Map(working.map((agent) => [agent.id, agent]));
  const onShift = context.onShift ?? ((agent: RoutingAgent) => isWithinSchedule(agent.schedule, agent.timeZone, now));
  const waitedSeconds = waitedSecondsOf(ticket, now);
  const pool = new CandidatePool(ticket, requirementFor(ticket, queue, waitedSeconds), working, onShift);
  return pick(ticket, queue, now, waitedSeconds, { pool, agentOf: (id) => byId.get(id), onShift, unavailableCount: context.unavailableCount ?? 0 });
}

/**
 * One dispatch round: waiting tickets in score order, each offered to its best eligible agent; an
 * agent's load, offers and idle time change with each offer planned, so a round never plans past
 * anyone's capacity and spreads its offers. `agents` are those able to take work now (available and
 * connected); `unavailableByClient` counts the others for the trace; at most `maxOffers` are planned.
 */
export function planOffers(
  waiting: readonly WaitingTicket[],
  agents: readonly RoutingAgent[],
  queues: ReadonlyMap<string, RoutedQueue>,
  now: Date,
  unavailableByClient: ReadonlyMap<string, number> = new Map(),
  maxOffers = Number.POSITIVE_INFINITY,
): OfferPlan[] {
  const working: Working[] = agents.map((agent) => ({ ...agent, version: 0 }));
  const byId = new Map(working.map((agent) => [agent.id, agent]));
  const agentOf = (id: string) => byId.get(id);
  const byClient = new Map<string, Working[]>();
  for (const agent of working) {
    for (const clientId of agent.clientIds) {
      const list = byClient.get(clientId) ?? [];
      list.push(agent);
      byClient.set(clientId, list);
    }
  }
  const shiftCache = new Map<string, boolean>();
  const onShift = (agent: RoutingAgent) => {
    let value = shiftCache.get(agent.id);
    if (value === undefined) shiftCache.set(agent.id, (value = isWithinSchedule(agent.schedule, agent.timeZone, now)));
    return value;
  };
  const scored = waiting.map((ticket) => {
    const queue = ticket.queueId ? (queues.get(ticket.queueId) ?? null) : null;
    return { ticket, queue, score: queue ? ticketScore(ticket, queue, now).total : 0 };
  });
  scored.sort((a, b) => b.score - a.score || a.ticket.queuedAt.getTime() - b.ticket.queuedAt.getTime() || (a.ticket.id < b.ticket.id ? -1 : 1));

  const pools = new Map<string, CandidatePool>();
  const poolsOfClient = new Map<string, CandidatePool[]>();
  const poolFor = (ticket: WaitingTicket, requirement: Requirement | null, clientAgents: Working[]) => {
    // A transfer's own rules (who hands it over, to whom) make its pool its own.
    const key = ticket.transfer ? `transfer:${ticket.id}` : `${ticket.clientId}|${ticket.channel}|${ticket.queueId}|${requirement?.ring}|${ticket.language}`;
    let pool = pools.get(key);
    if (!pool) {
      pool = new CandidatePool(ticket, requirement, clientAgents, onShift);
      pools.set(key, pool);
      poolsOfClient.set(ticket.clientId, [...(poolsOfClient.get(ticket.clientId) ?? []), pool]);
    }
    return pool;
  };

  const plans: OfferPlan[] = [];
  for (const { ticket, queue } of scored) {
    if (plans.length >= maxOffers) break;
    const clientAgents = byClient.get(ticket.clientId);
    if (!clientAgents) continue;
    const waitedSeconds = waitedSecondsOf(ticket, now);
    const pool = poolFor(ticket, requirementFor(ticket, queue, waitedSeconds), clientAgents);
    const { plan } = pick(ticket, queue, now, waitedSeconds, { pool, agentOf, onShift, unavailableCount: unavailableByClient.get(ticket.clientId) ?? 0 });
    if (!plan) continue;
    plans.push(plan);
    const agent = byId.get(plan.agentId)!;
    const occupancyBefore = agent.occupancy;
    agent.occupancy += channelWeight(agent.capacity, ticket.channel);
    agent.recentOffers += 1;
    agent.idleSince = now;
    agent.version += 1;
    for (const clientId of agent.clientIds) for (const other of poolsOfClient.get(clientId) ?? []) other.agentChanged(agent, occupancyBefore);
  }
  return plans;
}
