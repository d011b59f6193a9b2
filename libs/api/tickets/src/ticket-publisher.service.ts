import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { TenantDatabase } from '@switchboard/api-database';
import { SYSTEM_SCOPE } from '@switchboard/api-platform';
import type { AttachmentView, MessageView, TicketSummary } from '@switchboard/shared-contracts';
import { MessageCreatedEvent, MessageUpdatedEvent, TicketUpdatedEvent } from './ticket-events';
import type { AppendedMessage } from './ticket-intake.util';
import { ticketSummaries } from './ticket-queries';

/**
 * Announces committed changes: re-reads the ticket summary after commit and raises the domain events
 * the realtime layer turns into socket emits. Call it only after the transaction has committed.
 */
@Injectable()
export class TicketPublisher {
  constructor(
    private readonly tenants: TenantDatabase,
    private readonly events: EventEmitter2,
  ) {}

  /** `alsoTell`: users who must hear it besides the usual (the agent the ticket was taken from). */
  async ticketChanged(ticketId: string, alsoTell: readonly string[] = []): Promise<void> {
    await this.ticketsChanged([ticketId], alsoTell);
  }

  /** Many tickets changed at once (a routing round): one read, one event each. */
  async ticketsChanged(ticketIds: readonly string[], alsoTell: readonly string[] = []): Promise<void> {
    if (ticketIds.length === 0) return;
    this.summariesChanged(await this.tenants.run(SYSTEM_SCOPE, (m) => ticketSummaries(m, 't.id = ANY ($1)', [ticketIds])), alsoTell);
  }

  /** Summaries the committed transaction read as its last step (so announcing needs no transaction of its own). */
  summariesChanged(summaries: readonly TicketSummary[], alsoTell: readonly string[] = []): void {
    for (const summary of summaries) this.events.emit(TicketUpdatedEvent.eventName, new TicketUpdatedEvent(summary, alsoTell));
  }

  /** A new message, then the ticket it changed. `visitorIdentity`: the widget visitor who should hear it. */
  async messageCreated(clientId: string, message: MessageView, visitorIdentity: string | null, attachments: AttachmentView[] = []): Promise<void> {
    this.events.emit(MessageCreatedEvent.eventName, new MessageCreatedEvent(clientId, message, visitorIdentity, null, attachments));
    await this.ticketChanged(message.ticketId);
  }

  /** A customer message taken in by a channel (and the previous one, when a split card number made it re-masked), with the ticket as the intake left it. */
  inboundAppended(clientId: string, appended: Pick<AppendedMessage, 'message' | 'remasked' | 'summary'>, visitorIdentity: string | null): void {
    if (appended.remasked) this.messageUpdated(clientId, appended.remasked, visitorIdentity);
    this.events.emit(MessageCreatedEvent.eventName, new MessageCreatedEvent(clientId, appended.message, visitorIdentity, appended.summary.assigneeId));
    this.summariesChanged([appended.summary]);
  }

  /** A message's delivery status or body changed (delivery receipts, failures, a late card mask). */
  messageUpdated(clientId: string, message: MessageView, visitorIdentity: string | null): void {
    this.events.emit(MessageUpdatedEvent.eventName, new MessageUpdatedEvent(clientId, message, visitorIdentity));
  }
}
