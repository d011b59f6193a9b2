import type { Channel } from './tenancy.contract';
import type { AgentState } from './presence.contract';
import type { TicketSummary } from './tickets.contract';

/** An agent must hold `skill` at `minProficiency` (1–5) or better. */
export interface SkillRequirement {
  skill: string;
  minProficiency: number;
}

/** What an overflow ring widens once a ticket has waited `afterSeconds` in its queue. */
export const OverflowWiden = {
  /** Agents holding the queue's secondary skills qualify too. */
  SecondarySkills: 'secondary_skills',
  /** The language requirement is dropped. */
  AnyLanguage: 'any_language',
  /** Agents of `teamIds` qualify too (on a queue limited to some teams). */
  Teams: 'teams',
} as const;
export type OverflowWiden = (typeof OverflowWiden)[keyof typeof OverflowWiden];
export const OVERFLOW_WIDENINGS: readonly OverflowWiden[] = Object.values(OverflowWiden);

export interface OverflowRing {
  afterSeconds: number;
  widen: OverflowWiden;
  /** Only for `teams`. */
  teamIds?: string[];
}

/** Points of the waiting-ticket score: priority (1 urgent … 4 low), minutes waited, closeness to the SLA breach. */
export interface QueueOrdering {
  /** Points per priority step above "low" (urgent = 3 steps). */
  priorityWeight: number;
  /** Points per minute waited; above zero, so no ticket can starve. */
  waitWeight: number;
  /** Points at the moment of breach (scaled from 0 when the ticket arrives). */
  slaWeight: number;
}

export type ChannelSeconds = Record<Channel, number>;

/** A client's queue: what it takes, who may serve it, how its line is ordered and offered. */
export interface QueueSettings {
  name: string;
  channels: Channel[];
  requiredSkills: SkillRequirement[];
  /** Accepted instead of `requiredSkills` once a `secondary_skills` ring opens. */
  secondarySkills: SkillRequirement[];
  /** Agents must speak it; null = the ticket's detected language, if any. */
  language: string | null;
  /** Only agents of these teams (empty = any team). */
  teamIds: string[];
  /** Priority given to tickets landing here, 1 (urgent) … 4 (low). */
  priority: number;
  /** Answer target: a ticket should be accepted within this many seconds of queueing. */
  slaSeconds: number;
  /** Service-level goal, % answered within `slaSeconds`. */
  serviceLevelPercent: number;
  /**
   * Resolution target: a ticket queued here should be resolved within this many seconds of queueing;
   * null = no target (SLA attainment for resolution then counts none of its tickets).
   */
  resolutionSeconds: number | null;
  /** Next-response target: each customer follow-up should get a public reply within this many seconds; null = none. */
  nextResponseSeconds: number | null;
  ordering: QueueOrdering;
  /** How long an agent has to accept an offer, per channel. */
  offerTimeouts: ChannelSeconds;
  /** Channels whose offers are accepted on the agent's behalf (typically email). */
  autoAcceptChannels: Channel[];
  /** An assigned email/social/async ticket with no public reply within this many seconds returns to the queue; null = never. */
  returnAfterSeconds: number | null;
  /** A follow-up waits this long for the agent who served the contact last. */
  stickySeconds: number;
  overflow: OverflowRing[];
  /** An agent who rejected or let a ticket time out is not offered it again for this long. */
  rejectCooldownSeconds: number;
}

export interface QueueView extends QueueSettings {
  id: string;
  clientId: string;
  /** Why no agent could ever serve this queue as configured (empty when someone can). */
  problems: QueueProblem[];
  createdAt: string;
  updatedAt: string;
}

export type QueueProblemCode = 'no_agents' | 'no_channel_capacity' | 'no_skills' | 'no_language' | 'no_team' | 'no_agent_matches_all';
export interface QueueProblem {
  code: QueueProblemCode;
  message: string;
}

/** Which queue a new ticket of an inbox lands in: the first matching rule, else the default queue. */
export interface InboxRoutingRule {
  queueId: string;
  /** Matches the ticket's detected language. */
  language?: string;
  /** Matches when the subject or the first message contains one of these (case-insensitive). */
  keywords?: string[];
  /** Priority given to matching tickets (overrides the queue's). */
  priority?: number;
}
export interface InboxRouting {
  defaultQueueId: string | null;
  rules: InboxRoutingRule[];
}

export const OfferStatus = {
  Pending: 'pending',
  Accepted: 'accepted',
  Rejected: 'rejected',
  TimedOut: 'timed_out',
  Rescinded: 'rescinded',
} as const;
export type OfferStatus = (typeof OfferStatus)[keyof typeof OfferStatus];

/** Why an agent was not offered a ticket. */
export const Exclusion = {
  NotAvailable: 'not_available',
  Disconnected: 'disconnected',
  OffShift: 'off_shift',
  NotServingClient: 'not_serving_client',
  NoChannelCapacity: 'no_channel_capacity',
  AtCapacity: 'at_capacity',
  MissingSkill: 'missing_skill',
  Language: 'language',
  NotInTeam: 'not_in_team',
  DeclinedRecently: 'declined_recently',
  WaitingForLastAgent: 'waiting_for_last_agent',
  TransferSource: 'transfer_source',
  NotTransferTarget: 'not_transfer_target',
} as const;
export type Exclusion = (typeof Exclusion)[keyof typeof Exclusion];

