import { CHAT_MESSAGE_MAX_BYTES, ErrorCode, type ErrorBody } from '@switchboard/shared-contracts';
import { RealtimeError } from '@switchboard/web-realtime';

/** Size of a message as the server counts it: UTF-8 bytes, not characters. */
export function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** Why a message (already trimmed) cannot be sent, or null when it can. */
export function chatMessageProblem(body: string): ErrorBody | null {
  const bytes = utf8Length(body);
  if (bytes <= CHAT_MESSAGE_MAX_BYTES) return null;
  return {
    code: ErrorCode.MessageTooLarge,
    message: `This message is too long to send: the limit is ${CHAT_MESSAGE_MAX_BYTES / 1024} KB of text. Please shorten it or send it in parts.`,
  };
}

/**
 * A fresh id for one message, kept across its retries so the server never stores it twice.
 * `crypto.randomUUID` only exists on https pages; a shop on plain http gets the same v4 format
 * from `getRandomValues`, which exists everywhere.
 */
export function newClientMsgId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** What a write answers while the widget has no live connection to send it on. */
export const NOT_CONNECTED: ErrorBody = { code: ErrorCode.ServiceUnavailable, message: 'Not connected to the chat right now. Please try again in a moment.' };

/** The server's refusal as the visitor should read it. */
export const refusalOf = (cause: unknown, fallback: string): ErrorBody =>
  cause instanceof RealtimeError ? cause.body : { code: ErrorCode.Internal, message: fallback };
