import { Inject, Injectable } from '@nestjs/common';
import { TenantDatabase } from '@switchboard/api-database';
import { ROOT_LOGGER, SYSTEM_SCOPE, systemScopeFor } from '@switchboard/api-platform';
import { appendInbound, contactFor, lockSender, messageView, openTicketOf, RETURNED_MESSAGE, TicketPublisher, type MessageRow } from '@switchboard/api-tickets';
import { maskSensitiveData, maskTrailingPartialCard } from '@switchboard/shared-domain';
import type { Logger } from 'pino';
import type { SocialInbound, SocialStatus } from './meta-payload.util';

const PLATFORM_NAMES = { messenger: 'Messenger', instagram: 'Instagram', whatsapp: 'WhatsApp' } as const;

export interface SocialIntakeSummary {
  stored: number;
  duplicates: number;
  /** Messages for a page or number that no inbox owns. */
  unrouted: number;
  statusesApplied: number;
}

/** Social messages (Messenger, Instagram, WhatsApp) into tickets, and delivery receipts onto our replies. */
@Injectable()
export class SocialIntakeService {
  private readonly log: Logger;

  constructor(
    private readonly tenants: TenantDatabase,
    private readonly publisher: TicketPublisher,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ context: SocialIntakeService.name });
  }

  async receive(messages: SocialInbound[], statuses: SocialStatus[]): Promise<SocialIntakeSummary> {
    const summary: SocialIntakeSummary = { stored: 0, duplicates: 0, unrouted: 0, statusesApplied: 0 };
    for (const message of messages) {
      const inbox = await this.inboxFor(message.recipientId);
      if (!inbox) {
        summary.unrouted++;
        this.log.warn({ platform: message.platform }, 'social message for an unknown page or number');
        continue;
      }
      const result = await this.store(inbox, message);
      if (result === 'duplicate') summary.duplicates++;
      else summary.stored++;
    }
    for (const status of statuses) {
      const inbox = await this.inboxFor(status.recipientId);
      if (!inbox) continue;
      // A read receipt may arrive before the delivery receipt; never step back from read to delivered.
      const [updated] = await this.tenants.run(systemScopeFor(inbox.clientId), (m) =>
        m.query<[MessageRow[], number]>(
          `UPDATE messages SET delivery_status = $3 WHERE client_id = $1 AND external_id = $2 AND direction = 'outbound' AND NOT (delivery_status = 'read' AND $3 = 'delivered')
           RETURNING ${RETURNED_MESSAGE}`,
          [inbox.clientId, status.messageId, status.status],
        ),
      );
      for (const row of updated) this.publisher.messageUpdated(inbox.clientId, messageView(row), null);
      summary.statusesApplied += updated.length;
    }
    return summary;
  }

  private async inboxFor(address: string): Promise<{ inboxId: string; clientId: string } | null> {
    const [row] = await this.tenants.run(SYSTEM_SCOPE, (m) => m.query<{ id: string; client_id: string }[]>(`SELECT id, client_id FROM inboxes WHERE channel = 'social' AND address = $1`, [address]));
    return row ? { inboxId: row.id, clientId: row.client_id } : null;
  }

  private async store(inbox: { inboxId: string; clientId: string }, message: SocialInbound): Promise<'stored' | 'duplicate'> {
    const identity = `${message.platform}:${message.senderId}`;
    const outcome = await this.tenants.run(systemScopeFor(inbox.clientId), async (m) => {
      await lockSender(m, inbox.clientId, 'social', identity);
      const [existing] = await m.query('SELECT id FROM messages WHERE client_id = $1 AND external_id = $2', [inbox.clientId, message.messageId]);
      if (existing) return null;
      const contactId = await contactFor(m, inbox.clientId, 'social', identity, {
        displayName: message.senderName ?? `${PLATFORM_NAMES[message.platform]} user …${message.senderId.slice(-4)}`,
        phone: message.platform === 'whatsapp' ? `+${message.senderId}` : null,
      });
      return await appendInbound(m, {
        clientId: inbox.clientId,
        inboxId: inbox.inboxId,
        channel: 'social',
        contactId,
        ticketId: await openTicketOf(m, contactId, inbox.inboxId),
        body: maskTrailingPartialCard(maskSensitiveData(message.text || '(empty message)').text).text,
        externalId: message.messageId,
        eventData: { platform: message.platform },
      });
    });
    if (!outcome) return 'duplicate';
    this.publisher.inboundAppended(inbox.clientId, outcome, null);
    return 'stored';
  }
}
