import { onMounted, ref, shallowRef, watch, type Ref, type ShallowRef } from 'vue';
import type { Page } from '@switchboard/shared-contracts';
import { useQaLiveStore } from './qa-live.store';

export interface LivePageList<T> {
  items: ShallowRef<T[]>;
  status: Ref<'loading' | 'ready' | 'error'>;
  error: Ref<string | null>;
  hasMore: Ref<boolean>;
  loadingMore: Ref<boolean>;
  /** Reads the first page afresh (a filter changed). */
  reload: () => Promise<void>;
  /** Reads the list again as far as it was shown (a QA change was heard, or the connection came back). */
  refresh: () => Promise<void>;
  loadMore: () => Promise<void>;
}

/**
 * Most pages one refresh reads to get back to the last item shown: twice the pages shown and one more
 * (the last item may have left the list), never more than this (then "Show more" goes on from there).
 */
export const LIVE_LIST_MAX_PAGES = 20;

/** `more` after `shown`, without the items already shown (by key): a page boundary never shows one twice. */
export function appendUnique<T>(shown: readonly T[], more: readonly T[], keyOf: (item: T) => string): T[] {
  const seen = new Set(shown.map(keyOf));
  const added: T[] = [];
  for (const item of more) {
    const key = keyOf(item);
    if (seen.has(key)) continue;
    seen.add(key);
    added.push(item);
  }
  return [...shown, ...added];
}

/**
 * A paged QA list that reads its first page on mount and, whenever a QA change is heard live or the
 * connection comes back (`useQaLiveStore().revision`), reads it again from the top as far as it was
 * shown — page after page until the last item shown is read again (if it left the list, at most twice
 * the pages shown and one more) — so what was missed while offline appears in its place and nothing
 * shown is lost; "Show more" reads the next page. Items are kept once each by `keyOf`; a read overtaken by a newer one is dropped.
 */
export function useLivePageList<T>(fetch: (after: string | null) => Promise<Page<T>>, fallback: string, keyOf: (item: T) => string): LivePageList<T> {
  const qa = useQaLiveStore();
  const items = shallowRef<T[]>([]);
  const status = ref<'loading' | 'ready' | 'error'>('loading');
  const error = ref<string | null>(null);
  const hasMore = ref(false);
  const loadingMore = ref(false);
  let cursor: string | null = null;
  let generation = 0;
  /** Pages behind what is shown: the first and each "Show more". */
  let pagesShown = 0;

  /** Reads from the top until `through` (the key of the last item shown) is read again, the list ends, or `most` pages are read. */
  async function read(through: string | null) {
    const mine = ++generation;
    const reached = (read: readonly T[]) => through === null || read.some((item) => keyOf(item) === through);
    const most = Math.min(LIVE_LIST_MAX_PAGES, pagesShown * 2 + 1);
    try {
      let page = await fetch(null);
      let read = appendUnique([], page.items, keyOf);
      let pages = 1;
      for (; page.nextCursor !== null && !reached(read) && pages < most; pages++) {
        if (mine !== generation) return;
        page = await fetch(page.nextCursor);
        read = appendUnique(read, page.items, keyOf);
      }
      if (mine !== generation) return;
      pagesShown = pages;
      items.value = read;
      cursor = page.nextCursor;
      hasMore.value = page.nextCursor !== null;
      error.value = null;
      status.value = 'ready';
    } catch (cause) {
      if (mine !== generation) return;
      error.value = cause instanceof Error ? cause.message : fallback;
      if (status.value === 'loading') status.value = 'error';
    }
  }

  const reload = () => read(null);
  const refresh = () => {
    const last = items.value[items.value.length - 1];
    return read(last === undefined ? null : keyOf(last));
  };

  async function loadMore() {
    if (!cursor || loadingMore.value) return;
    loadingMore.value = true;
    const mine = generation;
    try {
      const page = await fetch(cursor);
      if (mine !== generation) return;
      items.value = appendUnique(items.value, page.items, keyOf);
      pagesShown += 1;
      cursor = page.nextCursor;
      hasMore.value = page.nextCursor !== null;
    } catch (cause) {
      error.value = cause instanceof Error ? cause.message : fallback;
    } finally {
      loadingMore.value = false;
    }
  }

  onMounted(() => void reload());
  watch(() => qa.revision, () => void refresh());
  return { items, status, error, hasMore, loadingMore, reload, refresh, loadMore };
}
