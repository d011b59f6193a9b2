import {
  AgentState,
  Exclusion,
  OverflowWiden,
  type Channel,
  type QueueSettings,
  type SkillRequirement,
  type TransferTarget,
} from '@switchboard/shared-contracts';
import { isWithinSchedule, type WeeklySchedule } from './shift-schedule.util';

/**
 * The routing engine's rules, without a database: what an agent can hold, which waiting ticket goes
 * first, which agents may take it and in what order. `offer-planner.util` applies them to a whole
 * round; the dispatcher loads the facts, calls `planOffers`, and writes what it returns under row locks.
 */

/** Capacity per channel: how many of that channel's tickets fill the agent (a call: 1). */
export type ChannelCapacity = Partial<Record<Channel, number>>;
export const DEFAULT_CAPACITY: Record<Channel, number> = { voice: 1, chat: 3, email: 5, social: 3 };

/**
 * Share of an agent one ticket of `channel` takes; Infinity when the agent takes none of that channel.
 * A call always takes the whole agent, whatever number the voice capacity holds.
 */
export function channelWeight(capacity: ChannelCapacity, channel: Channel): number {
  const slots = capacity[channel] ?? 0;
  if (!(slots > 0)) return Number.POSITIVE_INFINITY;
  return channel === 'voice' ? 1 : 1 / slots;
}

/**
 * Occupancy (0–1+) of an agent holding these tickets and offers, per channel. A ticket of a channel the
 * agent has no capacity for (a lead assigned it, or capacity was lowered) fills the agent on its own.
 */
export function occupancyOf(capacity: ChannelCapacity, held: Partial<Record<Channel, number>>): number {
  let total = 0;
  for (const [channel, count] of Object.entries(held) as [Channel, number][]) {
    if (count > 0) total += count * Math.min(1, channelWeight(capacity, channel));
  }
  return total;
}

const EPSILON = 1e-9;
/** Does one more ticket of `channel` fit? A call needs the agent free; chats and emails add their share. */
export function fitsCapacity(capacity: ChannelCapacity, occupancy: number, channel: Channel): boolean {
  const weight = channelWeight(capacity, channel);
  return Number.isFinite(weight) && occupancy + weight <= 1 + EPSILON;
}

export interface TicketScore {
  total: number;
  priority: number;
  wait: number;
  sla: number;
}

export interface ScoredFacts {
  priority: number;
  queuedAt: Date;
  /** When the answer target is breached; null = no target. */
  slaDueAt: Date | null;
}

/**
 * Place in line: priority points (urgent 1 = 3 steps above low 4), plus points per minute waited,
 * plus SLA points rising from 0 at arrival to `slaWeight` at the breach (and held there after).
 * The wait term grows without bound, so any ticket eventually outranks every newer one: none starves.
 */
export function ticketScore(facts: ScoredFacts, queue: Pick<QueueSettings, 'ordering' | 'slaSeconds'>, now: Date): TicketScore {
  const waitedMinutes = Math.max(0, now.getTime() - facts.queuedAt.getTime()) / 60_000;
  const priority = queue.ordering.priorityWeight * (4 - clamp(facts.priority, 1, 4));
  const wait = queue.ordering.waitWeight * waitedMinutes;
  let sla = 0;
  if (facts.slaDueAt && queue.slaSeconds > 0) {
    const remainingSeconds = (facts.slaDueAt.getTime() - now.getTime()) / 1000;
    sla = queue.ordering.slaWeight * clamp(1 - remainingSeconds / queue.slaSeconds, 0, 1);
  }
  return { total: round(priority + wait + sla), priority: round(priority), wait: round(wait), sla: round(sla) };
}

export interface Requirement {
  ring: number;
  /** An agent qualifies with any one of these sets (empty list = no skills asked). */
  skillSets: SkillRequirement[][];
  language: string | null;
  /** null = any team. */
  teamIds: string[] | null;
}

/** What the queue asks of an agent after the ticket has waited `waitedSeconds`: each passed ring widens it. */
export function requirementAt(queue: Pick<QueueSettings, 'requiredSkills' | 'secondarySkills' | 'language' | 'teamIds' | 'overflow'>, ticketLanguage: string | null, waitedSeconds: number): Requirement {
  const skillSets: SkillRequirement[][] = [queue.requiredSkills];
  let language = queue.language ?? ticketLanguage;
  let teamIds: string[] | null = queue.teamIds.length > 0 ? [...queue.teamIds] : null;
  let ring = 0;
  const rings = [...queue.overflow].sort((a, b) => a.afterSeconds - b.afterSeconds);
  for (const step of rings) {
    if (waitedSeconds < step.afterSeconds) break;
    ring += 1;
    if (step.widen === OverflowWiden.SecondarySkills && queue.secondarySkills.length > 0) skillSets.push(queue.secondarySkills);
    if (step.widen === OverflowWiden.AnyLanguage) language = null;
    if (step.widen === OverflowWiden.Teams && teamIds) teamIds = [...new Set([...teamIds, ...(step.teamIds ?? [])])];
  }
  return { ring, skillSets: skillSets.filter((set, i) => i === 0 || set.length > 0), language, teamIds };
}

