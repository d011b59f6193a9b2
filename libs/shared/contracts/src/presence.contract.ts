export const AgentState = {
  Available: 'available',
  Away: 'away',
  Offline: 'offline',
} as const;
export type AgentState = (typeof AgentState)[keyof typeof AgentState];
export const AGENT_STATES: readonly AgentState[] = Object.values(AgentState);

/** Why an agent is away. `not_responding` and `disconnected` are set by the system, never chosen. */
export const AwayReason = {
  Break: 'break',
  Lunch: 'lunch',
  Training: 'training',
  Meeting: 'meeting',
  AfterCallWork: 'after_call_work',
} as const;
export type AwayReason = (typeof AwayReason)[keyof typeof AwayReason];
export const AWAY_REASONS: readonly AwayReason[] = Object.values(AwayReason);

export const SystemReason = {
  Disconnected: 'disconnected',
  NotResponding: 'not_responding',
} as const;
export type SystemReason = (typeof SystemReason)[keyof typeof SystemReason];

export type StateReason = AwayReason | SystemReason;

export interface SetPresenceRequest {
  state: AgentState;
  /** Required when `state` is `away`; forbidden otherwise. */
  reason?: AwayReason;
}

export interface AgentPresence {
  userId: string;
  state: AgentState;
  reason: StateReason | null;
  /** ISO instant the agent entered this state. */
  since: string;
  /** At least one console of the agent is connected (or the disconnect grace period has not run out). */
  connected: boolean;
}

export interface SkillLevel {
  skill: string;
  name: string;
  proficiency: number;
}

/** One row of the team lead's live board. */
export interface BoardAgent extends AgentPresence {
  displayName: string;
  email: string;
  teamId: string | null;
  teamName: string | null;
  timeZone: string;
  onShift: boolean;
  /** Only the clients the viewer may see. */
  clientIds: string[];
  languages: string[];
  skills: SkillLevel[];
}

export interface AgentProfileView {
  userId: string;
  timeZone: string;
  languages: string[];
  skills: SkillLevel[];
  capacity: Record<string, number>;
  clientIds: string[];
  onShift: boolean;
  presence: AgentPresence;
}

/** A lead or admin sets the state of an agent of their teams: `PUT /api/presence/agents/:userId`. */
export type SetAgentStateRequest = SetPresenceRequest;

export const WHISPER_BODY_MAX = 1000;

/** `POST /api/presence/agents/:userId/whispers`: a lead's private note to one of their agents, maybe about a ticket. */
export interface WhisperRequest {
  body: string;
  /** A ticket of a client the agent serves (and the lead sees). */
  ticketId?: string;
}

/**
 * A private note to one colleague, as they read it (the customer and other staff never see it):
 * a lead's whisper, or a mention in a ticket's internal note.
 */
export interface WhisperView {
  id: string;
  kind: 'whisper' | 'mention';
  /** The internal note that mentioned them (kind `mention`). */
  messageId: string | null;
  fromUserId: string;
  fromName: string;
  toUserId: string;
  ticketId: string | null;
  ticketReference: string | null;
  clientId: string | null;
  /** Card numbers masked. */
  body: string;
  createdAt: string;
  readAt: string | null;
}
