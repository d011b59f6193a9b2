import { Inject, Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { TenantDatabase } from '@switchboard/api-database';
import { APP_CONFIG, ROOT_LOGGER, ValidationException, type AppConfig, type TenantScope } from '@switchboard/api-platform';
import { maskSensitiveData } from '@switchboard/shared-domain';
import { CHAT_MESSAGE_MAX_BYTES, OPEN_TICKET_STATUSES, type ChatSendRequest, type MessageView, type VisitorSession } from '@switchboard/shared-contracts';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { MessageCreatedEvent, TicketUpdatedEvent } from './ticket-events';
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
      const ticketId = await this.openTicketOf(m, visitor);
      return { visitorToken, visitor, ticketId, messages: ticketId ? await messagesOf(m, ticketId) : [] };
    });
  }

  async receive(visitor: ChatVisitor, request: ChatSendRequest): Promise<MessageView> {
    const bytes = Buffer.byteLength(request.body, 'utf8');
    if (bytes > CHAT_MESSAGE_MAX_BYTES) throw TicketsException.messageTooLarge(bytes);
    const { text: body, cards } = maskSensitiveData(request.body);

    const outcome = await this.tenants.run(customerScope(visitor.clientId), async (m) => {
      // One visitor's messages are taken one at a time: no duplicate ticket, no seq race, retries see their first try.
      await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`chat:${visitor.clientId}:${visitor.identity}`]);
      const contactId = await this.contactOf(m, visitor);
      const [existing] = await m.query<{ id: string; contact_id: string }[]>(
        `SELECT m.id, t.contact_id FROM messages m JOIN tickets t ON t.id = m.ticket_id WHERE m.client_id = $1 AND m.client_msg_id = $2`,
        [visitor.clientId, request.clientMsgId],
      );
      if (existing) {
        if (existing.contact_id !== contactId) throw new ValidationException([{ field: 'clientMsgId', message: 'is already used by another message' }]);
        const [row] = await m.query(`SELECT id, ticket_id AS "ticketId", seq, direction, body, client_msg_id AS "clientMsgId", created_at AS "createdAt" FROM messages WHERE id = $1`, [existing.id]);
        return { message: messageView(row), duplicate: true, ticketChanged: false, ticketId: row.ticketId as string };
      }

      let ticketId = await this.openTicketOf(m, visitor);
      const opened = !ticketId;
      if (!ticketId) {
        const [ticket] = await m.query<{ id: string }[]>(
          `INSERT INTO tickets (client_id, inbox_id, contact_id, channel, status, queued_at) VALUES ($1, $2, $3, 'chat', 'queued', now()) RETURNING id`,
          [visitor.clientId, visitor.inboxId, contactId],
        );
        ticketId = ticket.id;
        await m.query(`INSERT INTO ticket_events (client_id, ticket_id, type, data) VALUES ($1, $2, 'created', $3), ($1, $2, 'queued', '{}')`, [visitor.clientId, ticketId, { channel: 'chat', inboxId: visitor.inboxId }]);
      }
      // TypeORM answers an UPDATE … RETURNING with [rows, affected].
      const [[{ seq }]] = await m.query<[{ seq: number }[], number]>(
        'UPDATE tickets SET next_seq = next_seq + 1, last_message_at = now(), updated_at = now() WHERE id = $1 RETURNING next_seq - 1 AS seq',
        [ticketId],
      );
      const [row] = await m.query(
        `INSERT INTO messages (client_id, ticket_id, seq, direction, body, client_msg_id) VALUES ($1, $2, $3, 'inbound', $4, $5)
         RETURNING id, ticket_id AS "ticketId", seq, direction, body, client_msg_id AS "clientMsgId", created_at AS "createdAt"`,
        [visitor.clientId, ticketId, seq, body, request.clientMsgId],
      );
      await m.query(`INSERT INTO ticket_events (client_id, ticket_id, type, data) VALUES ($1, $2, 'message_received', $3)`, [visitor.clientId, ticketId, { messageId: row.id, seq, masked: cards > 0 }]);
      return { message: messageView(row), duplicate: false, ticketChanged: true, ticketId, opened };
    });

    if (!outcome.duplicate) {
      this.log.info({ clientId: visitor.clientId, ticketId: outcome.ticketId, seq: outcome.message.seq, opened: 'opened' in outcome && outcome.opened }, 'chat message received');
      this.events.emit(MessageCreatedEvent.eventName, new MessageCreatedEvent(visitor.clientId, outcome.message, visitor.identity));
      const [summary] = await this.tenants.run({ role: 'system', clientIds: [] }, (m) => ticketSummaries(m, 't.id = $1', [outcome.ticketId]));
      if (summary) this.events.emit(TicketUpdatedEvent.eventName, new TicketUpdatedEvent(summary));
    }
    return outcome.message;
  }

  private async openTicketOf(m: EntityManager, visitor: ChatVisitor): Promise<string | null> {
    const [row] = await m.query<{ id: string }[]>(
      `SELECT t.id FROM tickets t JOIN contact_identities ci ON ci.contact_id = t.contact_id AND ci.client_id = t.client_id
        WHERE ci.client_id = $1 AND ci.channel = 'chat' AND ci.external_id = $2 AND t.inbox_id = $3 AND t.status = ANY ($4)
        ORDER BY t.created_at DESC LIMIT 1`,
      [visitor.clientId, visitor.identity, visitor.inboxId, OPEN_TICKET_STATUSES],
    );
    return row?.id ?? null;
  }

  private async contactOf(m: EntityManager, visitor: ChatVisitor): Promise<string> {
    const [known] = await m.query<{ contact_id: string }[]>(
      `SELECT contact_id FROM contact_identities WHERE client_id = $1 AND channel = 'chat' AND external_id = $2`,
      [visitor.clientId, visitor.identity],
    );
    if (known) return known.contact_id;
    const [contact] = await m.query<{ id: string }[]>(`INSERT INTO contacts (client_id, display_name) VALUES ($1, $2) RETURNING id`, [visitor.clientId, `Web visitor ${visitor.identity.slice(0, 4).toUpperCase()}`]);
    await m.query(`INSERT INTO contact_identities (client_id, contact_id, channel, external_id) VALUES ($1, $2, 'chat', $3)`, [visitor.clientId, contact.id, visitor.identity]);
    return contact.id;
  }
}
