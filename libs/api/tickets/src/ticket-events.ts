import type { MessageView, TicketSummary } from '@switchboard/shared-contracts';

/** A ticket was created or changed; raised after commit. Staff of its client hear of it. */
export class TicketUpdatedEvent {
  static readonly eventName = 'ticket.updated';
  constructor(readonly ticket: TicketSummary) {}
}

/** A message joined a ticket's timeline; raised after commit. */
export class MessageCreatedEvent {
  static readonly eventName = 'message.created';
  constructor(
    readonly clientId: string,
    readonly message: MessageView,
    /** The widget visitor whose conversation this is, when the channel is chat. */
    readonly visitorIdentity: string | null,
  ) {}
}
