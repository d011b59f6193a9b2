import { DomainException } from '@switchboard/api-platform';
import { ErrorCode } from '@switchboard/shared-contracts';

export type IdentityErrorCode =
  | typeof ErrorCode.AuthRequired
  | typeof ErrorCode.AuthInvalidCredentials
  | typeof ErrorCode.AuthTokenInvalid
  | typeof ErrorCode.AuthTokenExpired
  | typeof ErrorCode.AuthSessionRevoked
  | typeof ErrorCode.AuthRefreshInvalid
  | typeof ErrorCode.AuthRefreshReused
  | typeof ErrorCode.AuthRateLimited
  | typeof ErrorCode.PasswordRejected
  | typeof ErrorCode.Forbidden;

export class IdentityException extends DomainException {
  constructor(code: IdentityErrorCode, message: string, retryAfterSeconds?: number) {
    super(code, message, undefined, retryAfterSeconds);
  }

  /** The new password breaks the policy (or repeats the current one): one field error naming how. */
  static passwordRejected(message: string, fieldMessage: string) {
    return Object.assign(new IdentityException(ErrorCode.PasswordRejected, message), { fields: [{ field: 'newPassword', message: fieldMessage }] });
  }

  static invalidCredentials() {
    // One message for unknown email, wrong password and disabled account: never say which.
    return new IdentityException(ErrorCode.AuthInvalidCredentials, 'Email or password is incorrect.');
  }
}
