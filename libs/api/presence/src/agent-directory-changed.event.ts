/**
 * Raised after an admin's change to an agent has committed: routing takes the agent's new facts at
 * once (a round rescinds offers the agent may no longer hold). `removedClientIds`: clients the agent
 * no longer serves; `disabled`: the account was disabled (its sessions are revoked too).
 *
 * For the realtime module: a socket joined its client rooms at connect; an agent who lost a client
 * (without being disabled) is still in that client's room until they reconnect.
 */
export class AgentDirectoryChangedEvent {
  static readonly eventName = 'agent.directory_changed';

  constructor(
    readonly userId: string,
    readonly removedClientIds: string[],
    readonly disabled: boolean,
  ) {}
}
