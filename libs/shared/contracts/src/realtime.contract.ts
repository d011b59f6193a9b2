import type { ErrorBody } from './errors.contract';
import type { AgentPresence, SetPresenceRequest, WhisperView } from './presence.contract';
import type { AgentLoad, OfferClosed, OfferView, QueueStats, RejectOfferRequest, TicketAssigned, TicketRequeued } from './routing.contract';
import type { CalibrationUpdated, CoachingUpdated, DisputeUpdated, EvaluationSummary } from './qa.contract';
import type { LiveReport } from './reporting.contract';
import type { ClientStaffing, WidgetInboxView } from './tenancy.contract';
import type { AgentTyping, ChatSendRequest, CsatRequest, CustomerTyping, MessageView, StaffMessageView, TicketSummary, TypingState, VisitorProfile, VisitorSession, VisitorTicketStatus } from './tickets.contract';

/** Every acknowledged write answers with one of these. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };
export type AckCallback<T> = (ack: Ack<T>) => void;

export const Namespace = {
  Agent: '/agent',
  Portal: '/portal',
  Customer: '/customer',
} as const;

/** Payload of `agent.status_changed`. */
export interface AgentStatusChanged extends AgentPresence {
  teamIds: string[];
  /** The lead or admin who set this state for the agent (display name); null when the agent or the system did. */
  setBy: string | null;
}

export interface SessionEnded {
  code: ErrorBody['code'];
  message: string;
}

/**
 * Catching up after a reconnect. A recipient's cursor: the last `seq` it saw on each ticket it follows
 * (messages of a ticket are numbered 1, 2, 3 … in the order they were committed). `messages.sync`
 * answers, per ticket, the messages after it; a ticket the caller may not see is NOT_FOUND and a
 * cursor past the ticket's last message SYNC_CURSOR_AHEAD, for the whole request (nothing is sent).
 */
export interface SyncCursor {
  ticketId: string;
  afterSeq: number;
}
export interface SyncRequest {
  /** 1–100 tickets, each once. */
  cursors: SyncCursor[];
}
export interface TicketCatchUp<M> {
  ticketId: string;
  /** After the cursor, in seq order, at most 200 (then `more`: ask again from the last one). */
  messages: M[];
  /** The ticket's last seq now (a customer's view skips internal notes, so its seqs have gaps). */
  lastSeq: number;
  more: boolean;
}
export interface SyncResponse<M> {
  tickets: TicketCatchUp<M>[];
}
/** The server may have dropped live events for a while (its link to the other nodes was down): run `messages.sync`. */
export interface SyncRequired {
  reason: 'fan_out_restored';
}
/** The signed-in user's access changed while connected (a client assignment or team added or removed): the socket now hears only the new scope; refetch lists. */
export interface SessionRescoped {
  clientIds: string[];
}

