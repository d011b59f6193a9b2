import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { TenantDatabase } from '@switchboard/api-database';
import { APP_CONFIG, ROOT_LOGGER, SYSTEM_SCOPE, type AppConfig } from '@switchboard/api-platform';
import { DeliveryQueuedEvent, messageView, recordEvent, RETURNED_MESSAGE, TicketPublisher, writeLocalOutbox, type MessageRow } from '@switchboard/api-tickets';
import type { EmailEnvelope } from '@switchboard/shared-contracts';
import { deliveryBackoffSeconds } from '@switchboard/shared-domain';
import { createTransport, type Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import { composeEmailReply, graphMessageId, graphSendRequest, parseSocialIdentity } from './outbound-message.util';

/** How often due deliveries are looked for when nothing kicked the worker. */
const POLL_INTERVAL_MS = 2_000;
/** A claimed delivery is someone's for this long; a node that dies mid-send leaves it to another after that. */
const LEASE_SECONDS = 60;
const BATCH = 20;
const PROVIDER_TIMEOUT_MS = 10_000;

interface ClaimedDelivery {
  id: string;
  client_id: string;
  ticket_id: string;
  message_id: string;
  channel: 'email' | 'social';
  attempts: number;
}

interface DeliveryFacts {
  seq: number;
  /** The subject and From/To/Cc the reply was accepted with (email tickets). */
  message_subject: string | null;
  email_envelope: EmailEnvelope | null;
  body: string;
  external_id: string | null;
  author_name: string | null;
  number: string;
  subject: string | null;
  contact_email: string | null;
  contact_name: string;
  client_name: string;
  inbox_channel: string;
  inbox_address: string;
  client_email_address: string | null;
  social_identity: string | null;
}

/** Sending failed; `permanent` failures are not retried (the provider refused the request itself). */
class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent = false,
  ) {
    super(message);
  }
}

