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
  ) {}
}
