/** No list API answers more than this many items a call. */
export const PAGE_SIZE_MAX = 100;

/**
 * One page of a list: `GET …?limit=1–100&after=<nextCursor>`. The cursor is opaque: pass it back
 * as it came. Pages follow a stable order, so an item is never on two pages nor skipped.
 */
export interface Page<T> {
  items: T[];
  /** Where the next page starts; null on the last page. */
  nextCursor: string | null;
}
