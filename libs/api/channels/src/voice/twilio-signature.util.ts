import { createHmac, timingSafeEqual } from 'node:crypto';

/** Form parameters as a body parser hands them over: a key sent twice arrives as a list. */
export type SignedParams = Record<string, string | readonly string[] | undefined>;

/**
 * Twilio's request signature (`X-Twilio-Signature`): base64 of HMAC-SHA1 keyed with the auth token over
 * the full URL the provider called, followed by every POST parameter sorted by name, each written as
 * name + value with no separators (a repeated name contributes name + value once per value).
 */
export function twilioSignature(authToken: string, url: string, params: SignedParams = {}): string {
  let data = url;
  for (const key of Object.keys(params).sort()) {
    const value = params[key];
    if (value === undefined) continue;
    for (const item of typeof value === 'string' ? [value] : value) data += key + item;
  }
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf8')).digest('base64');
}

/** True only when `signature` is the one `authToken` gives for this URL and these parameters (timing-safe). */
export function isTwilioSignatureValid(authToken: string, url: string, params: SignedParams, signature: unknown): boolean {
  if (typeof signature !== 'string' || signature.length === 0 || signature.length > 200) return false;
  const expected = Buffer.from(twilioSignature(authToken, url, params), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
