import type { UploadedAttachment, CallControlRequest, RevealContactRequest, RevealContactResponse, Colleague, CallView, MessageView, ReplyRequest, Page, SettableTicketStatus, TicketDetail, TicketSummary, TimelinePage } from '@switchboard/shared-contracts';
import { afterQuery, apiDownload, apiRequest, apiUpload } from '../http/http-client.util';

/** `GET /api/tickets`: a page of the open tickets of the caller's clients, oldest first (the leads' queue). */
export function listTickets(after: string | null = null): Promise<Page<TicketSummary>> {
  return apiRequest<Page<TicketSummary>>('GET', `/api/tickets${afterQuery(after)}`);
}

/** `GET /api/tickets?assignee=me`: a page of the caller's own open tickets, oldest first (the agent's inbox). */
export function listMyTickets(after: string | null = null): Promise<Page<TicketSummary>> {
  return apiRequest<Page<TicketSummary>>('GET', `/api/tickets?assignee=me${afterQuery(after, '&')}`);
}

/** `GET /api/tickets/:id/colleagues?q=`: staff serving the ticket's client whose name has a word starting with `query` (at most 20). */
export function findColleagues(ticketId: string, query: string): Promise<Colleague[]> {
  return apiRequest<Colleague[]>('GET', `/api/tickets/${encodeURIComponent(ticketId)}/colleagues${query ? `?q=${encodeURIComponent(query)}` : ''}`);
}

/** `GET /api/tickets/:id`: the ticket with its whole timeline (notes included) and the contact as the client's PII policy shows it. */
export function getTicket(ticketId: string): Promise<TicketDetail> {
  return apiRequest<TicketDetail>('GET', `/api/tickets/${encodeURIComponent(ticketId)}`);
}

/** `POST /api/tickets/:id/messages`: a reply to the customer or an internal note; the same `clientMsgId` never makes a second one. */
export function sendTicketMessage(ticketId: string, request: ReplyRequest): Promise<MessageView> {
  return apiRequest<MessageView>('POST', `/api/tickets/${encodeURIComponent(ticketId)}/messages`, request);
}

/** `POST /api/tickets/:id/status`: pending (waiting on the customer), resolved or closed — wrapping up with the client's `disposition` code. */
export function setTicketStatus(ticketId: string, status: SettableTicketStatus, disposition?: string): Promise<TicketSummary> {
  return apiRequest<TicketSummary>('POST', `/api/tickets/${encodeURIComponent(ticketId)}/status`, disposition === undefined ? { status } : { status, disposition });
}

/** `GET /api/tickets/:id/messages?before=`: the page of timeline lines before `beforeSeq`. */
export function getEarlierMessages(ticketId: string, beforeSeq: number): Promise<TimelinePage> {
  return apiRequest<TimelinePage>('GET', `/api/tickets/${encodeURIComponent(ticketId)}/messages?before=${beforeSeq}`);
}

/** `POST /api/tickets/:id/assign`: a lead or an admin gives the ticket to an agent serving its client. */
export function assignTicket(ticketId: string, agentId: string): Promise<TicketSummary> {
  return apiRequest<TicketSummary>('POST', `/api/tickets/${encodeURIComponent(ticketId)}/assign`, { agentId });
}

/** `POST /api/tickets/:id/reveal`: one masked contact field in full, for this view; the reason goes to the client's access log. */
export function revealContact(ticketId: string, request: RevealContactRequest): Promise<RevealContactResponse> {
  return apiRequest<RevealContactResponse>('POST', `/api/tickets/${encodeURIComponent(ticketId)}/reveal`, request);
}

/** `POST /api/tickets/:id/call/answer`: the agent takes the waiting call (bridged to their softphone). */
export function answerCall(ticketId: string): Promise<CallView> {
  return apiRequest<CallView>('POST', `/api/tickets/${encodeURIComponent(ticketId)}/call/answer`);
}

/** `POST /api/tickets/:id/call`: hold, resume, hang up, or (leads, admins) transfer the live call to an agent. */
export function controlCall(ticketId: string, request: CallControlRequest): Promise<CallView> {
  return apiRequest<CallView>('POST', `/api/tickets/${encodeURIComponent(ticketId)}/call`, request);
}

/** `POST /api/tickets/:id/attachments`: uploads a file (the raw file as the body, its name URL-encoded in X-Filename) for the caller's next reply or note. */
export function uploadAttachment(ticketId: string, file: File): Promise<UploadedAttachment> {
  return apiUpload<UploadedAttachment>(`/api/tickets/${encodeURIComponent(ticketId)}/attachments`, {
    content: file,
    contentType: file.type || 'application/octet-stream',
    headers: { 'X-Filename': encodeURIComponent(file.name) },
  });
}

/** `DELETE /api/attachments/:id`: takes one of the caller's uploads off the draft (before it is sent). */
export function deleteAttachment(attachmentId: string): Promise<void> {
  return apiRequest<void>('DELETE', `/api/attachments/${encodeURIComponent(attachmentId)}`);
}

/** `GET /api/attachments/:id`: a file of a message, fetched with the access token (in the header, never the URL). */
export function downloadAttachment(attachmentId: string): Promise<Blob> {
  return apiDownload(`/api/attachments/${encodeURIComponent(attachmentId)}`);
}
