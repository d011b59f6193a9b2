import { ErrorCode } from '@switchboard/shared-contracts';

/** The one map from stable error codes to HTTP statuses. */
export const HTTP_STATUS_BY_CODE: Record<ErrorCode, number> = {
  [ErrorCode.ValidationFailed]: 400,
  [ErrorCode.MalformedJson]: 400,
  [ErrorCode.PayloadTooLarge]: 413,
  [ErrorCode.AuthRequired]: 401,
  [ErrorCode.AuthInvalidCredentials]: 401,
  [ErrorCode.AuthTokenInvalid]: 401,
  [ErrorCode.AuthTokenExpired]: 401,
  [ErrorCode.AuthSessionRevoked]: 401,
  [ErrorCode.AuthRefreshInvalid]: 401,
  [ErrorCode.AuthRefreshReused]: 401,
  [ErrorCode.AuthRateLimited]: 429,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.OriginNotAllowed]: 403,
  [ErrorCode.InboxUnknown]: 404,
  [ErrorCode.PresenceInvalid]: 400,
  [ErrorCode.MessageTooLarge]: 413,
  [ErrorCode.WebhookSignatureInvalid]: 401,
  [ErrorCode.ServiceUnavailable]: 503,
  [ErrorCode.Internal]: 500,
};
