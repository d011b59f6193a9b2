import { ErrorCode, type ErrorBody, type FieldError } from '@switchboard/shared-contracts';

/**
 * Base of every module's exception: a stable code and a readable message, never an HTTP status.
 * One filter per transport (HTTP, sockets) turns codes into responses.
 */
export class DomainException extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldError[],
    /** For rate limits: how long the caller should wait. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = new.target.name;
  }

  toBody(requestId?: string): ErrorBody {
    return {
      code: this.code,
      message: this.message,
      ...(this.fields?.length ? { fields: this.fields } : {}),
      ...(requestId ? { requestId } : {}),
    };
  }
}

/** Raised by the validation layer of any transport. */
export class ValidationException extends DomainException {
  constructor(fields: FieldError[]) {
    super(ErrorCode.ValidationFailed, describeFields(fields), fields);
  }
}

function describeFields(fields: FieldError[]): string {
  if (fields.length === 0) return 'The request is not valid.';
  const [first, ...rest] = fields;
  return rest.length ? `${first.field}: ${first.message} (and ${rest.length} more)` : `${first.field}: ${first.message}`;
}

/** Generic not-found used by every module: the same answer for "absent" and "not yours". */
export class NotFoundException extends DomainException {
  constructor(what: string) {
    super(ErrorCode.NotFound, `${what} was not found.`);
  }
}

export class ForbiddenException extends DomainException {
  constructor(message = 'You are not allowed to do this.') {
    super(ErrorCode.Forbidden, message);
  }
}
