import type { Channel } from './tenancy.contract';

export const TicketStatus = {
  New: 'new',
  Queued: 'queued',
  Assigned: 'assigned',
  Pending: 'pending',
  Resolved: 'resolved',
  Closed: 'closed',
  Abandoned: 'abandoned',
} as const;
export type TicketStatus = (typeof TicketStatus)[keyof typeof TicketStatus];
export const TICKET_STATUSES: readonly TicketStatus[] = Object.values(TicketStatus);
/** Statuses in which a customer's new message joins the ticket instead of opening another. */
export const OPEN_TICKET_STATUSES: readonly TicketStatus[] = ['new', 'queued', 'assigned', 'pending'];

export type MessageDirection = 'inbound' | 'outbound' | 'note' | 'system';

/** Largest chat message a customer may send, in UTF-8 bytes. */
export const CHAT_MESSAGE_MAX_BYTES = 8 * 1024;

export interface MessageView {
  id: string;
  ticketId: string;
  /** Position in the ticket's timeline, from 1, without gaps. */
  seq: number;
  direction: MessageDirection;
  /** Card numbers and security codes are already masked. */
  body: string;
  clientMsgId: string | null;
  createdAt: string;
}

/** What a team lead's queue list shows of a ticket. */
export interface TicketSummary {
  id: string;
  /** Human reference, e.g. `SB-1042`, used in email subjects and by phone. */
  reference: string;
  clientId: string;
  inboxId: string;
  channel: Channel;
  status: TicketStatus;
  priority: number;
  language: string | null;
  contactName: string;
  /** First line of the latest customer message (masked). */
  preview: string;
  createdAt: string;
  queuedAt: string | null;
  lastMessageAt: string;
}

/** The widget sends a chat message. `clientMsgId` makes retries safe: the same id never makes a second message. */
export interface ChatSendRequest {
  clientMsgId: string;
  body: string;
}

/** Sent to the widget on connect: its visitor token (keep it) and the open conversation, if any. */
export interface VisitorSession {
  visitorToken: string;
  ticketId: string | null;
  messages: MessageView[];
}
