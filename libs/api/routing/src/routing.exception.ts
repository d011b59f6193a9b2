import { DomainException } from '@switchboard/api-platform';
import { ErrorCode } from '@switchboard/shared-contracts';

export class RoutingException extends DomainException {
  static offerExpired() {
    return new RoutingException(ErrorCode.OfferExpired, 'The offer ran out of time; the ticket went back to the queue.');
  }
  static offerClosed(status: string, reason: string | null) {
    return new RoutingException(ErrorCode.OfferClosed, `The offer is no longer open (${status}${reason ? `: ${reason}` : ''}).`);
  }
  static offerNotYours() {
    return new RoutingException(ErrorCode.OfferNotYours, 'This offer was made to another agent.');
  }
  static atCapacity() {
    return new RoutingException(ErrorCode.AgentAtCapacity, 'You are at capacity; the ticket went back to the queue.');
  }
}
