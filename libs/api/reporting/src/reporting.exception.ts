import { DomainException } from '@switchboard/api-platform';
import { ErrorCode, type FieldError } from '@switchboard/shared-contracts';

/** What the reporting module refuses; codes, never HTTP statuses (the platform maps them). */
export class ReportingException extends DomainException {
  static range(message: string, field = 'from') {
    return new ReportingException(ErrorCode.ReportRangeInvalid, message, [{ field, message }]);
  }

  static groupBy(value: unknown) {
    const message = `groupBy must be one of total, day, interval, channel, queue, language (got ${JSON.stringify(String(value)).slice(0, 40)}).`;
    return new ReportingException(ErrorCode.ReportGroupByInvalid, message, [{ field: 'groupBy', message }]);
  }

  static month(value: unknown) {
    const message = `The month must be YYYY-MM (got ${JSON.stringify(String(value)).slice(0, 20)}).`;
    return new ReportingException(ErrorCode.ReportMonthInvalid, message, [{ field: 'month', message }]);
  }

  static filter(field: string, message: string) {
    return new ReportingException(ErrorCode.ReportFilterInvalid, `${field}: ${message}`, [{ field, message }]);
  }

  static schedule(fields: FieldError[]) {
    return new ReportingException(ErrorCode.ReportScheduleInvalid, `The schedule was refused: ${fields.map((f) => `${f.field} ${f.message}`).join('; ')}`, fields);
  }

  static noContract(month?: string) {
    return new ReportingException(ErrorCode.SlaContractNotFound, month ? `No SLA contract version of this client applies to ${month}.` : 'This client has no SLA contract.');
  }

  static invalidEvidence(what: string, fields: FieldError[]) {
    return new ReportingException(ErrorCode.SlaEvidenceInvalid, `The ${what} was refused: ${fields.map((f) => `${f.field} ${f.message}`).join('; ')}`, fields);
  }

  static invalidContract(fields: FieldError[]) {
    return new ReportingException(ErrorCode.SlaContractInvalid, `The contract version was refused: ${fields.map((f) => f.message).join('; ')}`, fields);
  }
}
