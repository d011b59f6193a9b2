import type { AgentPresence } from '@switchboard/shared-contracts';

/** Raised after an agent's state change has committed. Only the realtime module turns it into emits. */
export class AgentStatusChangedEvent {
  static readonly eventName = 'agent.status_changed';

  constructor(
    readonly presence: AgentPresence,
    /** Teams the agent belongs to: their leads' boards show the change. */
    readonly teamIds: string[],
    /** Clients the agent serves: their staffing changed. */
    readonly clientIds: string[],
    /** The lead or admin who set the state for the agent (display name); null when the agent or the system did. */
    readonly setBy: string | null = null,
  ) {}
}
