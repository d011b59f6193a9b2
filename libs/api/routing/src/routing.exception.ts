import { DomainException } from '@switchboard/api-platform';
import { ErrorCode } from '@switchboard/shared-contracts';

export class RoutingException extends DomainException {
  static offerExpired() {
    return new RoutingException(ErrorCode.OfferExpired, 'The offer ran out of time; the ticket went back to the queue.');
  }
  static offerClosed(status: string, reason: string | null) {
    const what = status === 'accepted' ? 'was already accepted' : status === 'rejected' ? 'was already rejected' : 'was withdrawn';
    return new RoutingException(ErrorCode.OfferClosed, `This offer ${what}${reason ? ` (${reason})` : ''}; nothing was assigned to you.`);
  }
  static offerNotYours() {
    return new RoutingException(ErrorCode.OfferNotYours, 'This offer was made to another agent.');
  }
  static atCapacity() {
    return new RoutingException(ErrorCode.AgentAtCapacity, 'You are at capacity; the ticket went back to the queue.');
  }
}
