import { DomainException } from '@switchboard/api-platform';
import { CHAT_MESSAGE_MAX_BYTES, ErrorCode, type FieldError } from '@switchboard/shared-contracts';

export class TicketsException extends DomainException {
  static messageTooLarge(bytes: number, limit = CHAT_MESSAGE_MAX_BYTES) {
    return new TicketsException(ErrorCode.MessageTooLarge, `The message is ${bytes} bytes; the limit is ${limit} bytes.`);
  }

  /** Subject or cc on a reply that is not an email reply. */
  static emailFieldsNotAllowed(message: string, fields: FieldError[]) {
    return new TicketsException(ErrorCode.EmailFieldsNotAllowed, message, fields);
  }

  /** A bad cc address (EMAIL_ADDRESS_INVALID), or another bad email field (VALIDATION_FAILED). */
  static emailFieldsInvalid(message: string, fields: FieldError[]) {
    const onlyAddresses = fields.every((field) => field.field.startsWith('cc['));
    return new TicketsException(onlyAddresses ? ErrorCode.EmailAddressInvalid : ErrorCode.ValidationFailed, message, fields);
  }

  /** Files on a chat, social or voice reply: only notes and email replies carry them. */
  static attachmentsNotAllowed(channel: string) {
    const message = `Attachments go with internal notes and email replies; a ${channel} reply carries text only. Nothing was sent.`;
    return new TicketsException(ErrorCode.AttachmentsNotAllowed, message, [{ field: 'attachmentIds', message: `are not sent on ${channel} replies` }]);
  }

  static socialReplyRefused(reason: 'too_long' | 'window_closed', message: string) {
    return new TicketsException(reason === 'too_long' ? ErrorCode.MessageTooLarge : ErrorCode.SocialWindowClosed, message, [{ field: 'body', message }]);
  }
}
