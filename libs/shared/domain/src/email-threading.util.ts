/**
 * Email threading: a reply finds its ticket by the message ids it answers (In-Reply-To, References),
 * or, when a mail client dropped those headers, by the ticket reference in its subject (`[SB-1042]`).
 */
const REFERENCE = /\[?\bSB-(\d{1,12})\b\]?/i;

/** `<abc@host>` → `abc@host`; empty or absurd ids → null. */
export function normaliseMessageId(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const id = raw.trim().replace(/^<+/, '').replace(/>+$/, '').trim();
  return id.length > 0 && id.length <= 500 && !/\s/.test(id) ? id : null;
}

/** Ids this mail answers, newest first (In-Reply-To, then References from the end). */
export function threadCandidates(inReplyTo: string | null | undefined, references: string | string[] | null | undefined): string[] {
  const refs = (Array.isArray(references) ? references : (references ?? '').split(/\s+/)).map(normaliseMessageId).filter((id): id is string => id !== null);
  const ids = [normaliseMessageId(inReplyTo), ...refs.reverse()].filter((id): id is string => id !== null);
  return [...new Set(ids)].slice(0, 50);
}

/** The ticket number named in a subject, e.g. `Re: Refund [SB-1042]` → 1042. */
export function ticketNumberInSubject(subject: string | null | undefined): number | null {
  const match = REFERENCE.exec(subject ?? '');
  return match ? Number(match[1]) : null;
}
