import {
  AgentState,
  AWAY_REASONS,
  AGENT_STATES,
  type AwayReason,
  type StateReason,
} from '@switchboard/shared-contracts';

export interface PresenceChange {
  state: AgentState;
  reason: StateReason | null;
}

export type PresenceCheck = { ok: true; change: PresenceChange } | { ok: false; field: 'state' | 'reason'; message: string };

/** Checks what an agent asked for: away needs one of the reason codes, the other states take none. */
export function checkPresenceRequest(state: unknown, reason: unknown): PresenceCheck {
  if (typeof state !== 'string' || !(AGENT_STATES as readonly string[]).includes(state)) {
    return { ok: false, field: 'state', message: `state must be one of ${AGENT_STATES.join(', ')}` };
  }
  if (state === AgentState.Away) {
    if (typeof reason !== 'string' || !(AWAY_REASONS as readonly string[]).includes(reason)) {
      return { ok: false, field: 'reason', message: `away needs a reason: one of ${AWAY_REASONS.join(', ')}` };
    }
    return { ok: true, change: { state, reason: reason as AwayReason } };
  }
  if (reason !== undefined && reason !== null) {
    return { ok: false, field: 'reason', message: `${state} takes no reason` };
  }
  return { ok: true, change: { state: state as AgentState, reason: null } };
}

/** A change that repeats the current state and reason writes nothing and tells no one. */
export function isPresenceChange(current: PresenceChange, next: PresenceChange): boolean {
  return current.state !== next.state || current.reason !== next.reason;
}

export interface StaffingCount {
  available: number;
  signedIn: number;
  rostered: number;
}

/** Staffing of a client from the states of the agents who serve it. */
export function countStaffing(states: readonly AgentState[]): StaffingCount {
  return {
    available: states.filter((s) => s === AgentState.Available).length,
    signedIn: states.filter((s) => s !== AgentState.Offline).length,
    rostered: states.length,
  };
}
