import type { EvaluationSummary } from '@switchboard/shared-contracts';

/** Raised after a sampling draw committed: the draft evaluations it put on one lead's desk. The realtime module tells that lead. */
export class EvaluationsAssignedEvent {
  static readonly eventName = 'qa.evaluations_assigned';

  constructor(
    readonly leadId: string,
    readonly evaluations: EvaluationSummary[],
  ) {}
}
