import type { VisitorSession, WidgetInboxView } from '@switchboard/shared-contracts';
import { mockRoute, type MockReply, type MockRouteOptions } from '../http/api-mock.util';

export function widgetInboxFixture(overrides: Partial<WidgetInboxView> = {}): WidgetInboxView {
  return { clientName: 'Globex Retail', brandColor: '#e11d48', inboxName: 'Website chat', online: true, ...overrides };
}

/** What `/customer` sends on connect: a new visitor's session has no ticket and no messages. */
export function visitorSessionFixture(overrides: Partial<VisitorSession> = {}): VisitorSession {
  return { visitorToken: 'visitor-token-1', ticketId: null, messages: [], ...overrides };
}

export const mockGetWidgetInbox = (inboxKey: string, reply: MockReply<WidgetInboxView>, options?: MockRouteOptions) =>
  mockRoute('GET', `/api/widget/inboxes/${encodeURIComponent(inboxKey)}`, reply, options);
