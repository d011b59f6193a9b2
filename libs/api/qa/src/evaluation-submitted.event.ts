import type { EvaluationSummary } from '@switchboard/shared-contracts';

/** Raised after a submitted evaluation has committed. The realtime module tells its agent and the client's leads. */
export class EvaluationSubmittedEvent {
  static readonly eventName = 'qa.evaluation_submitted';

  constructor(readonly evaluation: EvaluationSummary) {}
}

/** Raised after the agent acknowledged a submitted evaluation (committed). The realtime module tells the agent, the reviewer and the client's leads. */
export class EvaluationAcknowledgedEvent {
  static readonly eventName = 'qa.evaluation_acknowledged';

  constructor(readonly evaluation: EvaluationSummary) {}
}