export interface RoutingAgent {
  id: string;
  name: string;
  state: AgentState;
  connected: boolean;
  timeZone: string;
  schedule: WeeklySchedule;
  clientIds: readonly string[];
  teamIds: readonly string[];
  languages: readonly string[];
  /** Skill key → proficiency 1–5. */
  skills: Readonly<Record<string, number>>;
  capacity: ChannelCapacity;
  /** Share of capacity in use now (assigned tickets and pending offers). */
  occupancy: number;
  /** Offers received within the fairness window. */
  recentOffers: number;
  /** Since when the agent has had no new work (last offer, or becoming available). */
  idleSince: Date;
}

export interface PendingTransfer {
  target: TransferTarget;
  warm: boolean;
  fromAgentId: string | null;
}

export interface WaitingTicket extends ScoredFacts {
  id: string;
  clientId: string;
  queueId: string | null;
  channel: Channel;
  language: string | null;
  /** The agent who served this contact's previous ticket (sticky routing), if any. */
  lastAgentId: string | null;
  transfer: PendingTransfer | null;
  /** Agents in their cooldown for this ticket (rejected it, let it time out, or had it returned). */
  declinedBy: ReadonlySet<string>;
}

export interface Assessment {
  eligible: boolean;
  excluded: { reason: Exclusion; detail?: string }[];
  skillFit: number;
}

/** May this agent take this ticket under this requirement, now? Every failing reason is listed. */
export function assessAgent(agent: RoutingAgent, ticket: WaitingTicket, requirement: Requirement | null, now: Date, onShift = isWithinSchedule(agent.schedule, agent.timeZone, now)): Assessment {
  return assess(agent, ticket, requirement, onShift, true);
}

/**
 * The reasons that hold for a whole round whatever else is offered in it: everything but the agent's
 * load and the ticket's own cooldowns. An agent eligible on these is eligible for the ticket while they
 * have room and have not declined it (the planner keeps those two apart, as they change within a round).
 */
export function assessAgentForRound(agent: RoutingAgent, ticket: Pick<WaitingTicket, 'clientId' | 'channel' | 'transfer'>, requirement: Requirement | null, onShift: boolean): Assessment {
  return assess(agent, { ...ticket, declinedBy: NOBODY }, requirement, onShift, false);
}

const NOBODY: ReadonlySet<string> = new Set();

function assess(agent: RoutingAgent, ticket: Pick<WaitingTicket, 'clientId' | 'channel' | 'transfer' | 'declinedBy'>, requirement: Requirement | null, onShift: boolean, withLoad: boolean): Assessment {
  const excluded: Assessment['excluded'] = [];
  if (agent.state !== AgentState.Available) excluded.push({ reason: Exclusion.NotAvailable, detail: agent.state });
  else if (!agent.connected) excluded.push({ reason: Exclusion.Disconnected });
  if (!onShift) excluded.push({ reason: Exclusion.OffShift });
  if (!agent.clientIds.includes(ticket.clientId)) excluded.push({ reason: Exclusion.NotServingClient });
  if (!Number.isFinite(channelWeight(agent.capacity, ticket.channel))) excluded.push({ reason: Exclusion.NoChannelCapacity, detail: ticket.channel });
  else if (withLoad && !fitsCapacity(agent.capacity, agent.occupancy, ticket.channel)) excluded.push({ reason: Exclusion.AtCapacity, detail: `${Math.round(agent.occupancy * 100)}%` });
  if (ticket.declinedBy.has(agent.id)) excluded.push({ reason: Exclusion.DeclinedRecently });
  const transfer = ticket.transfer;
  if (transfer?.fromAgentId === agent.id) excluded.push({ reason: Exclusion.TransferSource });
  if (transfer?.target.kind === 'agent' && transfer.target.agentId !== agent.id) excluded.push({ reason: Exclusion.NotTransferTarget });
  if (transfer?.target.kind === 'team' && !agent.teamIds.includes(transfer.target.teamId)) excluded.push({ reason: Exclusion.NotTransferTarget });

  let skillFit = 0;
  if (requirement) {
    const fit = bestSkillFit(agent.skills, requirement.skillSets);
    if (fit === null) excluded.push({ reason: Exclusion.MissingSkill, detail: describeSkillSets(requirement.skillSets) });
    else skillFit = fit;
    if (requirement.language && !agent.languages.includes(requirement.language)) excluded.push({ reason: Exclusion.Language, detail: requirement.language });
    if (requirement.teamIds && !requirement.teamIds.some((team) => agent.teamIds.includes(team))) excluded.push({ reason: Exclusion.NotInTeam });
  }
  return { eligible: excluded.length === 0, excluded, skillFit };
}

