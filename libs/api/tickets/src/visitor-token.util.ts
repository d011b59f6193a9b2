import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A widget visitor's identity, kept in their browser: `<random>.<hmac>`. Only tokens this server issued
 * verify, so a visitor cannot pick another visitor's conversation by guessing. The database keeps only
 * a hash of the token.
 */
export function issueVisitorToken(secret: string): string {
  const id = randomBytes(24).toString('base64url');
  return `${id}.${sign(id, secret)}`;
}

export function verifyVisitorToken(token: unknown, secret: string): string | null {
  if (typeof token !== 'string' || token.length > 200) return null;
  const [id, mac, extra] = token.split('.');
  if (!id || !mac || extra !== undefined) return null;
  const expected = Buffer.from(sign(id, secret));
  const given = Buffer.from(mac);
  return expected.length === given.length && timingSafeEqual(expected, given) ? token : null;
}

/** What the database stores as the visitor's chat identity. */
export function visitorIdentity(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function sign(id: string, secret: string): string {
  return createHmac('sha256', `visitor:${secret}`).update(id).digest('base64url');
}
