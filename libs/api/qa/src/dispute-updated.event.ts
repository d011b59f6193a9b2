import type { DisputeUpdated } from '@switchboard/shared-contracts';

/** Raised after a dispute was raised or resolved (committed). The realtime module tells the agent, the reviewer and the client's leads. */
export class DisputeUpdatedEvent {
  static readonly eventName = 'qa.dispute_updated';

  constructor(readonly update: DisputeUpdated) {}
}
