import type { OfferRef, OfferView, RejectOfferRequest, TicketAssigned } from '@switchboard/shared-contracts';
import { apiRequest } from '../http/http-client.util';

const offerPath = (offerId: string) => `/api/offers/${encodeURIComponent(offerId)}`;

/** `GET /api/offers`: the caller's open offers, oldest first (new ones arrive as `ticket.offered`). */
export function listMyOffers(): Promise<OfferView[]> {
  return apiRequest<OfferView[]>('GET', '/api/offers');
}

/**
 * `POST /api/offers/:offerId/accept`: the HTTP twin of the socket's `offer.accept`. Refused with
 * OFFER_EXPIRED, OFFER_CLOSED, OFFER_NOT_YOURS or AGENT_AT_CAPACITY.
 */
export function acceptOffer(offerId: string): Promise<TicketAssigned> {
  return apiRequest<TicketAssigned>('POST', `${offerPath(offerId)}/accept`);
}

/** `POST /api/offers/:offerId/reject`: the HTTP twin of the socket's `offer.reject`; the ticket keeps its place in line. */
export function rejectOffer(offerId: string, request: RejectOfferRequest = {}): Promise<OfferRef> {
  return apiRequest<OfferRef>('POST', `${offerPath(offerId)}/reject`, request);
}
