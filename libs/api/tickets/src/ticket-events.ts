import type { AttachmentView, MessageView, TicketSummary, VisitorTicketStatus } from '@switchboard/shared-contracts';

/** A ticket was created or changed; raised after commit. Its client's leads, its assignee and its watchers hear of it. */
export class TicketUpdatedEvent {
  static readonly eventName = 'ticket.updated';
  constructor(
    readonly ticket: TicketSummary,
    /** Who else must hear it: the agent who had the ticket until this change (their desk lets it go). */
    readonly alsoTell: readonly string[] = [],
  ) {}
}

/** A message joined a ticket's timeline; raised after commit. */
export class MessageCreatedEvent {
  static readonly eventName = 'message.created';
  constructor(
    readonly clientId: string,
    readonly message: MessageView,
    /** The widget visitor whose conversation this is, when the channel is chat and the message is public. */
    readonly visitorIdentity: string | null,
    /** The ticket's agent, who hears its messages on their desk without watching it (unread counts). */
    readonly assigneeId: string | null = null,
    /** The files the message carries (staff hear of them; the customer's view never has them). */
    readonly attachments: AttachmentView[] = [],
  ) {}
}

/** A message changed after it was created (delivery status, late masking); raised after commit. */
export class MessageUpdatedEvent {
  static readonly eventName = 'message.updated';
  constructor(
    readonly clientId: string,
    readonly message: MessageView,
    readonly visitorIdentity: string | null,
  ) {}
}

/** Someone is typing in a ticket's conversation. */
export class TypingEvent {
  static readonly eventName = 'ticket.typing';
  constructor(
    readonly ticketId: string,
    readonly typing: boolean,
    /** Who types: the customer, or an agent by first name (the visitor hears it). */
    readonly by: { kind: 'customer' } | { kind: 'agent'; name: string; visitorIdentity: string },
  ) {}
}

/** The widget visitor should learn of a ticket's status (resolution asks for their rating). */
export class VisitorTicketStatusEvent {
  static readonly eventName = 'visitor.ticket_status';
  constructor(
    readonly visitorIdentity: string,
    readonly status: VisitorTicketStatus,
  ) {}
}

/** An outbound email or social reply was queued for delivery; raised after commit. */
export class DeliveryQueuedEvent {
  static readonly eventName = 'delivery.queued';
}
