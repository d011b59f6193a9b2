import { PAGE_SIZE_MAX, type Page } from '@switchboard/shared-contracts';
import { ValidationException } from '../errors/domain.exception';

/** Where a page starts: the sort key of the last item of the previous page. */
export type CursorKey = (string | number)[];

export interface PageRequest {
  limit: number;
  /** The sort key after which the page starts; null for the first page. */
  after: CursorKey | null;
}

const CURSOR = /^[A-Za-z0-9_-]{1,400}$/;

/**
 * `?limit=&after=` of a list endpoint, checked: limit a whole number 1–PAGE_SIZE_MAX (default
 * `defaultLimit`), after a cursor this API made with the same key shape (`shape`: the type of each
 * part). Anything else is a validation error, never a database error.
 */
export function pageRequestOf(limit: unknown, after: unknown, shape: readonly ('string' | 'number')[], defaultLimit = PAGE_SIZE_MAX): PageRequest {
  let size = defaultLimit;
  if (limit !== undefined) {
    size = typeof limit === 'string' && /^\d{1,3}$/.test(limit) ? Number(limit) : Number.NaN;
    if (!Number.isInteger(size) || size < 1 || size > PAGE_SIZE_MAX) throw new ValidationException([{ field: 'limit', message: `must be a whole number from 1 to ${PAGE_SIZE_MAX}` }]);
  }
  if (after === undefined) return { limit: size, after: null };
  const key = typeof after === 'string' && CURSOR.test(after) ? decode(after) : null;
  if (!key || key.length !== shape.length || key.some((part, i) => typeof part !== shape[i])) {
    throw new ValidationException([{ field: 'after', message: 'must be the nextCursor of a previous page' }]);
  }
  return { limit: size, after: key };
}

/** Rows read with `limit + 1` become a page; the extra row only says another page exists. */
export function pageOf<Row, Item>(rows: readonly Row[], limit: number, keyOf: (row: Row) => CursorKey, itemOf: (row: Row) => Item): Page<Item> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items: items.map(itemOf), nextCursor: rows.length > limit && last !== undefined ? encode(keyOf(last)) : null };
}

function encode(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

function decode(cursor: string): CursorKey | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(value) && value.every((part) => typeof part === 'string' || typeof part === 'number') ? (value as CursorKey) : null;
  } catch {
    return null;
  }
}

/** `?q=` of a searchable list: up to 100 characters of text (blank: no search); anything else is a validation error. */
export function searchOf(q: unknown): string | null {
  if (q === undefined) return null;
  if (typeof q !== 'string' || q.length > 100) throw new ValidationException([{ field: 'q', message: 'must be text of at most 100 characters' }]);
  return q.trim() || null;
}
