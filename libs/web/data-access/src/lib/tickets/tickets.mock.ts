import type { UploadedAttachment, CallView, RevealContactResponse, Colleague, MessageView, Page, StaffMessageView, TicketDetail, TicketMessage, TicketSummary, TimelinePage } from '@switchboard/shared-contracts';
import { FileReply, mockRoute, onePage, type MockReply, type MockRouteOptions } from '../http/api-mock.util';

export function ticketSummaryFixture(overrides: Partial<TicketSummary> = {}): TicketSummary {
  return {
    id: 'ticket-1',
    reference: 'SB-1001',
    clientId: 'client-globex',
    inboxId: 'inbox-globex-chat',
    channel: 'chat',
    status: 'queued',
    priority: 0,
    language: 'en',
    mode: 'live',
    assigneeId: null,
    queueId: null,
    slaDueAt: null,
    firstResponseAt: null,
    contactName: 'Web visitor 3F9A',
    preview: 'Hi, where is my order?',
    createdAt: '2025-01-01T09:00:00.000Z',
    queuedAt: '2025-01-01T09:00:00.000Z',
    lastMessageAt: '2025-01-01T09:00:00.000Z',
    updatedAt: '2025-01-01T09:00:00.000Z',
    ...overrides,
  };
}

/** A chat message as the server sends it (`message.created`, acks, `visitor.session`). */
export function messageViewFixture(overrides: Partial<MessageView> = {}): MessageView {
  return {
    id: 'message-1',
    ticketId: 'ticket-1',
    seq: 1,
    direction: 'inbound',
    body: 'Hi, where is my order?',
    clientMsgId: null,
    authorName: null,
    deliveryStatus: 'received',
    createdAt: '2025-01-01T09:00:00.000Z',
    ...overrides,
  };
}

/** A line as staff hear it live (`message.created` on `/agent`), with its files. */
export function staffMessageViewFixture(overrides: Partial<StaffMessageView> = {}): StaffMessageView {
  return { ...messageViewFixture(overrides), attachments: [], ...overrides };
}

/** The whole queue as one page; `mockListTicketsPage` for a given page. */
export const mockListTickets = (reply: MockReply<TicketSummary[]>, options?: MockRouteOptions) => mockRoute('GET', '/api/tickets', onePage(reply), options);
export const mockListTicketsPage = (after: string | null, reply: MockReply<Page<TicketSummary>>, options?: MockRouteOptions) =>
  mockRoute('GET', after ? `/api/tickets?after=${after}` : '/api/tickets', reply, options);

/** A timeline line as the agent's workspace gets it. */
export function ticketMessageFixture(overrides: Partial<TicketMessage> = {}): TicketMessage {
  return { ...messageViewFixture(), subject: null, bodyHtml: null, attachments: [], deliveryError: null, email: null, ...overrides };
}

/** A chat ticket assigned to `agent-1`, with one customer message. */
export function ticketDetailFixture(overrides: Partial<TicketDetail> = {}): TicketDetail {
  return {
    ...ticketSummaryFixture({ status: 'assigned', assigneeId: 'agent-1' }),
    subject: null,
    contact: { id: 'contact-1', displayName: 'Web visitor 3F9A', email: null, phone: null, revealable: [] },
    messages: [ticketMessageFixture()],
    hasEarlierMessages: false,
    call: null,
    social: null,
    csat: null,
    disposition: null,
    earlierTickets: [],
    ...overrides,
  };
}

export const mockListMyTickets = (reply: MockReply<TicketSummary[]>, options?: MockRouteOptions) => mockRoute('GET', '/api/tickets?assignee=me', onePage(reply), options);
export const mockRevealContact = (ticketId: string, reply: MockReply<RevealContactResponse>, options?: MockRouteOptions) => mockRoute('POST', `/api/tickets/${ticketId}/reveal`, reply, options);
export const mockGetTicket = (ticketId: string, reply: MockReply<TicketDetail>, options?: MockRouteOptions) => mockRoute('GET', `/api/tickets/${ticketId}`, reply, options);
export const mockSendTicketMessage = (ticketId: string, reply: MockReply<MessageView>, options?: MockRouteOptions) => mockRoute('POST', `/api/tickets/${ticketId}/messages`, reply, options);
export const mockSetTicketStatus = (ticketId: string, reply: MockReply<TicketSummary>, options?: MockRouteOptions) => mockRoute('POST', `/api/tickets/${ticketId}/status`, reply, options);
export const mockGetEarlierMessages = (ticketId: string, beforeSeq: number, reply: MockReply<TimelinePage>, options?: MockRouteOptions) =>
  mockRoute('GET', `/api/tickets/${ticketId}/messages?before=${beforeSeq}`, reply, options);
export const mockAssignTicket = (ticketId: string, reply: MockReply<TicketSummary>, options?: MockRouteOptions) => mockRoute('POST', `/api/tickets/${ticketId}/assign`, reply, options);

/** A call being talked on, answered a minute after it came in. */
export function callViewFixture(overrides: Partial<CallView> = {}): CallView {
  return {
    status: 'in_progress',
    from: '•••• 0142',
    startedAt: '2025-01-01T09:00:00.000Z',
    answeredAt: '2025-01-01T09:01:00.000Z',
    endedAt: null,
    waitSeconds: 60,
    durationSeconds: null,
    recordingUrl: null,
    recordingSeconds: null,
    transcript: null,
    ...overrides,
  };
}

export const mockAnswerCall = (ticketId: string, reply: MockReply<CallView>, options?: MockRouteOptions) => mockRoute('POST', `/api/tickets/${ticketId}/call/answer`, reply, options);
export const mockControlCall = (ticketId: string, reply: MockReply<CallView>, options?: MockRouteOptions) => mockRoute('POST', `/api/tickets/${ticketId}/call`, reply, options);

export const mockFindColleagues = (ticketId: string, query: string, reply: MockReply<Colleague[]>, options?: MockRouteOptions) =>
  mockRoute('GET', `/api/tickets/${ticketId}/colleagues${query ? `?q=${encodeURIComponent(query)}` : ''}`, reply, options);

export function uploadedAttachmentFixture(overrides: Partial<UploadedAttachment> = {}): UploadedAttachment {
  return { id: 'attachment-1', filename: 'label.pdf', contentType: 'application/pdf', size: 2048, ...overrides };
}

export const mockUploadAttachment = (ticketId: string, reply: MockReply<UploadedAttachment>, options?: MockRouteOptions) => mockRoute('POST', `/api/tickets/${ticketId}/attachments`, reply, options);
export const mockDeleteAttachment = (attachmentId: string, reply: MockReply<void> = undefined, options?: MockRouteOptions) => mockRoute('DELETE', `/api/attachments/${attachmentId}`, reply, options);
/** A file download: `content` is answered as the body, with its type. */
export const mockDownloadAttachment = (attachmentId: string, reply: MockReply<FileReply>, options?: MockRouteOptions) => mockRoute('GET', `/api/attachments/${attachmentId}`, reply, options);
