import type { EmailAddressView } from '@switchboard/shared-contracts';
import { replySubjectOf, withTicketReference } from '@switchboard/shared-domain';
import type { SocialPlatform } from '../social/meta-payload.util';

/**
 * How an agent reply is written for each channel's protocol: an email with threading headers, or a
 * Graph API send request for Messenger, Instagram and WhatsApp. Pure, so the wire format is tested.
 */

export interface EmailReplyFacts {
  /** Our Message-ID for this reply, without angle brackets. */
  messageId: string;
  clientName: string;
  /** The inbox address the customer wrote to (our From). */
  fromAddress: string;
  toAddress: string;
  toName: string | null;
  reference: string;
  ticketSubject: string | null;
  /** The subject the agent gave the reply (stored with it); null: `Re:` the ticket's subject. The reference is added when missing. */
  subject?: string | null;
  /** Copied addresses (checked when the reply was accepted). */
  cc?: EmailAddressView[];
  /** Message ids of the thread so far, oldest first (without angle brackets). */
  threadIds: string[];
  body: string;
  agentName: string;
  /** Files the agent attached (sent as parts of a multipart/mixed message, in this order). */
  attachments?: OutgoingAttachment[];
}

export interface OutgoingAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface EmailReply {
  from: { name: string; address: string };
  to: { name: string; address: string };
  cc?: { name: string; address: string }[];
  subject: string;
  messageId: string;
  inReplyTo?: string;
  references?: string[];
  text: string;
  html: string;
  /** Nodemailer's attachments: with any, the message is multipart/mixed. */
  attachments?: { filename: string; contentType: string; content: Buffer; contentDisposition: 'attachment' }[];
}

const MAX_REFERENCES = 20;

export function composeEmailReply(facts: EmailReplyFacts): EmailReply {
  const chosen = facts.subject?.replace(/[\r\n]+/g, ' ').trim();
  const subject = withTicketReference(chosen || replySubjectOf(facts.ticketSubject), facts.reference);
  // Keep the first id (the thread root) and the latest ones, as RFC 5322 suggests for long threads.
  const ids = facts.threadIds.length > MAX_REFERENCES ? [facts.threadIds[0], ...facts.threadIds.slice(-(MAX_REFERENCES - 1))] : facts.threadIds;
  const signature = `\n\n— ${facts.agentName}, ${facts.clientName}\nReference: ${facts.reference}`;
  const text = `${facts.body}${signature}`;
  return {
    from: { name: facts.clientName, address: facts.fromAddress },
    to: { name: facts.toName ?? '', address: facts.toAddress },
    ...(facts.cc?.length ? { cc: facts.cc.map((c) => ({ name: c.name ?? '', address: c.address })) } : {}),
    subject,
    messageId: `<${facts.messageId}>`,
    ...(ids.length ? { inReplyTo: `<${ids[ids.length - 1]}>`, references: ids.map((id) => `<${id}>`) } : {}),
    text,
    html: `<div style="font-family:sans-serif;white-space:pre-wrap">${escapeHtml(text)}</div>`,
    ...(facts.attachments?.length
      ? { attachments: facts.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content, contentDisposition: 'attachment' as const })) }
      : {}),
  };
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string);
}


export interface GraphSendRequest {
  /** Path below the Graph API base URL (which carries the version). */
  path: string;
  body: Record<string, unknown>;
}

/** The platform and the customer's id on it, from the contact's social identity (`whatsapp:4477…`). */
export function parseSocialIdentity(identity: string): { platform: SocialPlatform; userId: string } | null {
  const match = /^(messenger|instagram|whatsapp):(.{1,200})$/.exec(identity);
  return match ? { platform: match[1] as SocialPlatform, userId: match[2] } : null;
}

/**
 * Messenger and Instagram send from the page (`/{page-id}/messages`, a standard RESPONSE within the
 * 24-hour window); WhatsApp from the business phone number (`/{phone-number-id}/messages`).
 */
export function graphSendRequest(platform: SocialPlatform, senderAccountId: string, recipientId: string, text: string): GraphSendRequest {
  if (platform === 'whatsapp') {
    return { path: `/${senderAccountId}/messages`, body: { messaging_product: 'whatsapp', recipient_type: 'individual', to: recipientId, type: 'text', text: { preview_url: false, body: text } } };
  }
  return { path: `/${senderAccountId}/messages`, body: { recipient: { id: recipientId }, messaging_type: 'RESPONSE', message: { text } } };
}

/** The platform's id of the message it accepted: `message_id` (Messenger/Instagram) or `messages[0].id` (WhatsApp). */
export function graphMessageId(response: unknown): string | null {
  if (!response || typeof response !== 'object') return null;
  const r = response as { message_id?: unknown; messages?: { id?: unknown }[] };
  if (typeof r.message_id === 'string') return r.message_id;
  const id = r.messages?.[0]?.id;
  return typeof id === 'string' ? id : null;
}
