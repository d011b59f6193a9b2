import type { EvaluationSummary } from '@switchboard/shared-contracts';

/** Raised after a submitted evaluation has committed. The realtime module tells its agent and the client's leads. */
export class EvaluationSubmittedEvent {
  static readonly eventName = 'qa.evaluation_submitted';

  constructor(readonly evaluation: EvaluationSummary) {}
}
