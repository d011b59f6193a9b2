import { DomainException } from '@switchboard/api-platform';
import { CHAT_MESSAGE_MAX_BYTES, ErrorCode } from '@switchboard/shared-contracts';

export class TicketsException extends DomainException {
  static messageTooLarge(bytes: number, limit = CHAT_MESSAGE_MAX_BYTES) {
    return new TicketsException(ErrorCode.MessageTooLarge, `The message is ${bytes} bytes; the limit is ${limit} bytes.`);
  }
}
