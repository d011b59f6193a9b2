/**
 * Stable error codes. Clients branch on `code`; `message` is for people.
 * A code never changes meaning once shipped; add a new one instead.
 */
export const ErrorCode = {
  ValidationFailed: 'VALIDATION_FAILED',
  MalformedJson: 'MALFORMED_JSON',
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  AuthRequired: 'AUTH_REQUIRED',
  AuthInvalidCredentials: 'AUTH_INVALID_CREDENTIALS',
  AuthTokenInvalid: 'AUTH_TOKEN_INVALID',
  AuthTokenExpired: 'AUTH_TOKEN_EXPIRED',
  AuthSessionRevoked: 'AUTH_SESSION_REVOKED',
  AuthRefreshInvalid: 'AUTH_REFRESH_INVALID',
  AuthRefreshReused: 'AUTH_REFRESH_REUSED',
  AuthRateLimited: 'AUTH_RATE_LIMITED',
  /** A new password breaks the password policy (too short, common, contains the email…); `fields` says how. */
  PasswordRejected: 'PASSWORD_REJECTED',
  Forbidden: 'FORBIDDEN',
  NotFound: 'NOT_FOUND',
  OriginNotAllowed: 'ORIGIN_NOT_ALLOWED',
  InboxUnknown: 'INBOX_UNKNOWN',
  PresenceInvalid: 'PRESENCE_INVALID',
  MessageTooLarge: 'MESSAGE_TOO_LARGE',
  WebhookSignatureInvalid: 'WEBHOOK_SIGNATURE_INVALID',
  /** The inbox asks for details (pre-chat or offline form) the visitor has not given yet. */
  VisitorDetailsRequired: 'VISITOR_DETAILS_REQUIRED',
  /** The ticket is not in a state that allows this (e.g. replying to a closed ticket). */
  TicketStateConflict: 'TICKET_STATE_CONFLICT',
  /** The ticket is someone else's: take it or ask a lead to assign it. */
  TicketNotYours: 'TICKET_NOT_YOURS',
  /** An email address (a reply's cc) is not a valid address; `fields` says which. */
  EmailAddressInvalid: 'EMAIL_ADDRESS_INVALID',
  /** Subject and cc belong to email replies only (not to chat, social or voice tickets, nor to notes). */
  EmailFieldsNotAllowed: 'EMAIL_FIELDS_NOT_ALLOWED',
  /** The customer's latest social message is older than the network's reply window (24 h): they must write first. */
  SocialWindowClosed: 'SOCIAL_WINDOW_CLOSED',
  /** Attachments go with internal notes and email replies only (not chat, social or voice replies). */
  AttachmentsNotAllowed: 'ATTACHMENTS_NOT_ALLOWED',
  CsatAlreadyGiven: 'CSAT_ALREADY_GIVEN',
  /** The phone provider refused or could not be reached. */
  ProviderFailed: 'PROVIDER_FAILED',
  RateLimited: 'RATE_LIMITED',
  /** The offer's time ran out before the agent accepted it. */
  OfferExpired: 'OFFER_EXPIRED',
  /** The offer was withdrawn (the ticket was taken, transferred, resolved or the customer left) or already answered. */
  OfferClosed: 'OFFER_CLOSED',
  /** The offer was made to another agent. */
  OfferNotYours: 'OFFER_NOT_YOURS',
  /** Accepting would put the agent over capacity (capacity was lowered, or a lead assigned more work). */
  AgentAtCapacity: 'AGENT_AT_CAPACITY',
  /** The client has no active scorecard to evaluate on: an admin must create one. */
  QaNoScorecard: 'QA_NO_SCORECARD',
  /** The ticket already has an evaluation of this agent (outside calibration). */
  EvaluationExists: 'EVALUATION_EXISTS',
  /** Submitting needs an answer to every question; `fields` lists each missing one (`answers.<key>`). */
  EvaluationIncomplete: 'EVALUATION_INCOMPLETE',
  /** The evaluation or dispute is not in a state that allows this (editing a submitted evaluation, disputing an acknowledged one, resolving twice). */
  EvaluationStateConflict: 'EVALUATION_STATE_CONFLICT',
  /** The client's dispute window (days after submission) has closed. */
  DisputeWindowClosed: 'DISPUTE_WINDOW_CLOSED',
  /** The evaluation carries as many disputes as the client allows. */
  DisputeLimitReached: 'DISPUTE_LIMIT_REACHED',
  /** That question already has an open dispute. */
  DisputeAlreadyOpen: 'DISPUTE_ALREADY_OPEN',
  /** The evaluation's own reviewer cannot resolve its dispute: another lead must. */
  DisputeNeedsAnotherLead: 'DISPUTE_NEEDS_ANOTHER_LEAD',
  /** A report's `from` / `to` is not a local date `YYYY-MM-DD`, `to` is before `from`, or the range is longer than a report allows. */
  ReportRangeInvalid: 'REPORT_RANGE_INVALID',
  /** `groupBy` is not one of total, day, interval, channel, queue, language. */
  ReportGroupByInvalid: 'REPORT_GROUP_BY_INVALID',
  /** A statement month is not `YYYY-MM`. */
  ReportMonthInvalid: 'REPORT_MONTH_INVALID',
  /** A report filter (channel, queueId, language, kpi, groupKey, outcome, cursor, limit) is not valid. */
  ReportFilterInvalid: 'REPORT_FILTER_INVALID',
  /** A report schedule's cadence or recipients are not valid (`fields` says which). */
  ReportScheduleInvalid: 'REPORT_SCHEDULE_INVALID',
  /** The client has no SLA contract (or none in force for that month). */
  SlaContractNotFound: 'SLA_CONTRACT_NOT_FOUND',
  /** A contract version whose allocations, targets or months make no sense; `fields` lists each reason. */
  SlaContractInvalid: 'SLA_CONTRACT_INVALID',
  /** A declared outage or a forecast upload that makes no sense (`fields` says why). */
  SlaEvidenceInvalid: 'SLA_EVIDENCE_INVALID',
  /** A catch-up cursor is past the ticket's last message: it was not issued for this ticket (`fields` says which). */
  SyncCursorAhead: 'SYNC_CURSOR_AHEAD',
  ServiceUnavailable: 'SERVICE_UNAVAILABLE',
  Internal: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface FieldError {
  /** Dotted path of the offending field, e.g. `email` or `capacity.chat`. */
  field: string;
  message: string;
}

/** The body of every error response, HTTP and socket acks alike. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  fields?: FieldError[];
  requestId?: string;
}

export interface ErrorResponse {
  error: ErrorBody;
}
