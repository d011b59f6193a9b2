import { ATTACHMENT_MAX_BYTES, ATTACHMENTS_PER_MESSAGE_MAX, type Channel } from '@switchboard/shared-contracts';

/**
 * Files agents attach and staff download: what name and type a file is kept under, what type it is
 * served as, and which messages may carry files. Pure, so the API and the console agree.
 */

const FILENAME_MAX_CHARS = 255;
/** C0 and C1 controls, DEL, and the invisible direction marks that can make `invoice‮fdp.exe` read as `invoice.exe.pdf`. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export type FilenameVerdict = { ok: true; filename: string } | { ok: false; message: string };

/**
 * The name a file is kept under. Names are cleaned, not refused: only the last part of a path is kept
 * (`C:\fakepath\report.pdf` → `report.pdf`, `../../etc/passwd` → `passwd`), runs of white space (tabs, line
 * breaks) become one space, other control and direction characters are dropped, and a long name is shortened keeping its
 * extension. Refused only when nothing usable is left (empty, `.`, `..`).
 */
export function cleanAttachmentFilename(raw: string): FilenameVerdict {
  const lastPart = raw.split(/[/\\]/).pop() ?? '';
  const cleaned = lastPart.replace(/\s+/g, ' ').replace(UNSAFE_CHARS, '').replace(/ {2,}/g, ' ').trim();
  if (cleaned === '' || /^\.+$/.test(cleaned)) return { ok: false, message: 'must name the file (after removing any folder path and control characters nothing was left)' };
  const chars = [...cleaned];
  if (chars.length <= FILENAME_MAX_CHARS) return { ok: true, filename: cleaned };
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 && cleaned.length - dot <= 16 ? [...cleaned.slice(dot)] : [];
  return { ok: true, filename: [...chars.slice(0, FILENAME_MAX_CHARS - extension.length), ...extension].join('').trim() };
}

const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}$/;

/** The type a file is kept as: the essence of the type it was sent with (`text/plain; charset=utf-8` → `text/plain`), or `application/octet-stream`. */
export function storedContentType(header: string | null | undefined): string {
  const essence = (header ?? '').split(';')[0].trim().toLowerCase();
  return MEDIA_TYPE.test(essence) ? essence : 'application/octet-stream';
}

/**
 * Types a download is served as. Anything a browser could run or render as a page of our origin
 * (HTML, SVG, XML, JavaScript) is not here: it goes out as `application/octet-stream`.
 */
export const SAFE_DOWNLOAD_TYPES: ReadonlySet<string> = new Set([
  'text/plain',
  'text/csv',
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'audio/mpeg',
  'audio/wav',
  'video/mp4',
  'application/zip',
  'application/msword',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
]);

export function downloadContentType(stored: string): string {
  const essence = storedContentType(stored);
  return SAFE_DOWNLOAD_TYPES.has(essence) ? essence : 'application/octet-stream';
}

/**
 * `Content-Disposition` of a download: always `attachment` (never shown inline), an ASCII fallback
 * name and the real one in RFC 5987 form (`filename*=UTF-8''…`).
 */
export function attachmentDisposition(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** Files go with internal notes (any channel) and email replies; chat, social and voice replies carry text only. */
export function attachmentsAllowed(channel: Channel, kind: 'reply' | 'note'): boolean {
  return kind === 'note' || channel === 'email';
}

/** `12.3 MB`, `840 KB`, `12 bytes`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.ceil(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
}

/** Why a file cannot be attached before it is even uploaded (size, count), or null. `alreadyAttached`: files on the draft so far. */
export function attachmentRefusal(file: { name: string; size: number }, alreadyAttached: number, maxBytes = ATTACHMENT_MAX_BYTES): string | null {
  if (alreadyAttached >= ATTACHMENTS_PER_MESSAGE_MAX) return `“${file.name}” was not attached: a message carries at most ${ATTACHMENTS_PER_MESSAGE_MAX} files.`;
  if (file.size === 0) return `“${file.name}” is empty.`;
  if (file.size > maxBytes) {
    const size = formatBytes(file.size) === formatBytes(maxBytes) ? `${file.size.toLocaleString('en')} bytes` : formatBytes(file.size);
    return `“${file.name}” is ${size}; files may be at most ${formatBytes(maxBytes)}.`;
  }
  return null;
}
