import { REPLY_CC_MAX, REPLY_SUBJECT_MAX_CHARS, SOCIAL_REPLY_MAX_CHARS, SOCIAL_REPLY_WINDOW_HOURS, type Channel, type FieldError, type SocialNetwork } from '@switchboard/shared-contracts';

/**
 * What a reply may carry besides its text, by the ticket's channel: an email reply a subject and cc
 * addresses; a social reply stays within the network's length limit and 24-hour window. The API
 * enforces these; the console checks the same rules before sending.
 */

/** A deliberately plain address check (one @, no spaces or angle brackets, a dotted domain): what a mail server would accept from an agent. */
const ADDRESS = /^[^\s@<>()",;:\\[\]]+@[^\s@<>()",;:\\[\]]+\.[^\s@<>()",;:\\[\].]{2,}$/;

export function isEmailAddress(text: string): boolean {
  return text.length <= 254 && ADDRESS.test(text) && !text.includes('..');
}

/** Splits what an agent typed in a cc box (commas, semicolons, new lines) into addresses; a mistyped one stays whole, to be named. */
export function parseAddressList(text: string): string[] {
  return text
    .split(/[,;\n]+/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

export type ReplyFieldsVerdict =
  | { ok: true; subject: string | null; cc: string[] }
  | { ok: false; reason: 'not_email' | 'invalid'; message: string; fields: FieldError[] };

/**
 * Checks a reply's subject and cc: only email tickets' replies take them; cc addresses are valid,
 * at most REPLY_CC_MAX, lower-cased and each once (the customer's own address, already in To, is dropped).
 */
export function checkReplyFields(input: { channel: Channel; kind: 'reply' | 'note'; subject?: string | null; cc?: readonly string[] | null; customerAddress?: string | null }): ReplyFieldsVerdict {
  const hasSubject = input.subject !== undefined && input.subject !== null;
  const hasCc = input.cc !== undefined && input.cc !== null && input.cc.length > 0;
  if (!hasSubject && !hasCc) return { ok: true, subject: null, cc: [] };
  if (input.channel !== 'email' || input.kind !== 'reply') {
    const fields = [...(hasSubject ? [{ field: 'subject', message: 'is for email replies only' }] : []), ...(hasCc ? [{ field: 'cc', message: 'is for email replies only' }] : [])];
    const what = input.kind === 'note' ? 'an internal note' : `a ${input.channel} ticket`;
    return { ok: false, reason: 'not_email', message: `Subject and cc belong to email replies; ${what} has neither.`, fields };
  }
  const fields: FieldError[] = [];
  const subject = hasSubject ? (input.subject as string).replace(/[\r\n]+/g, ' ').trim() : null;
  if (subject !== null && subject === '') fields.push({ field: 'subject', message: 'must not be empty' });
  if (subject !== null && subject.length > REPLY_SUBJECT_MAX_CHARS) fields.push({ field: 'subject', message: `must be at most ${REPLY_SUBJECT_MAX_CHARS} characters` });
  const cc: string[] = [];
  (input.cc ?? []).forEach((raw, index) => {
    const address = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
    if (!isEmailAddress(address)) return void fields.push({ field: `cc[${index}]`, message: `“${String(raw).slice(0, 100)}” is not an email address` });
    if (!cc.includes(address) && address !== input.customerAddress?.toLowerCase()) cc.push(address);
  });
  if ((input.cc?.length ?? 0) > REPLY_CC_MAX) fields.push({ field: 'cc', message: `may hold at most ${REPLY_CC_MAX} addresses` });
  if (fields.length) return { ok: false, reason: 'invalid', message: fields.map((f) => `${f.field} ${f.message}`).join('; '), fields };
  return { ok: true, subject, cc };
}

/** The subject of a reply to `subject`: `Re: …` once (Re/RE/Aw/Sv/Fwd are kept as they are). */
export function replySubjectOf(subject: string | null | undefined): string {
  const base = (subject ?? '').trim() || 'Your request';
  return /^(re|aw|sv):/i.test(base) ? base : `Re: ${base}`;
}

/** Adds the ticket reference (`[SB-1042]`) unless the subject carries it: the customer's answer threads by it. */
export function withTicketReference(subject: string, reference: string): string {
  return subject.toUpperCase().includes(`[${reference.toUpperCase()}]`) ? subject : `${subject} [${reference}]`;
}

export type SocialReplyVerdict = { ok: true } | { ok: false; reason: 'too_long' | 'window_closed'; message: string };

/** When the network stops accepting a free reply: the customer's latest message + 24 h (null: they never wrote). */
export function socialReplyWindowEnd(lastInboundAt: Date | null): Date | null {
  return lastInboundAt ? new Date(lastInboundAt.getTime() + SOCIAL_REPLY_WINDOW_HOURS * 3_600_000) : null;
}

/** May this text go to the customer on this network now? Length in characters (code points), as Meta counts. */
export function checkSocialReply(network: SocialNetwork, body: string, lastInboundAt: Date | null, now: Date): SocialReplyVerdict {
  const max = SOCIAL_REPLY_MAX_CHARS[network];
  const length = [...body].length;
  if (length > max) return { ok: false, reason: 'too_long', message: `${networkName(network)} takes at most ${max.toLocaleString('en')} characters; this reply has ${length.toLocaleString('en')}.` };
  const end = socialReplyWindowEnd(lastInboundAt);
  if (!end || now.getTime() > end.getTime()) {
    return { ok: false, reason: 'window_closed', message: `${networkName(network)} accepts replies only within ${SOCIAL_REPLY_WINDOW_HOURS} hours of the customer’s latest message; wait until they write again.` };
  }
  return { ok: true };
}

export function networkName(network: SocialNetwork): string {
  return { messenger: 'Messenger', instagram: 'Instagram', whatsapp: 'WhatsApp' }[network];
}

/** The network of a contact's social identity (`whatsapp:4477…`, `messenger:…`, `instagram:…`). */
export function socialNetworkOf(identity: string | null | undefined): SocialNetwork | null {
  const match = /^(messenger|instagram|whatsapp):./.exec(identity ?? '');
  return match ? (match[1] as SocialNetwork) : null;
}
