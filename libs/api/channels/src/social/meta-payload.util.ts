import { createHmac, timingSafeEqual } from 'node:crypto';

/** Meta (Messenger, Instagram, WhatsApp Cloud API) webhook payloads, read leniently: unknown fields are ignored. */
export type SocialPlatform = 'messenger' | 'instagram' | 'whatsapp';

export interface SocialInbound {
  platform: SocialPlatform;
  /** Page id (Messenger/Instagram) or phone number id (WhatsApp): which inbox it reached. */
  recipientId: string;
  senderId: string;
  senderName: string | null;
  messageId: string;
  text: string;
  sentAt: Date;
}

export interface SocialStatus {
  platform: SocialPlatform;
  recipientId: string;
  messageId: string;
  status: 'sent' | 'delivered' | 'read' | 'failed';
}

/** `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body with the app secret>`. */
export function isMetaSignatureValid(rawBody: Buffer, header: unknown, appSecret: string): boolean {
  if (typeof header !== 'string' || !header.startsWith('sha256=')) return false;
  const given = Buffer.from(header.slice('sha256='.length), 'hex');
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 && v.length <= 10_000 ? v : typeof v === 'number' ? String(v) : null);

export function parseMetaWebhook(body: unknown): { messages: SocialInbound[]; statuses: SocialStatus[] } {
  const root = obj(body);
  const messages: SocialInbound[] = [];
  const statuses: SocialStatus[] = [];
  const object = root['object'];
  for (const entryValue of list(root['entry'])) {
    const entry = obj(entryValue);
    if (object === 'page' || object === 'instagram') {
      const platform: SocialPlatform = object === 'page' ? 'messenger' : 'instagram';
      for (const eventValue of list(entry['messaging'])) {
        const event = obj(eventValue);
        const senderId = str(obj(event['sender'])['id']);
        const recipientId = str(obj(event['recipient'])['id']) ?? str(entry['id']);
        const message = obj(event['message']);
        if (senderId && recipientId && str(message['mid']) && !message['is_echo']) {
          const text = str(message['text']) ?? (list(message['attachments']).length ? '[attachment]' : '');
          messages.push({ platform, recipientId, senderId, senderName: null, messageId: str(message['mid']) as string, text, sentAt: new Date(Number(event['timestamp']) || Date.now()) });
        }
        for (const mid of list(obj(event['delivery'])['mids'])) {
          if (recipientId && str(mid)) statuses.push({ platform, recipientId, messageId: str(mid) as string, status: 'delivered' });
        }
      }
    }
    if (object === 'whatsapp_business_account') {
      for (const changeValue of list(entry['changes'])) {
        const value = obj(obj(changeValue)['value']);
        const recipientId = str(obj(value['metadata'])['phone_number_id']);
        if (!recipientId) continue;
        const names = new Map(list(value['contacts']).map((c) => [str(obj(c)['wa_id']), str(obj(obj(c)['profile'])['name'])]));
        for (const messageValue of list(value['messages'])) {
          const message = obj(messageValue);
          const from = str(message['from']);
          const id = str(message['id']);
          if (!from || !id) continue;
          const type = str(message['type']) ?? 'text';
          const text = type === 'text' ? (str(obj(message['text'])['body']) ?? '') : `[${type}]`;
          messages.push({ platform: 'whatsapp', recipientId, senderId: from, senderName: names.get(from) ?? null, messageId: id, text, sentAt: new Date((Number(message['timestamp']) || Date.now() / 1000) * 1000) });
        }
        for (const statusValue of list(value['statuses'])) {
          const status = obj(statusValue);
          const id = str(status['id']);
          const state = str(status['status']);
          if (id && (state === 'sent' || state === 'delivered' || state === 'read' || state === 'failed')) statuses.push({ platform: 'whatsapp', recipientId, messageId: id, status: state });
        }
      }
    }
  }
  return { messages, statuses };
}
