import { DomainException } from '@switchboard/api-platform';
import { ErrorCode } from '@switchboard/shared-contracts';

export class TenancyException extends DomainException {
  static unknownInbox() {
    return new TenancyException(ErrorCode.InboxUnknown, 'No inbox has this key.');
  }
}
