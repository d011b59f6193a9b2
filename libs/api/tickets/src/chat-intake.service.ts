import { Inject, Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { TenantDatabase } from '@switchboard/api-database';
import { APP_CONFIG, ROOT_LOGGER, ValidationException, type AppConfig, type TenantScope } from '@switchboard/api-platform';
import { maskSensitiveData } from '@switchboard/shared-domain';
import { CHAT_MESSAGE_MAX_BYTES, type ChatSendRequest, type MessageView, type VisitorSession } from '@switchboard/shared-contracts';
import type { Logger } from 'pino';
import { MessageCreatedEvent, TicketUpdatedEvent } from './ticket-events';
import { appendInbound, contactFor, findContact, lockSender, openTicketOf } from './ticket-intake.util';
import { messagesOf, messageView, ticketSummaries } from './ticket-queries';
import { TicketsException } from './tickets.exception';
import { issueVisitorToken, verifyVisitorToken, visitorIdentity } from './visitor-token.util';

/** The chat inbox a widget connected to. */
export interface WidgetInbox {
  clientId: string;
  inboxId: string;
}

export interface ChatVisitor extends WidgetInbox {
  /** Hash of the visitor token: the contact's chat identity. */
  identity: string;
}

const customerScope = (clientId: string): TenantScope => ({ role: 'customer', clientIds: [clientId] });

/**
 * Chat intake: a widget visitor becomes a contact, their first message opens a queued ticket, later
 * messages join it. Every message is masked before it is stored, committed before anyone hears of it,
 * and deduplicated on the widget's `clientMsgId`.
 */
@Injectable()
export class ChatIntakeService {
  private readonly log: Logger;

  constructor(
    private readonly tenants: TenantDatabase,
    private readonly events: EventEmitter2,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ context: ChatIntakeService.name });
  }

  /** On connect: the visitor's token (a new one unless they presented a valid one) and their open conversation. */
  async openSession(inbox: WidgetInbox, presentedToken: unknown): Promise<VisitorSession & { visitor: ChatVisitor }> {
    const visitorToken = verifyVisitorToken(presentedToken, this.config.auth.jwtSecret) ?? issueVisitorToken(this.config.auth.jwtSecret);
    const visitor = { ...inbox, identity: visitorIdentity(visitorToken) };
    return await this.tenants.run(customerScope(inbox.clientId), async (m) => {
      const contactId = await findContact(m, inbox.clientId, 'chat', visitor.identity);
      const ticketId = contactId ? await openTicketOf(m, contactId, inbox.inboxId) : null;
      return { visitorToken, visitor, ticketId, messages: ticketId ? await messagesOf(m, ticketId) : [] };
    });
  }

  async receive(visitor: ChatVisitor, request: ChatSendRequest): Promise<MessageView> {
    const bytes = Buffer.byteLength(request.body, 'utf8');
    if (bytes > CHAT_MESSAGE_MAX_BYTES) throw TicketsException.messageTooLarge(bytes);
    const { text: body, cards } = maskSensitiveData(request.body);

    const outcome = await this.tenants.run(customerScope(visitor.clientId), async (m) => {
      await lockSender(m, visitor.clientId, 'chat', visitor.identity);
      const contactId = await contactFor(m, visitor.clientId, 'chat', visitor.identity, { displayName: `Web visitor ${visitor.identity.slice(0, 4).toUpperCase()}` });
      const [existing] = await m.query(
        `SELECT m.id, m.ticket_id AS "ticketId", m.seq, m.direction, m.body, m.client_msg_id AS "clientMsgId", m.created_at AS "createdAt", t.contact_id AS "contactId"
           FROM messages m JOIN tickets t ON t.id = m.ticket_id WHERE m.client_id = $1 AND m.client_msg_id = $2`,
        [visitor.clientId, request.clientMsgId],
      );
      if (existing) {
        if (existing.contactId !== contactId) throw new ValidationException([{ field: 'clientMsgId', message: 'is already used by another message' }]);
        return { duplicate: true, ticketId: existing.ticketId as string, message: messageView(existing), opened: false };
      }
      const appended = await appendInbound(m, {
        clientId: visitor.clientId,
        inboxId: visitor.inboxId,
        channel: 'chat',
        contactId,
        ticketId: await openTicketOf(m, contactId, visitor.inboxId),
        body,
        clientMsgId: request.clientMsgId,
        eventData: { masked: cards > 0 },
      });
      return { duplicate: false, ...appended };
    });

    if (!outcome.duplicate) {
      this.log.info({ clientId: visitor.clientId, ticketId: outcome.ticketId, seq: outcome.message.seq, opened: outcome.opened }, 'chat message received');
      this.events.emit(MessageCreatedEvent.eventName, new MessageCreatedEvent(visitor.clientId, outcome.message, visitor.identity));
      const [summary] = await this.tenants.run({ role: 'system', clientIds: [] }, (m) => ticketSummaries(m, 't.id = $1', [outcome.ticketId]));
      if (summary) this.events.emit(TicketUpdatedEvent.eventName, new TicketUpdatedEvent(summary));
    }
    return outcome.message;
  }
}
