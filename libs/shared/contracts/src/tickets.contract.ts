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
export type DeliveryStatus = 'received' | 'queued' | 'sent' | 'delivered' | 'read' | 'failed';
/** `async`: a chat left while the inbox was closed or unstaffed, answered like an email. */
export type TicketMode = 'live' | 'async';

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
  /** The agent who wrote an outbound message or note (display name); null for the customer and the system. */
  authorName: string | null;
  deliveryStatus: DeliveryStatus;
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
  mode: TicketMode;
  assigneeId: string | null;
  /** The queue it waits in or came through; null when it is picked by hand. */
  queueId: string | null;
  /** When the queue's answer target is breached (null: no target). */
  slaDueAt: string | null;
  /** The first agent reply to the customer; it stops the answer clock. */
  firstResponseAt: string | null;
  contactName: string;
  /** First line of the latest customer message (masked). */
  preview: string;
  createdAt: string;
  queuedAt: string | null;
  lastMessageAt: string;
  updatedAt: string;
}

/** Largest agent reply or note, in UTF-8 bytes. */
export const REPLY_MAX_BYTES = 64 * 1024;

/** A ticket as the agent's workspace opens it. */
export interface TicketDetail extends TicketSummary {
  subject: string | null;
  contact: ContactView;
  /** The latest TIMELINE_PAGE_SIZE lines of the timeline (notes and system lines included), in seq order. */
  messages: TicketMessage[];
  /** Older lines exist: `GET /api/tickets/:id/messages?before=<seq of the first line>` pages back. */
  hasEarlierMessages: boolean;
  call: CallView | null;
  /** A social ticket: the network and how the customer is known on it; null on other channels. */
  social: SocialConversationView | null;
  csat: { score: number; comment: string | null } | null;
  /** The disposition code the ticket was wrapped up with. */
  disposition: string | null;
  /** The same contact's other tickets (with this client: a contact belongs to one), newest first, at most 10. */
  earlierTickets: EarlierTicket[];
}

export interface EarlierTicket {
  id: string;
  reference: string;
  channel: Channel;
  status: TicketStatus;
  subject: string | null;
  createdAt: string;
  disposition: string | null;
}

/** Timeline lines per page: the ticket's first screen and each page back (a ticket may hold 10,000). */
export const TIMELINE_PAGE_SIZE = 100;

/** `GET /api/tickets/:id/messages?before=&limit=`: lines older than `before`, in seq order. */
export interface TimelinePage {
  messages: TicketMessage[];
  /** Still older lines exist. */
  hasMore: boolean;
}

/** A new line as staff hear it live (`message.created` on `/agent`): with the files it carries. */
export interface StaffMessageView extends MessageView {
  attachments: AttachmentView[];
}

/** A message in the agent's view: what the customer sees plus what only staff see. */
export interface TicketMessage extends MessageView {
  subject: string | null;
  /** Sanitised HTML of an email (masked); render only inside a sandbox. */
  bodyHtml: string | null;
  attachments: AttachmentView[];
  deliveryError: string | null;
  /** From, to and cc of an email (as received, or as our reply was sent); addresses shown per the client's PII policy. Null for other messages. */
  email: EmailEnvelope | null;
}

export interface EmailAddressView {
  name: string | null;
  address: string;
}

export interface EmailEnvelope {
  from: EmailAddressView | null;
  to: EmailAddressView[];
  cc: EmailAddressView[];
}

export const SOCIAL_NETWORKS = ['messenger', 'instagram', 'whatsapp'] as const;
export type SocialNetwork = (typeof SOCIAL_NETWORKS)[number];

/** Longest text reply each network accepts, in characters (Meta's send API limits). */
export const SOCIAL_REPLY_MAX_CHARS: Record<SocialNetwork, number> = { messenger: 2000, instagram: 1000, whatsapp: 4096 };
/** Meta lets a business answer freely only this long after the customer's latest message. */
export const SOCIAL_REPLY_WINDOW_HOURS = 24;

export interface SocialConversationView {
  network: SocialNetwork;
  /** The customer on the network: their profile name (Messenger, Instagram) or number (WhatsApp, per the PII policy). */
  handle: string;
  /** Until when a reply may be sent (the customer's latest message + 24 h); null when they never wrote. */
  replyWindowEndsAt: string | null;
}

export interface AttachmentView {
  id: string | null;
  filename: string;
  contentType: string;
  size: number;
  /** False when over the size cap: listed, not kept. */
  stored: boolean;
}

/** Contact details as the client's PII policy lets an agent see them. */
export interface ContactView {
  id: string;
  displayName: string;
  /** As the client's PII policy shows it (possibly masked). */
  email: string | null;
  phone: string | null;
  /** The fields shown masked that the caller may reveal one at a time with a reason (`POST /api/tickets/:id/reveal`). */
  revealable: ('email' | 'phone')[];
}

