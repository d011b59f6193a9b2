import { DomainException } from '@switchboard/api-platform';
import { ErrorCode, type FieldError } from '@switchboard/shared-contracts';

/** What the QA module refuses; codes, never HTTP statuses (the platform maps them). */
export class QaException extends DomainException {
  static noScorecard() {
    return new QaException(ErrorCode.QaNoScorecard, 'This client has no active scorecard yet: an admin must create one before tickets can be evaluated.');
  }

  static evaluationExists() {
    return new QaException(ErrorCode.EvaluationExists, 'This ticket already has an evaluation of this agent.');
  }

  static ticketNotEvaluable(status: string) {
    return new QaException(ErrorCode.TicketStateConflict, `Only resolved or closed tickets are evaluated; this one is ${status}.`);
  }

  /** Submit refused: `onlyMissing` (answers still owed) is EVALUATION_INCOMPLETE, a bad value VALIDATION_FAILED; `fields` lists every answer either way. */
  static cannotSubmit(fields: FieldError[], onlyMissing: boolean) {
    const keys = fields.map((f) => f.field.replace(/^answers\./, '')).join(', ');
    return onlyMissing
      ? new QaException(ErrorCode.EvaluationIncomplete, `Answer every question before submitting: ${keys}.`, fields)
      : new QaException(ErrorCode.ValidationFailed, `Some answers cannot be submitted: ${keys}.`, fields);
  }

  static state(message: string) {
    return new QaException(ErrorCode.EvaluationStateConflict, message);
  }

  static disputeWindowClosed(deadline: Date) {
    return new QaException(ErrorCode.DisputeWindowClosed, `The dispute window of this evaluation closed at ${deadline.toISOString()}.`);
  }

  static disputeLimitReached(limit: number) {
    return new QaException(ErrorCode.DisputeLimitReached, `This evaluation already carries the ${limit} dispute${limit === 1 ? '' : 's'} the client allows.`);
  }

  static disputeAlreadyOpen(questionKey: string) {
    return new QaException(ErrorCode.DisputeAlreadyOpen, `The question ${questionKey} already has an open dispute.`, [{ field: 'questionKey', message: 'already has an open dispute' }]);
  }

  static needsAnotherLead() {
    return new QaException(ErrorCode.DisputeNeedsAnotherLead, 'You reviewed this evaluation: another lead must resolve its dispute.');
  }
}