/** `/agent`: staff console. Auth: `handshake.auth.token` = access token. */
export interface AgentServerEvents {
  'agent.status_changed': (event: AgentStatusChanged) => void;
  /** A ticket changed: to its client's leads and admins, its assignee, its watchers and the agent it was just taken from. */
  'ticket.updated': (ticket: TicketSummary) => void;
  /** A message joined a ticket the caller watches (notes included), or a customer wrote on a ticket assigned to the caller; with its files. */
  'message.created': (message: StaffMessageView) => void;
  /** A message's delivery status changed, or it was re-masked. */
  'message.updated': (message: MessageView) => void;
  'customer.typing': (event: CustomerTyping) => void;
  'session.ended': (event: SessionEnded) => void;
  'session.rescoped': (event: SessionRescoped) => void;
  /** A reservation for this agent: accept or reject before `expiresAt`. */
  'ticket.offered': (offer: OfferView) => void;
  /** One of this agent's offers closed without their answer (timed out, rescinded). */
  'offer.closed': (event: OfferClosed) => void;
  /** To the agent who got the ticket and to the leads of its client. */
  'ticket.assigned': (event: TicketAssigned) => void;
  /** To the leads of its client, and to the agent it came back from. */
  'ticket.requeued': (event: TicketRequeued) => void;
  /** Leads and admins: live numbers of the queues of their clients. */
  'queue.stats': (stats: QueueStats[]) => void;
  /** Boards and the agent: what the agent holds now. */
  'agent.load': (load: AgentLoad) => void;
  /** To the agent: a private note from their lead. */
  'whisper.received': (whisper: WhisperView) => void;
  /** QA: an evaluation was submitted — to the agent evaluated and the leads and admins of its client. */
  'evaluation.submitted': (evaluation: EvaluationSummary) => void;
  /** QA: a dispute was raised or resolved — to the agent, the evaluation's reviewer and the leads and admins of its client. */
  'dispute.updated': (event: DisputeUpdated) => void;
  /** QA: the agent acknowledged an evaluation — to the agent (other tabs), its reviewer and the leads and admins of its client. */
  'evaluation.acknowledged': (evaluation: EvaluationSummary) => void;
  /** QA: a sampling draw assigned these draft evaluations to the lead who receives it (to that lead only). */
  'evaluation.assigned': (evaluations: EvaluationSummary[]) => void;
  /** QA: a coaching note was opened or acknowledged — to the agent coached, its author and the leads and admins of its client. */
  'coaching.updated': (note: CoachingUpdated) => void;
  /** QA: a calibration review was submitted or the session closed — to its participants (no scores while open). */
  'calibration.updated': (update: CalibrationUpdated) => void;
  'sync.required': (event: SyncRequired) => void;
}
/** Watching a ticket: the workspace that shows it hears its messages and the customer typing. */
export interface TicketRef {
  ticketId: string;
}
export interface AgentClientEvents {
  'presence.set': (request: SetPresenceRequest, ack: AckCallback<AgentPresence>) => void;
  'ticket.watch': (request: TicketRef, ack: AckCallback<TicketRef>) => void;
  'ticket.unwatch': (request: TicketRef, ack: AckCallback<TicketRef>) => void;
  /** Sent while the agent types a reply (not a note); at most every 2 s. */
  'typing.set': (request: TicketRef & TypingState, ack: AckCallback<TicketRef>) => void;
  'offer.accept': (request: OfferRef, ack: AckCallback<TicketAssigned>) => void;
  'offer.reject': (request: OfferRef & RejectOfferRequest, ack: AckCallback<OfferRef>) => void;
  /** After a reconnect: what was missed on the tickets the console shows (assigned or open), notes included. */
  'messages.sync': (request: SyncRequest, ack: AckCallback<SyncResponse<StaffMessageView>>) => void;
}
export interface OfferRef {
  offerId: string;
}

/** `/portal`: client portal live tiles. Auth: `handshake.auth.token` = access token of a client user. */
export interface PortalServerEvents {
  'client.staffing_changed': (event: ClientStaffing) => void;
  /** The client's live tiles (reporting), at most once a second while they change. */
  'report.live': (event: LiveReport) => void;
  'session.ended': (event: SessionEnded) => void;
}
/** The portal sends nothing yet. */
export type PortalClientEvents = Record<string, never>;

/** `/customer`: the chat widget. Auth: `handshake.auth.inboxKey` and, for a returning visitor, `visitorToken`. */
export interface CustomerServerEvents {
  'inbox.availability': (event: WidgetInboxView) => void;
  'visitor.session': (session: VisitorSession) => void;
  /** A message of the visitor's conversation (an agent reply, or their own from another tab). */
  'message.created': (message: MessageView) => void;
  /** One of the visitor's messages was re-masked (a card number split across two messages). */
  'message.updated': (message: MessageView) => void;
  'ticket.status': (event: VisitorTicketStatus) => void;
  'agent.typing': (event: AgentTyping) => void;
  'sync.required': (event: SyncRequired) => void;
}
export interface CustomerClientEvents {
  'message.send': (request: ChatSendRequest, ack: AckCallback<MessageView>) => void;
  /** Pre-chat or offline form. */
  'visitor.profile': (request: VisitorProfile, ack: AckCallback<VisitorProfile>) => void;
  'typing.set': (request: TypingState, ack: AckCallback<TypingState>) => void;
  'csat.submit': (request: CsatRequest, ack: AckCallback<VisitorTicketStatus>) => void;
  /** After a reconnect: the replies missed on the visitor's own conversation (public messages only). */
  'messages.sync': (request: SyncRequest, ack: AckCallback<SyncResponse<MessageView>>) => void;
}

/** Reasons a socket connection is refused, in `connect_error`'s `data.code`. */
export interface ConnectErrorData {
  code: ErrorBody['code'];
  message: string;
  /** RATE_LIMITED and SERVICE_UNAVAILABLE: try again after this many seconds (the client retries on its own). */
  retryAfterSeconds?: number;
}