export type CallStatus = 'queued' | 'ringing' | 'in_progress' | 'on_hold' | 'completed' | 'abandoned' | 'failed';
export interface CallView {
  status: CallStatus;
  /** Masked per the client's PII policy. */
  from: string;
  startedAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  waitSeconds: number | null;
  durationSeconds: number | null;
  recordingUrl: string | null;
  recordingSeconds: number | null;
  transcript: string | null;
}

/** An agent writes to the customer (`reply`) or to colleagues (`note`). Retrying with the same `clientMsgId` is safe. */
export interface ReplyRequest {
  clientMsgId: string;
  kind: 'reply' | 'note';
  body: string;
  /** Email tickets only, replies only: the subject (the `[SB-n]` reference is added when missing). Default: `Re:` the ticket's subject. */
  subject?: string;
  /** Email tickets only, replies only: copy these addresses (at most REPLY_CC_MAX). */
  cc?: string[];
  /** Notes only: colleagues serving the ticket's client to tell (user ids, at most NOTE_MENTIONS_MAX); each hears of it. */
  mentions?: string[];
  /**
   * Files the caller uploaded to this ticket for this message (`POST /api/tickets/:id/attachments`), at most
   * ATTACHMENTS_PER_MESSAGE_MAX. Notes on any channel and email replies only: a chat or social reply with
   * attachments is refused with ATTACHMENTS_NOT_ALLOWED.
   */
  attachmentIds?: string[];
}

/** Largest file an agent may attach (and the default cap on stored inbound email attachments), in bytes. */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
/** Most files one reply or note may carry. */
export const ATTACHMENTS_PER_MESSAGE_MAX = 5;
/** Uploads not sent with a message within this long are deleted. */
export const PENDING_ATTACHMENT_TTL_HOURS = 24;

/** `POST /api/tickets/:id/attachments` (the raw file as the body, its name URL-encoded in `X-Filename`): the stored, not yet sent file. */
export interface UploadedAttachment {
  /** Random (UUID v4): never sequential or guessable. */
  id: string;
  /** The name as kept: path and control characters removed. */
  filename: string;
  contentType: string;
  size: number;
}

export const NOTE_MENTIONS_MAX = 10;

/** `GET /api/tickets/:id/colleagues`: staff serving the ticket's client, whom a note can mention. */
export interface Colleague {
  id: string;
  name: string;
  role: 'agent' | 'team_lead' | 'admin';
}

export const REPLY_CC_MAX = 10;
export const REPLY_SUBJECT_MAX_CHARS = 250;

/** Statuses an agent may set by hand; the others follow from what happens. */
export const SETTABLE_TICKET_STATUSES = ['pending', 'resolved', 'closed'] as const;
export type SettableTicketStatus = (typeof SETTABLE_TICKET_STATUSES)[number];
export interface SetTicketStatusRequest {
  status: SettableTicketStatus;
  /** Wrap-up: the client's disposition code, required to resolve or close when the client has any. */
  disposition?: string;
}

/** Take a queued ticket (no `agentId`), or, as a lead or admin, give it to an agent. */
export interface AssignTicketRequest {
  agentId?: string;
}

export const CALL_ACTIONS = ['hold', 'resume', 'hangup', 'transfer'] as const;
export type CallAction = (typeof CALL_ACTIONS)[number];
export interface CallControlRequest {
  action: CallAction;
  /** transfer: the agent who takes the call. */
  agentId?: string;
}

/** What would have gone to a mail server or a provider API that is not configured. Admins read it. */
export interface OutboxEntry {
  id: string;
  clientId: string;
  kind: 'email' | 'social_message' | 'call_update';
  recipient: string;
  subject: string | null;
  /** The raw RFC 5322 message for email; the JSON request for the others. */
  payload: string;
  createdAt: string;
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
  /** What the visitor already told us (pre-chat or offline form). */
  profile: VisitorProfile;
  /** The latest ticket was resolved and still waits for the visitor's rating. */
  csatPending: { ticketId: string } | null;
}

/** Pre-chat / offline form answers. Fields the inbox does not ask for are ignored. */
export interface VisitorProfile {
  name: string | null;
  email: string | null;
}

export interface CsatRequest {
  ticketId: string;
  /** 1 (very unhappy) … 5 (very happy). */
  score: number;
  comment?: string;
}

/** Ticket lifecycle news for the widget: `csatRequested` asks the visitor to rate the conversation. */
export interface VisitorTicketStatus {
  ticketId: string;
  status: TicketStatus;
  csatRequested: boolean;
}

export interface TypingState {
  typing: boolean;
}

/** A customer is typing (agents watching the ticket hear it). */
export interface CustomerTyping extends TypingState {
  ticketId: string;
}

/** An agent is typing in a conversation (the widget hears it, with the agent's first name). */
export interface AgentTyping extends TypingState {
  name: string;
}
