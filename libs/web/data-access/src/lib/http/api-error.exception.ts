import { ErrorCode, type ErrorBody, type ErrorResponse, type FieldError } from '@switchboard/shared-contracts';

/** An error answered by the API (or a failure to reach it), carrying the API's stable `code`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly fields: FieldError[];
  readonly requestId: string | undefined;

  constructor(status: number, body: ErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.fields = body.fields ?? [];
    this.requestId = body.requestId;
  }
}

export function isErrorResponse(value: unknown): value is ErrorResponse {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === 'object' && error !== null && 'code' in error && 'message' in error;
}

/** The error to show when the API cannot be reached at all. */
export function unreachableError(): ApiError {
  return new ApiError(0, {
    code: ErrorCode.ServiceUnavailable,
    message: "Switchboard can't be reached right now. Check your connection and try again.",
  });
}

/** Turns any response that is not an `ErrorResponse` (a proxy page, an empty body) into an ApiError. */
export function unexpectedError(status: number): ApiError {
  return new ApiError(status, {
    code: status >= 500 ? ErrorCode.ServiceUnavailable : ErrorCode.Internal,
    message: `Something went wrong on our side (HTTP ${status}). Please try again.`,
  });
}
