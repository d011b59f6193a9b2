import { Inject, Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { TenantDatabase } from '@switchboard/api-database';
import { APP_CONFIG, DomainException, ROOT_LOGGER, ValidationException, type AppConfig, type TenantScope } from '@switchboard/api-platform';
import { TenancyService } from '@switchboard/api-tenancy';
import { maskSensitiveData, maskTrailingPartialCard, missingVisitorDetails } from '@switchboard/shared-domain';
import {
  CHAT_MESSAGE_MAX_BYTES,
  ErrorCode,
  OPEN_TICKET_STATUSES,
  type ChatSendRequest,
  type CsatRequest,
  type MessageView,
  type VisitorProfile,
  type VisitorSession,
  type VisitorTicketStatus,
} from '@switchboard/shared-contracts';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { TypingEvent } from './ticket-events';
import { appendInbound, contactFor, contactOf, findContact, lockSender, openTicketOf, recordEvent } from './ticket-intake.util';
import { TicketPublisher } from './ticket-publisher.service';
import { customerMessageView, MESSAGE_COLUMNS, messagesOf, type MessageRow } from './ticket-queries';
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
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,250}\.[^\s@]{2,}$/;
/** A resolved conversation still asks for its rating this long. */
const CSAT_WINDOW = '7 days';
const EMPTY_PROFILE: VisitorProfile = Object.freeze({ name: null, email: null });

/**
 * Chat intake: a widget visitor becomes a contact, their first message opens a queued ticket (an
 * offline message ticket when nobody can chat), later messages join it. Every message is masked
 * before it is stored, committed before anyone hears of it, and deduplicated on `clientMsgId`.
 */
@Injectable()
export class ChatIntakeService {
  private readonly log: Logger;

