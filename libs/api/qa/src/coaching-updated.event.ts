import type { CoachingUpdated } from '@switchboard/shared-contracts';

/** Raised after a coaching note was opened or acknowledged (committed). The realtime module tells the agent, its author and the client's leads. */
export class CoachingUpdatedEvent {
  static readonly eventName = 'qa.coaching_updated';

  constructor(readonly note: CoachingUpdated) {}
}
