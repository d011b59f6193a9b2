import { Inject, Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { TenantDatabase } from '@switchboard/api-database';
import { mentionInNote, WhisperSentEvent } from '@switchboard/api-presence';
import { AuditService } from '@switchboard/api-audit';
import { APP_CONFIG, ForbiddenException, NotFoundException, ValidationException, type AppConfig, type Principal, checkedUuid } from '@switchboard/api-platform';
import {
  ErrorCode,
  REPLY_MAX_BYTES,
  type CallView,
  type EarlierTicket,
  type EmailEnvelope,
  type SocialConversationView,
  type MessageView,
  type PiiPolicy,
  type RevealContactResponse,
  type ReplyRequest,
  type SettableTicketStatus,
  type TicketDetail,
  type TicketSummary,
  type TimelinePage,
  type WhisperView,
} from '@switchboard/shared-contracts';
import {
  attachmentsAllowed,
  canAddNote,
  canAssign,
  canReply,
  canSetStatus,
  checkReplyFields,
  checkSocialReply,
  displayEmail,
  displayPhone,
  maskSensitiveData,
  replySubjectOf,
  replyTransports,
  socialNetworkOf,
  socialReplyWindowEnd,
  withTicketReference,
  wrapUpProblem,
  type RuleVerdict,
  type TicketFacts,
} from '@switchboard/shared-domain';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { linkAttachments, pendingAttachmentsFor } from './attachment-queries';
import { DeliveryQueuedEvent, TypingEvent, VisitorTicketStatusEvent } from './ticket-events';
import { nextSeq, recordEvent, RETURNED_MESSAGE } from './ticket-intake.util';
import { TicketPublisher } from './ticket-publisher.service';
import { MESSAGE_COLUMNS, messageView, ticketSummaries, timelinePage, type MessageRow } from './ticket-queries';
import { TicketsException } from './tickets.exception';


/** A ticket row locked for change, with what the rules and the transports need. */
export interface LockedTicket extends TicketFacts {
  id: string;
  clientId: string;
  inboxId: string;
  contactId: string;
  contactEmail: string | null;
  firstResponseAt: Date | null;
  csatScore: number | null;
}

/**
 * What staff do to a ticket: open it, take or assign it, reply or add a note, change its status.
 * Row-level security limits every read to the caller's clients (a foreign ticket is "not found");
 * the pure rules in shared-domain decide the rest. Events go out only after commit.
 */
@Injectable()
export class TicketWorkService {
  constructor(
    private readonly tenants: TenantDatabase,
    private readonly publisher: TicketPublisher,
    private readonly events: EventEmitter2,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  /**
   * Just-in-time PII: the caller sees one contact field of the ticket in full, once, for a reason.
   * Only where the client's policy masks it; an agent only on a ticket assigned to them (leads and
   * admins on any ticket they see). Recorded in the audit log with the reason in the same
   * transaction, so the client admin reads who revealed what, when and why.
   */
  async revealContact(principal: Principal, ticketId: string, field: 'email' | 'phone', reason: string, meta: { requestId: string | null; address: string | null }): Promise<RevealContactResponse> {
    return await this.tenants.run(principal, async (m) => {
      const [row] = await m.query<{ client_id: string; contact_id: string; assignee_id: string | null; email: string | null; phone: string | null; pii_policy: PiiPolicy }[]>(
        `SELECT t.client_id, t.contact_id, t.assignee_id, c.email, c.phone, cl.pii_policy
           FROM tickets t JOIN contacts c ON c.id = t.contact_id JOIN clients cl ON cl.id = t.client_id WHERE t.id = $1`,
        [checkedUuid(ticketId, 'ticketId')],
      );
      if (!row) throw new NotFoundException('Ticket');
      if (principal.role === 'agent' && row.assignee_id !== principal.userId) throw new ForbiddenException('Only the agent handling the ticket (or a lead) can reveal its contact details.');
      const value = row[field];
      if (!value) throw new NotFoundException(field === 'email' ? 'Email address' : 'Phone number');
      if (row.pii_policy[field] === 'full') throw new ValidationException([{ field: 'field', message: `is shown in full already under this client's policy` }]);
      await this.audit.record(m, {
        action: 'pii.revealed',
        actorUserId: principal.userId,
        clientId: row.client_id,
        targetType: 'contact',
        targetId: row.contact_id,
        details: { field, reason: reason.trim(), ticketId },
        ...meta,
      });
      return { field, value };
    });
  }

  async detail(principal: Principal, ticketId: string): Promise<TicketDetail> {
    return await this.tenants.run(principal, async (m) => {
      const [summary] = await ticketSummaries(m, 't.id = $1', [checkedUuid(ticketId, 'ticketId')]);
      if (!summary) throw new NotFoundException('Ticket');
      const [extra] = await m.query<{ subject: string | null; contact_id: string; display_name: string; email: string | null; phone: string | null; pii_policy: PiiPolicy; csat_score: number | null; csat_comment: string | null; disposition_code: string | null }[]>(
        `SELECT t.subject, c.id AS contact_id, c.display_name, c.email, c.phone, cl.pii_policy, t.csat_score, t.csat_comment, t.disposition_code
           FROM tickets t JOIN contacts c ON c.id = t.contact_id JOIN clients cl ON cl.id = t.client_id WHERE t.id = $1`,
        [ticketId],
      );
      const policy = extra.pii_policy;
      const latest = await timelinePage(m, ticketId);
      return {
        ...summary,
        subject: extra.subject,
        contact: {
          id: extra.contact_id,
          displayName: extra.display_name,
          email: extra.email ? displayEmail(extra.email, policy.email) : null,
          phone: extra.phone ? displayPhone(extra.phone, policy.phone) : null,
          // What `revealContact` would grant: a masked field with a value, to the agent handling the ticket or a lead.
          revealable: (['email', 'phone'] as const).filter((field) => extra[field] && policy[field] !== 'full' && (principal.role !== 'agent' || summary.assigneeId === principal.userId)),
        },
        messages: latest.messages,
        hasEarlierMessages: latest.hasMore,
        call: await callOf(m, ticketId, policy),
        social: summary.channel === 'social' ? await socialOf(m, extra.contact_id, extra.display_name, extra.phone, policy) : null,
        csat: extra.csat_score ? { score: extra.csat_score, comment: extra.csat_comment } : null,
        disposition: extra.disposition_code,
        earlierTickets: (
          await m.query<(Omit<EarlierTicket, 'createdAt'> & { createdAt: Date })[]>(
            `SELECT t.id, 'SB-' || t.number AS reference, t.channel, t.status, t.subject, t.created_at AS "createdAt", t.disposition_code AS disposition
               FROM tickets t WHERE t.contact_id = $1 AND t.id <> $2 ORDER BY t.created_at DESC LIMIT 10`,
            [extra.contact_id, ticketId],
          )
        ).map((row) => ({ ...row, createdAt: row.createdAt.toISOString() })),
      };
    });
  }

  /** Older timeline lines, a page at a time (`before`: the seq of the earliest line the caller has). */
  async earlierMessages(principal: Principal, ticketId: string, beforeSeq: number | null, limit: number): Promise<TimelinePage> {
    return await this.tenants.run(principal, async (m) => {
      const [visible] = await m.query('SELECT 1 FROM tickets WHERE id = $1', [checkedUuid(ticketId, 'ticketId')]);
      if (!visible) throw new NotFoundException('Ticket');
      return await timelinePage(m, ticketId, { beforeSeq, limit });
    });
  }

  /** May this caller see the ticket (for watching it live)? */
  async assertVisible(principal: Principal, ticketId: string): Promise<void> {
    const [row] = await this.tenants.run(principal, (m) => m.query('SELECT 1 FROM tickets WHERE id = $1', [checkedUuid(ticketId, 'ticketId')]));
    if (!row) throw new NotFoundException('Ticket');
  }

  /** An agent types a reply: the widget visitor of a chat hears it (with the agent's first name). */
  async agentTyping(principal: Principal, ticketId: string, typing: boolean): Promise<void> {
    const identity = await this.tenants.run(principal, async (m) => {
      const [row] = await m.query<{ channel: string; contact_id: string }[]>('SELECT channel, contact_id FROM tickets WHERE id = $1', [checkedUuid(ticketId, 'ticketId')]);
      if (!row) throw new NotFoundException('Ticket');
      return row.channel === 'chat' ? await chatIdentityOf(m, row.contact_id) : null;
    });
    if (identity) this.events.emit(TypingEvent.eventName, new TypingEvent(ticketId, typing, { kind: 'agent', name: principal.displayName.split(/\s+/)[0], visitorIdentity: identity }));
  }

  async reply(principal: Principal, ticketId: string, request: ReplyRequest): Promise<MessageView> {
    const bytes = Buffer.byteLength(request.body, 'utf8');
    if (bytes > REPLY_MAX_BYTES) throw TicketsException.messageTooLarge(bytes, REPLY_MAX_BYTES);
    const body = maskSensitiveData(request.body.trim()).text;

    const outcome = await this.tenants.run(principal, async (m) => {
      const ticket = await lockTicket(m, ticketId);
      const [existing] = await m.query<(MessageRow & { author_user_id: string | null })[]>(
        `SELECT ${MESSAGE_COLUMNS}, m.author_user_id FROM messages m WHERE m.client_id = $1 AND m.client_msg_id = $2`,
        [ticket.clientId, request.clientMsgId],
      );
      if (existing) {
        if (existing.author_user_id !== principal.userId || existing.ticketId !== ticket.id) throw new ValidationException([{ field: 'clientMsgId', message: 'is already used by another message' }]);
        return { duplicate: true as const, ticket, message: messageView(existing), visitorIdentity: null, queued: false };
      }
      enforce(request.kind === 'note' ? canAddNote(principal) : canReply(principal, ticket));
      if (request.kind !== 'note' && request.mentions?.length) throw new ValidationException([{ field: 'mentions', message: 'only internal notes mention colleagues' }]);
      const attachmentIds = request.attachmentIds ?? [];
      if (attachmentIds.length && !attachmentsAllowed(ticket.channel, request.kind)) throw TicketsException.attachmentsNotAllowed(ticket.channel);
      const extra = checkReplyFields({ channel: ticket.channel, kind: request.kind, subject: request.subject, cc: request.cc, customerAddress: ticket.contactEmail });
      if (!extra.ok) throw extra.reason === 'not_email' ? TicketsException.emailFieldsNotAllowed(extra.message, extra.fields) : TicketsException.emailFieldsInvalid(extra.message, extra.fields);

      const transports = request.kind === 'reply' ? replyTransports(ticket, ticket.contactEmail) : { widget: false, outbox: null };
      if (transports.outbox === 'social') await assertSocialReplyAllowed(m, ticket, body);
      // An email ticket's reply keeps the subject and addresses it goes out with (the worker sends exactly these).
      const email = transports.outbox === 'email' && ticket.channel === 'email' ? await emailHeadersOf(m, ticket, extra.subject ? maskSensitiveData(extra.subject).text : null, extra.cc) : null;
      const attachments = await pendingAttachmentsFor(m, ticket.id, principal.userId, attachmentIds);
      const id = randomUUID();
      const externalId = transports.outbox === 'email' ? `sb-${id}@${new URL(this.config.publicUrl).hostname}` : null;
      const seq = await nextSeq(m, ticket.id);
      const [row] = await m.query<MessageRow[]>(
        `INSERT INTO messages (id, client_id, ticket_id, seq, direction, author_user_id, author_name, body, client_msg_id, external_id, delivery_status, subject, email_envelope, attachments)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING ${RETURNED_MESSAGE}`,
        [
          id,
          ticket.clientId,
          ticket.id,
          seq,
          request.kind === 'note' ? 'note' : 'outbound',
          principal.userId,
          principal.displayName,
          body,
          request.clientMsgId,
          externalId,
          transports.outbox ? 'queued' : 'sent',
          email?.subject ?? null,
          email ? JSON.stringify(email.envelope) : null,
          JSON.stringify(attachments),
        ],
      );
      await linkAttachments(m, id, attachments);
      if (transports.outbox) await m.query('INSERT INTO deliveries (client_id, ticket_id, message_id, channel) VALUES ($1, $2, $3, $4)', [ticket.clientId, ticket.id, id, transports.outbox]);
      let mentioned: WhisperView[] = [];
      if (request.kind === 'note') {
        await recordEvent(m, ticket.clientId, ticket.id, 'note', { messageId: id, seq }, principal.userId);
        mentioned = await mentionInNote(m, { authorId: principal.userId, ticketId: ticket.id, clientId: ticket.clientId, messageId: id, body }, request.mentions ?? []);
      } else {
        await m.query('UPDATE tickets SET last_message_at = now(), first_response_at = coalesce(first_response_at, now()) WHERE id = $1', [ticket.id]);
        if (!ticket.firstResponseAt) await recordEvent(m, ticket.clientId, ticket.id, 'first_response', { messageId: id }, principal.userId);
        await recordEvent(m, ticket.clientId, ticket.id, 'reply', { messageId: id, seq, via: transports.outbox ?? 'widget' }, principal.userId);
      }
      const visitorIdentity = transports.widget ? await chatIdentityOf(m, ticket.contactId) : null;
      return { duplicate: false as const, ticket, message: messageView(row), visitorIdentity, queued: Boolean(transports.outbox), mentioned, attachments };
    });

    if (!outcome.duplicate) {
      await this.publisher.messageCreated(outcome.ticket.clientId, outcome.message, outcome.visitorIdentity, outcome.attachments);
      for (const mention of outcome.mentioned) this.events.emit(WhisperSentEvent.eventName, new WhisperSentEvent(mention));
      if (outcome.queued) this.events.emit(DeliveryQueuedEvent.eventName, new DeliveryQueuedEvent());
    }
    return outcome.message;
  }

  /** Take a waiting ticket (`agentId` null) or give it to an agent who serves its client. */
  async assign(principal: Principal, ticketId: string, agentId: string | null): Promise<TicketSummary> {
    const previousAgentId = await this.tenants.run(principal, async (m) => {
      const ticket = await lockTicket(m, ticketId);
      const previous = ticket.assigneeId;
      await assignTicket(m, principal, ticket, agentId);
      // A lead moving work between agents is on the client's record (who took it from whom).
      await this.audit.record(m, { action: 'ticket.reassigned', actorUserId: principal.userId, clientId: ticket.clientId, targetType: 'ticket', targetId: ticket.id, details: { fromAgentId: previous, toAgentId: agentId } });
      return previous;
    });
    await this.publisher.ticketChanged(ticketId, previousAgentId ? [previousAgentId] : []);
    return await this.summary(principal, ticketId);
  }

  /** `disposition`: the wrap-up code, required to resolve or close when the client has codes (see wrapUpProblem). */
  async setStatus(principal: Principal, ticketId: string, status: SettableTicketStatus, disposition?: string): Promise<TicketSummary> {
    const outcome = await this.tenants.run(principal, async (m) => {
      const ticket = await lockTicket(m, ticketId);
      enforce(canSetStatus(principal, ticket, status));
      const [{ current, codes }] = await m.query<{ current: string | null; codes: string[] }[]>(
        `SELECT t.disposition_code AS current, coalesce((SELECT array_agg(d.code ORDER BY d.position, d.code) FROM disposition_codes d WHERE d.client_id = t.client_id AND d.active), '{}') AS codes
           FROM tickets t WHERE t.id = $1`,
        [ticket.id],
      );
      const problem = wrapUpProblem(status, disposition, current, codes);
      if (problem) throw new ValidationException([{ field: 'disposition', message: problem }]);
      await m.query(
        `UPDATE tickets SET status = $2, updated_at = now(),
                resolved_at = CASE WHEN $2 = 'resolved' THEN now() ELSE resolved_at END,
                closed_at = CASE WHEN $2 = 'closed' THEN now() ELSE closed_at END, transfer = NULL,
                disposition_code = coalesce($3, disposition_code)
          WHERE id = $1`,
        [ticket.id, status, disposition ?? null],
      );
      await recordEvent(m, ticket.clientId, ticket.id, 'status_changed', { from: ticket.status, to: status }, principal.userId);
      if (disposition) await recordEvent(m, ticket.clientId, ticket.id, 'wrapped_up', { disposition }, principal.userId);
      if (status === 'resolved') await recordEvent(m, ticket.clientId, ticket.id, 'resolved', {}, principal.userId);
      if (ticket.channel !== 'chat') return { visitorIdentity: null, csatRequested: false };
      const [inbox] = await m.query<{ csat: boolean }[]>(`SELECT coalesce((settings->>'csat')::boolean, true) AS csat FROM inboxes WHERE id = $1`, [ticket.inboxId]);
      const csatRequested = status === 'resolved' && inbox.csat && ticket.csatScore === null;
      if (csatRequested) await recordEvent(m, ticket.clientId, ticket.id, 'csat_requested', {}, principal.userId);
      return { visitorIdentity: await chatIdentityOf(m, ticket.contactId), csatRequested };
    });
    await this.publisher.ticketChanged(ticketId);
    if (outcome.visitorIdentity) {
      this.events.emit(VisitorTicketStatusEvent.eventName, new VisitorTicketStatusEvent(outcome.visitorIdentity, { ticketId, status, csatRequested: outcome.csatRequested }));
    }
    return await this.summary(principal, ticketId);
  }

  private async summary(principal: Principal, ticketId: string): Promise<TicketSummary> {
    const [summary] = await this.tenants.run(principal, (m) => ticketSummaries(m, 't.id = $1', [ticketId]));
    if (!summary) throw new NotFoundException('Ticket');
    return summary;
  }
}


function enforce(verdict: RuleVerdict): void {
  if (verdict.ok) return;
  const code = verdict.reason === 'not_yours' ? ErrorCode.TicketNotYours : verdict.reason === 'state' ? ErrorCode.TicketStateConflict : ErrorCode.Forbidden;
  throw new TicketsException(code, verdict.message);
}

/**
 * Assigns a ticket locked by this transaction (rules, target check, event), so a caller can make it
 * part of a larger change — a call bridged to the agent — that commits or rolls back as one.
 * Returns false when the ticket already was the target's.
 */
export async function assignTicket(m: EntityManager, principal: Principal, ticket: LockedTicket, agentId: string | null): Promise<boolean> {
  enforce(canAssign(principal, ticket, agentId));
  const target = agentId ?? principal.userId;
  if (ticket.assigneeId === target) return false;
  const [serves] = await m.query(
    `SELECT 1 FROM staff_clients sc JOIN users u ON u.id = sc.user_id
      WHERE sc.user_id = $1 AND sc.client_id = $2 AND u.role IN ('agent', 'team_lead') AND u.disabled_at IS NULL`,
    [checkedUuid(target, 'agentId'), ticket.clientId],
  );
  if (!serves) throw new ValidationException([{ field: 'agentId', message: 'is not an active agent serving this client' }]);
  await m.query(
    `UPDATE tickets SET assignee_id = $2, status = CASE WHEN status IN ('new', 'queued') THEN 'assigned' ELSE status END, assigned_at = now(),
            answered_at = coalesce(answered_at, now()), transfer = NULL, updated_at = now() WHERE id = $1`,
    [ticket.id, target],
  );
  await recordEvent(m, ticket.clientId, ticket.id, 'assigned', { agentId: target, previousAgentId: ticket.assigneeId, by: principal.userId === target ? 'self' : 'supervisor' }, principal.userId);
  ticket.assigneeId = target;
  return true;
}

/** Locks the ticket for this transaction; a ticket the caller cannot see is "not found". */
export async function lockTicket(m: EntityManager, ticketId: string): Promise<LockedTicket> {
  const [row] = await m.query<LockedTicket[]>(
    `SELECT t.id, t.client_id AS "clientId", t.inbox_id AS "inboxId", t.contact_id AS "contactId", t.channel, t.status, t.mode,
            t.assignee_id AS "assigneeId", t.first_response_at AS "firstResponseAt", t.csat_score AS "csatScore", c.email AS "contactEmail"
       FROM tickets t JOIN contacts c ON c.id = t.contact_id WHERE t.id = $1 FOR UPDATE OF t`,
    [checkedUuid(ticketId, 'ticketId')],
  );
  if (!row) throw new NotFoundException('Ticket');
  return row;
}

/** The subject (the agent's, else `Re:` the ticket's, with the `[SB-n]` reference) and From/To/Cc an email ticket's reply goes out with. */
async function emailHeadersOf(m: EntityManager, ticket: LockedTicket, subject: string | null, cc: string[]): Promise<{ subject: string; envelope: EmailEnvelope }> {
  const [row] = await m.query<{ reference: string; subject: string | null; address: string; client_name: string; contact_name: string }[]>(
    `SELECT 'SB-' || t.number AS reference, t.subject, i.address, cl.name AS client_name, c.display_name AS contact_name
       FROM tickets t JOIN inboxes i ON i.id = t.inbox_id JOIN clients cl ON cl.id = t.client_id JOIN contacts c ON c.id = t.contact_id WHERE t.id = $1`,
    [ticket.id],
  );
  return {
    subject: withTicketReference(subject ?? replySubjectOf(row.subject), row.reference),
    envelope: {
      from: { name: row.client_name, address: row.address },
      to: ticket.contactEmail ? [{ name: row.contact_name, address: ticket.contactEmail }] : [],
      cc: cc.map((address) => ({ name: null, address })),
    },
  };
}

/** The contact's social network and when they last wrote on it (their reply window). */
async function socialFactsOf(m: EntityManager, contactId: string): Promise<{ identity: string | null; lastInboundAt: Date | null }> {
  const [row] = await m.query<{ identity: string | null; last_inbound_at: Date | null }[]>(
    `SELECT (SELECT ci.external_id FROM contact_identities ci WHERE ci.contact_id = $1 AND ci.channel = 'social' LIMIT 1) AS identity,
            (SELECT max(msg.created_at) FROM messages msg JOIN tickets t ON t.id = msg.ticket_id WHERE t.contact_id = $1 AND t.channel = 'social' AND msg.direction = 'inbound') AS last_inbound_at`,
    [contactId],
  );
  return { identity: row?.identity ?? null, lastInboundAt: row?.last_inbound_at ?? null };
}

/** Meta refuses a reply over the network's length or outside the 24-hour window; refuse it here, before anything is stored. */
async function assertSocialReplyAllowed(m: EntityManager, ticket: LockedTicket, body: string): Promise<void> {
  const facts = await socialFactsOf(m, ticket.contactId);
  const network = socialNetworkOf(facts.identity);
  if (!network) return; // the worker reports a contact without a social identity
  const verdict = checkSocialReply(network, body, facts.lastInboundAt, new Date());
  if (!verdict.ok) throw TicketsException.socialReplyRefused(verdict.reason, verdict.message);
}

async function socialOf(m: EntityManager, contactId: string, displayName: string, phone: string | null, policy: PiiPolicy): Promise<SocialConversationView | null> {
  const facts = await socialFactsOf(m, contactId);
  const network = socialNetworkOf(facts.identity);
  if (!network) return null;
  const handle = network === 'whatsapp' && phone ? displayPhone(phone, policy.phone) : displayName;
  return { network, handle, replyWindowEndsAt: socialReplyWindowEnd(facts.lastInboundAt)?.toISOString() ?? null };
}

async function chatIdentityOf(m: EntityManager, contactId: string): Promise<string | null> {
  const [row] = await m.query<{ external_id: string }[]>(`SELECT external_id FROM contact_identities WHERE contact_id = $1 AND channel = 'chat' LIMIT 1`, [contactId]);
  return row?.external_id ?? null;
}

async function callOf(m: EntityManager, ticketId: string, policy: PiiPolicy): Promise<CallView | null> {
  const [row] = await m.query<{ status: CallView['status']; from_number: string; started_at: Date; answered_at: Date | null; ended_at: Date | null; wait_seconds: number | null; duration_seconds: number | null; recording_url: string | null; recording_seconds: number | null; transcript: string | null }[]>(
    'SELECT * FROM calls WHERE ticket_id = $1',
    [ticketId],
  );
  if (!row) return null;
  return {
    status: row.status,
    from: displayPhone(row.from_number, policy.phone),
    startedAt: row.started_at.toISOString(),
    answeredAt: row.answered_at?.toISOString() ?? null,
    endedAt: row.ended_at?.toISOString() ?? null,
    waitSeconds: row.wait_seconds,
    durationSeconds: row.duration_seconds,
    recordingUrl: row.recording_url,
    recordingSeconds: row.recording_seconds,
    transcript: row.transcript,
  };
}