/** Mean proficiency over the best satisfied skill set; null when no set is satisfied; 0 when no skills are asked. */
export function bestSkillFit(skills: Readonly<Record<string, number>>, skillSets: SkillRequirement[][]): number | null {
  if (skillSets.length === 0) return 0;
  let best: number | null = null;
  for (const set of skillSets) {
    if (set.length === 0) return Math.max(best ?? 0, 0);
    if (!set.every((need) => (skills[need.skill] ?? 0) >= need.minProficiency)) continue;
    const fit = round(set.reduce((sum, need) => sum + (skills[need.skill] ?? 0), 0) / set.length);
    best = best === null ? fit : Math.max(best, fit);
  }
  return best;
}

function describeSkillSets(skillSets: SkillRequirement[][]): string {
  return skillSets.map((set) => set.map((need) => `${need.skill}≥${need.minProficiency}`).join(' + ')).join(' or ');
}

/** An agent with their fit for one kind of ticket. */
export interface Ranked {
  agent: RoutingAgent;
  skillFit: number;
}

/** What ranks an agent among the eligible, read at one moment (a round's planner keeps these as snapshots). */
export interface RankKey {
  id: string;
  skillFit: number;
  /** Rounded, so float noise (0.1 + 0.2 vs 0.3) never decides. */
  occupancy: number;
  recentOffers: number;
  idleSinceMs: number;
}

export function rankKeyOf({ agent, skillFit }: Ranked): RankKey {
  return { id: agent.id, skillFit, occupancy: round(agent.occupancy), recentOffers: agent.recentOffers, idleSinceMs: agent.idleSince.getTime() };
}

const RANK_KEYS: { key: string; compare: (a: RankKey, b: RankKey) => number }[] = [
  { key: 'skill_fit', compare: (a, b) => b.skillFit - a.skillFit },
  { key: 'occupancy', compare: (a, b) => a.occupancy - b.occupancy },
  { key: 'fairness', compare: (a, b) => a.recentOffers - b.recentOffers },
  { key: 'idle', compare: (a, b) => a.idleSinceMs - b.idleSinceMs },
];

/** Best skill fit first, then the least occupied, then the fewest offers in the fairness window, then the longest idle, then by id (the same on every node). */
export function compareRankKeys(a: RankKey, b: RankKey): number {
  for (const { compare } of RANK_KEYS) {
    const order = compare(a, b);
    if (order !== 0) return order;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function compareCandidates(a: Ranked, b: Ranked): number {
  return compareRankKeys(rankKeyOf(a), rankKeyOf(b));
}

/** The rule that put the first ahead of the second, for the trace. */
export function decidingKey(first: RankKey, second: RankKey | undefined): string {
  if (!second) return 'only_candidate';
  return RANK_KEYS.find(({ compare }) => compare(first, second) !== 0)?.key ?? 'agent_id';
}

export interface RoutedQueue extends Pick<QueueSettings, 'name' | 'requiredSkills' | 'secondarySkills' | 'language' | 'teamIds' | 'overflow' | 'ordering' | 'slaSeconds' | 'stickySeconds'> {
  id: string;
}

/** Which queue a new ticket lands in: the first matching rule, else the inbox's default. */
export function chooseQueue(
  routing: { defaultQueueId: string | null; rules: { queueId: string; language?: string; keywords?: string[]; priority?: number }[] },
  facts: { language: string | null; text: string },
): { queueId: string | null; priority: number | null; rule: number | null } {
  const text = facts.text.toLowerCase();
  for (const [index, rule] of routing.rules.entries()) {
    if (rule.language && rule.language !== facts.language) continue;
    if (rule.keywords?.length && !rule.keywords.some((word) => text.includes(word.toLowerCase()))) continue;
    return { queueId: rule.queueId, priority: rule.priority ?? null, rule: index };
  }
  return { queueId: routing.defaultQueueId, priority: null, rule: null };
}

/** Email, social and offline chats are worked asynchronously: they return to the queue when left unanswered. */
export function isAsyncWork(ticket: { channel: Channel; mode: 'live' | 'async' }): boolean {
  return ticket.mode === 'async' || ticket.channel === 'email' || ticket.channel === 'social';
}

/** An assigned async ticket whose agent has not replied within the queue's limit goes back to the queue. */
export function isReturnDue(
  ticket: { channel: Channel; mode: 'live' | 'async'; status: string; assignedAt: Date | null; lastAgentReplyAt: Date | null },
  returnAfterSeconds: number | null,
  now: Date,
): boolean {
  if (returnAfterSeconds === null || ticket.status !== 'assigned' || !ticket.assignedAt || !isAsyncWork(ticket)) return false;
  if (ticket.lastAgentReplyAt && ticket.lastAgentReplyAt >= ticket.assignedAt) return false;
  return now.getTime() - ticket.assignedAt.getTime() >= returnAfterSeconds * 1000;
}

/** Service level, the contract's default variant: (answered within T + abandoned within T) / (answered + abandoned). */
export function serviceLevel(counts: { answered: number; answeredWithin: number; abandoned: number; abandonedWithin: number }): number | null {
  const total = counts.answered + counts.abandoned;
  return total === 0 ? null : round(((counts.answeredWithin + counts.abandonedWithin) / total) * 100);
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