/**
 * Works the transactional outbox: every queued email or social reply is sent after its message
 * committed, retried with back-off, and marked sent or failed — on any node, never by two at once
 * (claims use SKIP LOCKED and a lease). Without SMTP_URL or META_ACCESS_TOKEN the request is written
 * to the local outbox instead, so the demo needs no mail server and no Meta app.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log: Logger;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;
  private smtp?: Transporter;
  private readonly localMail = createTransport({ streamTransport: true, buffer: true, newline: 'unix' });

  constructor(
    private readonly tenants: TenantDatabase,
    private readonly publisher: TicketPublisher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ context: DeliveryWorker.name });
    if (config.outbound.smtpUrl) this.smtp = createTransport(config.outbound.smtpUrl);
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.kick(), POLL_INTERVAL_MS);
    this.timer.unref();
    this.kick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
    this.smtp?.close();
  }

  @OnEvent(DeliveryQueuedEvent.eventName)
  onQueued(): void {
    this.kick();
  }

  /** Runs the outbox now; a kick during a run makes one more run. Resolves when the outbox is drained. */
  kick(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          while (!this.stopped && (await this.runBatch()) === BATCH);
        } while (this.again && !this.stopped);
      } catch (error) {
        this.log.error({ err: error }, 'outbox run failed');
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  private async runBatch(): Promise<number> {
    const [claimed] = await this.tenants.run(SYSTEM_SCOPE, (m) =>
      m.query<[ClaimedDelivery[], number]>(
        `UPDATE deliveries SET attempts = attempts + 1, next_attempt_at = now() + interval '${LEASE_SECONDS} seconds', updated_at = now()
          WHERE id IN (SELECT id FROM deliveries WHERE status = 'queued' AND next_attempt_at <= now() ORDER BY next_attempt_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
          RETURNING id, client_id, ticket_id, message_id, channel, attempts`,
      ),
    );
    for (const delivery of claimed) await this.deliver(delivery);
    return claimed.length;
  }

  private async deliver(delivery: ClaimedDelivery): Promise<void> {
    try {
      const facts = await this.factsOf(delivery);
      const sent = delivery.channel === 'email' ? await this.sendEmail(delivery, facts) : await this.sendSocial(delivery, facts);
      await this.settle(delivery, { status: 'sent', providerId: sent.providerId, externalId: sent.externalId ?? null, error: null });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const final = (error instanceof DeliveryError && error.permanent) || delivery.attempts >= this.config.outbound.maxAttempts;
      this.log.warn({ deliveryId: delivery.id, attempts: delivery.attempts, final, err: message }, 'delivery failed');
      if (final) await this.settle(delivery, { status: 'failed', providerId: null, externalId: null, error: message });
      else
        await this.tenants.run(SYSTEM_SCOPE, (m) =>
          m.query(`UPDATE deliveries SET last_error = $2, next_attempt_at = now() + make_interval(secs => $3), updated_at = now() WHERE id = $1`, [delivery.id, message.slice(0, 1000), deliveryBackoffSeconds(delivery.attempts)]),
        );
    }
  }

  private async factsOf(delivery: ClaimedDelivery): Promise<DeliveryFacts> {
    const [facts] = await this.tenants.run(SYSTEM_SCOPE, (m) =>
      m.query<DeliveryFacts[]>(
        `SELECT msg.seq, msg.subject AS message_subject, msg.email_envelope, msg.body, msg.external_id, msg.author_name, t.number, t.subject, c.email AS contact_email, c.display_name AS contact_name,
                cl.name AS client_name, i.channel AS inbox_channel, i.address AS inbox_address,
                (SELECT e.address FROM inboxes e WHERE e.client_id = t.client_id AND e.channel = 'email' ORDER BY e.created_at LIMIT 1) AS client_email_address,
                (SELECT ci.external_id FROM contact_identities ci WHERE ci.contact_id = t.contact_id AND ci.channel = 'social' LIMIT 1) AS social_identity
           FROM messages msg JOIN tickets t ON t.id = msg.ticket_id JOIN contacts c ON c.id = t.contact_id
           JOIN clients cl ON cl.id = t.client_id JOIN inboxes i ON i.id = t.inbox_id
          WHERE msg.id = $1`,
        [delivery.message_id],
      ),
    );
    if (!facts) throw new DeliveryError('The message no longer exists.', true);
    return facts;
  }

  private async sendEmail(delivery: ClaimedDelivery, facts: DeliveryFacts): Promise<{ providerId: string; externalId?: string }> {
    if (!facts.contact_email) throw new DeliveryError('The contact has no email address.', true);
    const threadIds = await this.tenants.run(SYSTEM_SCOPE, (m) =>
      m.query<{ external_id: string }[]>(`SELECT external_id FROM messages WHERE ticket_id = $1 AND seq < $2 AND external_id IS NOT NULL AND direction IN ('inbound', 'outbound') ORDER BY seq`, [delivery.ticket_id, facts.seq]),
    );
    const attachments = await this.tenants.run(SYSTEM_SCOPE, (m) =>
      m.query<{ filename: string; content_type: string; content: Buffer }[]>('SELECT filename, content_type, content FROM attachments WHERE message_id = $1 ORDER BY created_at, id', [delivery.message_id]),
    );
    const fromAddress = facts.inbox_channel === 'email' ? facts.inbox_address : (facts.client_email_address ?? `no-reply@${new URL(this.config.publicUrl).hostname}`);
    const mail = composeEmailReply({
      messageId: facts.external_id ?? `sb-${delivery.message_id}@${new URL(this.config.publicUrl).hostname}`,
      clientName: facts.client_name,
      fromAddress,
      toAddress: facts.contact_email,
      toName: facts.contact_name,
      reference: `SB-${facts.number}`,
      ticketSubject: facts.subject,
      subject: facts.message_subject,
      cc: facts.email_envelope?.cc ?? [],
      threadIds: facts.inbox_channel === 'email' ? threadIds.map((r) => r.external_id) : [],
      body: facts.body,
      agentName: facts.author_name ?? facts.client_name,
      attachments: attachments.map((a) => ({ filename: a.filename, contentType: a.content_type, content: a.content })),
    });
    if (this.smtp) {
      const info = await this.smtp.sendMail(mail).catch((error: Error & { responseCode?: number }) => {
        throw new DeliveryError(`SMTP: ${error.message}`, typeof error.responseCode === 'number' && error.responseCode >= 500);
      });
      return { providerId: String(info.messageId ?? mail.messageId) };
    }
    const info = (await this.localMail.sendMail(mail)) as { message: Buffer };
    const id = await this.tenants.run(SYSTEM_SCOPE, (m) => writeLocalOutbox(m, { clientId: delivery.client_id, kind: 'email', recipient: facts.contact_email as string, subject: mail.subject, payload: info.message.toString('utf8') }));
    return { providerId: `local:${id}` };
  }

  private async sendSocial(delivery: ClaimedDelivery, facts: DeliveryFacts): Promise<{ providerId: string; externalId?: string }> {
    const identity = facts.social_identity ? parseSocialIdentity(facts.social_identity) : null;
    if (!identity) throw new DeliveryError('The contact has no social identity to answer.', true);
    const request = graphSendRequest(identity.platform, facts.inbox_address, identity.userId, facts.body);
    const url = `${this.config.meta.graphUrl}${request.path}`;
    const token = this.config.meta.accessToken;
    if (!token) {
      const id = await this.tenants.run(SYSTEM_SCOPE, (m) => writeLocalOutbox(m, { clientId: delivery.client_id, kind: 'social_message', recipient: facts.social_identity as string, payload: JSON.stringify({ method: 'POST', url, body: request.body }, null, 2) }));
      return { providerId: `local:${id}` };
    }
    let response: Response;
    try {
      response = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(request.body), signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS) });
    } catch (error) {
      throw new DeliveryError(`Graph API unreachable: ${(error as Error).message}`);
    }
    const answer: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const detail = (answer as { error?: { message?: string } } | null)?.error?.message ?? response.statusText;
      throw new DeliveryError(`Graph API ${response.status}: ${detail}`, response.status >= 400 && response.status < 500 && response.status !== 429);
    }
    const messageId = graphMessageId(answer);
    return { providerId: messageId ?? 'unknown', externalId: messageId ?? undefined };
  }

  private async settle(delivery: ClaimedDelivery, outcome: { status: 'sent' | 'failed'; providerId: string | null; externalId: string | null; error: string | null }): Promise<void> {
    const message = await this.tenants.run(SYSTEM_SCOPE, async (m) => {
      await m.query('UPDATE deliveries SET status = $2, provider_id = $3, last_error = $4, updated_at = now() WHERE id = $1', [delivery.id, outcome.status, outcome.providerId, outcome.error?.slice(0, 1000) ?? null]);
      const [[row]] = await m.query<[MessageRow[], number]>(
        `UPDATE messages SET delivery_status = $2, delivery_error = $3, external_id = coalesce($4, external_id) WHERE id = $1 RETURNING ${RETURNED_MESSAGE}`,
        [delivery.message_id, outcome.status, outcome.error?.slice(0, 1000) ?? null, outcome.externalId],
      );
      if (outcome.status === 'failed') await recordEvent(m, delivery.client_id, delivery.ticket_id, 'delivery_failed', { messageId: delivery.message_id, channel: delivery.channel, error: outcome.error?.slice(0, 300) });
      return messageView(row);
    });
    this.publisher.messageUpdated(delivery.client_id, message, null);
    if (outcome.status === 'failed') await this.publisher.ticketChanged(delivery.ticket_id);
  }
}
