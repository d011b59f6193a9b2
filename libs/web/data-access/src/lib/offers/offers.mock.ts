import type { OfferClosed, OfferRef, OfferView, TicketAssigned } from '@switchboard/shared-contracts';
import { mockRoute, type MockReply, type MockRouteOptions } from '../http/api-mock.util';
import { ticketSummaryFixture } from '../tickets/tickets.mock';

/** A pending chat offer made just now, open for 30 s (`ticket.offered`, `GET /api/offers`). */
export function offerViewFixture(overrides: Partial<OfferView> = {}): OfferView {
  const now = Date.now();
  const timeoutSeconds = overrides.timeoutSeconds ?? 30;
  const ticket = overrides.ticket ?? ticketSummaryFixture({ id: overrides.ticketId ?? 'ticket-1', clientId: overrides.clientId ?? 'client-globex' });
  return {
    id: 'offer-1',
    ticketId: ticket.id,
    clientId: ticket.clientId,
    queueId: 'queue-globex-support',
    queueName: 'Globex support',
    channel: ticket.channel,
    status: 'pending',
    createdAt: new Date(now).toISOString(),
    expiresAt: new Date(now + timeoutSeconds * 1000).toISOString(),
    timeoutSeconds,
    autoAccepted: false,
    transfer: null,
    ...overrides,
    ticket,
  };
}

export function offerClosedFixture(overrides: Partial<OfferClosed> = {}): OfferClosed {
  return { offerId: 'offer-1', ticketId: 'ticket-1', status: 'timed_out', reason: null, ...overrides };
}

export function ticketAssignedFixture(overrides: Partial<TicketAssigned> = {}): TicketAssigned {
  return { ticketId: 'ticket-1', clientId: 'client-globex', agentId: 'user-agent-1', via: 'offer', offerId: 'offer-1', ...overrides };
}

const offerPath = (offerId: string) => `/api/offers/${encodeURIComponent(offerId)}`;

export const mockListMyOffers = (reply: MockReply<OfferView[]>, options?: MockRouteOptions) => mockRoute('GET', '/api/offers', reply, options);

/** With no reply given, answers like the API would: the ticket is the caller's now. */
export const mockAcceptOffer = (offerId: string, reply?: MockReply<TicketAssigned>, options?: MockRouteOptions) =>
  mockRoute('POST', `${offerPath(offerId)}/accept`, reply ?? ticketAssignedFixture({ offerId }), options);

export const mockRejectOffer = (offerId: string, reply?: MockReply<OfferRef>, options?: MockRouteOptions) =>
  mockRoute('POST', `${offerPath(offerId)}/reject`, reply ?? { offerId }, options);