  constructor(
    private readonly tenants: TenantDatabase,
    private readonly publisher: TicketPublisher,
    private readonly events: EventEmitter2,
    private readonly tenancy: TenancyService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ context: ChatIntakeService.name });
  }

  /** On connect: the visitor's token (a new one unless they presented a valid one) and their open conversation. */
  async openSession(inbox: WidgetInbox, presentedToken: unknown): Promise<VisitorSession & { visitor: ChatVisitor }> {
    const returning = verifyVisitorToken(presentedToken, this.config.auth.jwtSecret);
    const visitorToken = returning ?? issueVisitorToken(this.config.auth.jwtSecret);
    const visitor = { ...inbox, identity: visitorIdentity(visitorToken) };
    const firstVisit = { visitorToken, visitor, ticketId: null, messages: [], profile: { name: null, email: null }, csatPending: null };
    // A new token's identity has never been seen: nothing to look up.
    if (!returning) return firstVisit;
    return await this.tenants.run(customerScope(inbox.clientId), async (m) => {
      const contactId = await findContact(m, inbox.clientId, 'chat', visitor.identity);
      if (!contactId) return firstVisit;
      const ticketId = await openTicketOf(m, contactId, inbox.inboxId);
      const [pending] = await m.query<{ id: string }[]>(
        `SELECT t.id FROM tickets t WHERE t.contact_id = $1 AND t.inbox_id = $2 AND t.status IN ('resolved', 'closed') AND t.csat_score IS NULL
            AND t.resolved_at > now() - interval '${CSAT_WINDOW}'
            AND EXISTS (SELECT 1 FROM ticket_events e WHERE e.ticket_id = t.id AND e.type = 'csat_requested')
          ORDER BY t.resolved_at DESC LIMIT 1`,
        [contactId, inbox.inboxId],
      );
      return {
        visitorToken,
        visitor,
        ticketId,
        messages: ticketId ? await messagesOf(m, ticketId) : [],
        profile: await profileOf(m, contactId),
        csatPending: !ticketId && pending ? { ticketId: pending.id } : null,
      };
    });
  }

  /** Pre-chat or offline form answers. */
  async updateProfile(visitor: ChatVisitor, request: VisitorProfile): Promise<VisitorProfile> {
    const name = typeof request.name === 'string' ? request.name.trim() : '';
    const email = typeof request.email === 'string' ? request.email.trim().toLowerCase() : '';
    const problems = [];
    if (name.length > 100) problems.push({ field: 'name', message: 'must be at most 100 characters' });
    if (email && !EMAIL.test(email)) problems.push({ field: 'email', message: 'must be an email address such as name@example.com' });
    if (problems.length) throw new ValidationException(problems);
    const profile = { name: name ? maskSensitiveData(name).text : null, email: email || null };
    return await this.tenants.run(customerScope(visitor.clientId), async (m) => {
      await lockSender(m, visitor.clientId, 'chat', visitor.identity);
      const contactId = await contactFor(m, visitor.clientId, 'chat', visitor.identity, { displayName: defaultName(visitor) });
      await m.query(
        `UPDATE contacts SET profile = profile || jsonb_strip_nulls($2::jsonb), display_name = coalesce($3, display_name), email = coalesce($4, email), updated_at = now() WHERE id = $1`,
        [contactId, JSON.stringify(profile), profile.name, profile.email],
      );
      return await profileOf(m, contactId);
    });
  }

  async receive(visitor: ChatVisitor, request: ChatSendRequest): Promise<MessageView> {
    const bytes = Buffer.byteLength(request.body, 'utf8');
    if (bytes > CHAT_MESSAGE_MAX_BYTES) throw TicketsException.messageTooLarge(bytes);
    const masked = maskSensitiveData(request.body);
    const partial = maskTrailingPartialCard(masked.text);
    const body = partial.text;
    const cards = masked.cards + (partial.masked ? 1 : 0);

    const outcome = await this.tenants.run(customerScope(visitor.clientId), async (m) => {
      await lockSender(m, visitor.clientId, 'chat', visitor.identity);
      const contact = await contactOf(m, visitor.clientId, 'chat', visitor.identity, { displayName: defaultName(visitor) });
      const contactId = contact.id;
      // One round trip: a message already stored under this clientMsgId (a retried send), and the contact's open ticket.
      const [looked] = await m.query<(Partial<MessageRow> & { contactId: string | null; openTicketId: string | null })[]>(
        `SELECT d.*, (SELECT id FROM tickets WHERE contact_id = $3 AND inbox_id = $4 AND status = ANY ($5) ORDER BY created_at DESC LIMIT 1) AS "openTicketId"
           FROM (SELECT 1) one
           LEFT JOIN (SELECT ${MESSAGE_COLUMNS}, t.contact_id AS "contactId" FROM messages m JOIN tickets t ON t.id = m.ticket_id WHERE m.client_id = $1 AND m.client_msg_id = $2) d ON true`,
        [visitor.clientId, request.clientMsgId, contactId, visitor.inboxId, OPEN_TICKET_STATUSES],
      );
      if (looked.id) {
        const { openTicketId: _open, contactId: owner, ...existing } = looked;
        if (owner !== contactId) throw new ValidationException([{ field: 'clientMsgId', message: 'is already used by another message' }]);
        return { duplicate: true as const, ticketId: existing.ticketId as string, message: customerMessageView(existing as MessageRow), remasked: null, opened: false };
      }
      // A contact created just now has no ticket yet and an empty profile.
      const ticketId = contact.created ? null : looked.openTicketId;
      // Only a message that opens a ticket asks whether the inbox is live or taking messages.
      const widget = ticketId === null ? await this.tenancy.widgetInboxViewIn(m, visitor.inboxId) : null;
      const missing = widget ? missingVisitorDetails(widget, contact.created ? EMPTY_PROFILE : await profileOf(m, contactId), true) : [];
      if (widget && missing.length) {
        throw new DomainException(
          ErrorCode.VisitorDetailsRequired,
          widget.offline ? 'Leave your email address so we can answer you.' : 'Please tell us a little about yourself first.',
          missing.map((field) => ({ field, message: 'is required' })),
        );
      }
      const appended = await appendInbound(m, {
        clientId: visitor.clientId,
        inboxId: visitor.inboxId,
        channel: 'chat',
        contactId,
        ticketId,
        body,
        clientMsgId: request.clientMsgId,
        mode: widget?.offline ? 'async' : 'live',
        eventData: { masked: cards > 0 },
      });
      return { duplicate: false as const, ...appended };
    });

    if (!outcome.duplicate) {
      this.log.info({ clientId: visitor.clientId, ticketId: outcome.ticketId, seq: outcome.message.seq, opened: outcome.opened }, 'chat message received');
      // Committed: agents, leads and the router hear of it (from what the transaction read), then the send is acknowledged.
      this.publisher.inboundAppended(visitor.clientId, outcome, visitor.identity);
    }
    return outcome.message;
  }

  /** The visitor is typing: agents watching their open conversation hear it. */
  async typing(visitor: ChatVisitor, typing: boolean): Promise<void> {
    const ticketId = await this.tenants.run(customerScope(visitor.clientId), async (m) => {
      const contactId = await findContact(m, visitor.clientId, 'chat', visitor.identity);
      return contactId ? await openTicketOf(m, contactId, visitor.inboxId) : null;
    });
    if (ticketId) this.events.emit(TypingEvent.eventName, new TypingEvent(ticketId, typing, { kind: 'customer' }));
  }

  async submitCsat(visitor: ChatVisitor, request: CsatRequest): Promise<VisitorTicketStatus> {
    const comment = request.comment?.trim() ? maskSensitiveData(request.comment.trim()).text : null;
    const status = await this.tenants.run(customerScope(visitor.clientId), async (m) => {
      const contactId = await findContact(m, visitor.clientId, 'chat', visitor.identity);
      const [ticket] = contactId
        ? await m.query<{ id: string; status: VisitorTicketStatus['status']; csat_score: number | null }[]>('SELECT id, status, csat_score FROM tickets WHERE id = $1 AND contact_id = $2 AND inbox_id = $3 FOR UPDATE', [
            request.ticketId,
            contactId,
            visitor.inboxId,
          ])
        : [];
      if (!ticket) throw new DomainException(ErrorCode.NotFound, 'That conversation was not found.');
      if (ticket.csat_score !== null) throw new DomainException(ErrorCode.CsatAlreadyGiven, 'Thanks — you already rated this conversation.');
      if (ticket.status !== 'resolved' && ticket.status !== 'closed') throw new DomainException(ErrorCode.TicketStateConflict, 'You can rate a conversation once it is resolved.');
      await m.query('UPDATE tickets SET csat_score = $2, csat_comment = $3, updated_at = now() WHERE id = $1', [ticket.id, request.score, comment]);
      await recordEvent(m, visitor.clientId, ticket.id, 'csat', { score: request.score, comment: comment !== null });
      return { ticketId: ticket.id, status: ticket.status, csatRequested: false };
    });
    await this.publisher.ticketChanged(status.ticketId);
    return status;
  }
}

function defaultName(visitor: ChatVisitor): string {
  return `Web visitor ${visitor.identity.slice(0, 4).toUpperCase()}`;
}

async function profileOf(m: EntityManager, contactId: string): Promise<VisitorProfile> {
  const [row] = await m.query<{ profile: Partial<VisitorProfile> }[]>('SELECT profile FROM contacts WHERE id = $1', [contactId]);
  return { name: row?.profile.name ?? null, email: row?.profile.email ?? null };
}