export interface CandidateTrace {
  agentId: string;
  name: string;
  eligible: boolean;
  /** Empty when eligible. */
  excluded: { reason: Exclusion; detail?: string }[];
  /** Mean proficiency over the skills asked for (0 when none are asked). */
  skillFit: number;
  /** Share of capacity in use before this offer, 0–1. */
  occupancy: number;
  /** Offers received within the fairness window (ROUTING_FAIRNESS_WINDOW_SECONDS). */
  recentOffers: number;
  /** Seconds since the agent last received work (or became available). */
  idleSeconds: number;
  /** 1 = chosen; only eligible agents are ranked. */
  rank: number | null;
}

/** Why this agent: stored with every offer, shown to team leads on the ticket. */
export interface RoutingTrace {
  at: string;
  queueId: string | null;
  queueName: string | null;
  /** The ticket's place-in-line score and its parts. */
  ticketScore: { total: number; priority: number; wait: number; sla: number };
  waitedSeconds: number;
  /** 0 = the queue's own requirement; n = after the n-th overflow ring. */
  ring: number;
  requirement: { skillSets: SkillRequirement[][]; language: string | null; teamIds: string[] | null };
  sticky: { agentId: string; until: string } | null;
  transfer: { kind: TransferTarget['kind']; warm: boolean } | null;
  /** Considered agents: the best-ranked first (chosen at rank 1), then the excluded; at most 12 listed, every agent counted in `excludedCounts`. */
  candidates: CandidateTrace[];
  /** Agents of the client not considered at all: away, offline or disconnected. */
  unavailableCount: number;
  excludedCounts: Partial<Record<Exclusion, number>>;
  chosenAgentId: string;
  /** The rule that decided between the best two: `skill_fit`, `occupancy`, `fairness`, `idle`, `only_candidate`, `sticky`, `directed`. */
  decidedBy: string;
}

/** `ticket.offered`: a reservation for the agent, open until `expiresAt`. */
export interface OfferView {
  id: string;
  ticketId: string;
  clientId: string;
  queueId: string | null;
  queueName: string | null;
  channel: Channel;
  status: OfferStatus;
  createdAt: string;
  expiresAt: string;
  timeoutSeconds: number;
  autoAccepted: boolean;
  /** A transfer's note from the colleague handing the ticket over. */
  transfer: { fromAgentName: string | null; note: string | null; warm: boolean } | null;
  ticket: TicketSummary;
}

/** What a team lead sees of one offer in the ticket's routing history. */
export interface OfferRecord {
  id: string;
  agentId: string;
  agentName: string;
  status: OfferStatus;
  createdAt: string;
  expiresAt: string;
  decidedAt: string | null;
  reason: string | null;
  autoAccepted: boolean;
  trace: RoutingTrace;
}

/** `offer.closed`: the offer is no longer open for the agent (accepted elsewhere, timed out, rescinded). */
export interface OfferClosed {
  offerId: string;
  ticketId: string;
  status: OfferStatus;
  reason: string | null;
}

export type AssignedVia = 'offer' | 'auto_accept' | 'self' | 'supervisor' | 'transfer';
/** `ticket.assigned`. */
export interface TicketAssigned {
  ticketId: string;
  clientId: string;
  agentId: string;
  via: AssignedVia;
  offerId: string | null;
}

export type RequeueReason = 'rejected' | 'timed_out' | 'rescinded' | 'returned' | 'transferred' | 'unassigned';
/** `ticket.requeued`: the ticket is waiting again (at its place in line). */
export interface TicketRequeued {
  ticketId: string;
  clientId: string;
  queueId: string | null;
  reason: RequeueReason;
  /** The agent it came back from, when there was one. */
  agentId: string | null;
}

export type TransferTarget = { kind: 'queue'; queueId: string } | { kind: 'agent'; agentId: string } | { kind: 'team'; teamId: string };
/** `GET /api/tickets/:id/transfer-targets`: where this ticket may go (what `POST …/transfer` accepts). */
export interface TransferTargets {
  /** The client's queues that take the ticket's channel, other than its own. */
  queues: { id: string; name: string }[];
  /** Active staff serving the client, other than the ticket's agent: ready ones first, at most 100. */
  agents: { id: string; name: string; state: AgentState; connected: boolean; teamName: string | null }[];
  /** Teams with at least one other agent serving the client. */
  teams: { id: string; name: string; agentCount: number }[];
}

/** Cold: the ticket leaves the agent at once. Warm: the agent keeps it until the colleague accepts. */
export interface TransferRequest {
  target: TransferTarget;
  mode: 'warm' | 'cold';
  note?: string;
}

export interface RejectOfferRequest {
  reason?: string;
}

/** Live numbers of one queue for the lead's board. */
export interface QueueStats {
  queueId: string;
  clientId: string;
  name: string;
  waiting: number;
  longestWaitSeconds: number;
  /** Waiting tickets past 80 % of the answer target, or breached. */
  atRisk: number;
  /** Today, in the client's time zone; null before the first answered or abandoned ticket. */
  serviceLevelToday: number | null;
  answeredToday: number;
  abandonedToday: number;
  /** Agents available now who could take this queue's tickets. */
  agentsReady: number;
}

/** What an agent holds right now, per channel, and the share of their capacity in use. */
export interface AgentLoad {
  userId: string;
  tickets: Record<Channel, number>;
  offers: number;
  occupancy: number;
}
