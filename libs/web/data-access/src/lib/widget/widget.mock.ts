import type { VisitorProfile, VisitorSession, VisitorTicketStatus, WidgetInboxView } from '@switchboard/shared-contracts';
import { mockRoute, type MockReply, type MockRouteOptions } from '../http/api-mock.util';

/** An open, staffed inbox with no pre-chat form, no greeting and ratings on. */
export function widgetInboxFixture(overrides: Partial<WidgetInboxView> = {}): WidgetInboxView {
  return {
    clientName: 'Globex Retail',
    brandColor: '#e11d48',
    inboxName: 'Website chat',
    online: true,
    open: true,
    offline: false,
    greeting: null,
    preChat: { name: 'off', email: 'off' },
    csat: true,
    ...overrides,
  };
}

/** What `/customer` sends on connect: a new visitor's session has no ticket, no messages and no details. */
export function visitorSessionFixture(overrides: Partial<VisitorSession> = {}): VisitorSession {
  return { visitorToken: 'visitor-token-1', ticketId: null, messages: [], profile: visitorProfileFixture(), csatPending: null, ...overrides };
}

/** What the visitor told us in a pre-chat or offline form; nothing by default. */
export function visitorProfileFixture(overrides: Partial<VisitorProfile> = {}): VisitorProfile {
  return { name: null, email: null, ...overrides };
}

/** `ticket.status` as the widget hears it; by default the ticket was resolved and a rating is asked for. */
export function visitorTicketStatusFixture(overrides: Partial<VisitorTicketStatus> = {}): VisitorTicketStatus {
  return { ticketId: 'ticket-1', status: 'resolved', csatRequested: true, ...overrides };
}

export const mockGetWidgetInbox = (inboxKey: string, reply: MockReply<WidgetInboxView>, options?: MockRouteOptions) =>
  mockRoute('GET', `/api/widget/inboxes/${encodeURIComponent(inboxKey)}`, reply, options);
