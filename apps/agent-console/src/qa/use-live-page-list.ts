import { onMounted, ref, shallowRef, watch, type Ref, type ShallowRef } from 'vue';
import type { Page } from '@switchboard/shared-contracts';
import { useQaLiveStore } from './qa-live.store';

export interface LivePageList<T> {
  items: ShallowRef<T[]>;
  status: Ref<'loading' | 'ready' | 'error'>;
  error: Ref<string | null>;
  hasMore: Ref<boolean>;
  loadingMore: Ref<boolean>;
  reload: () => Promise<void>;
  loadMore: () => Promise<void>;
}

/**
 * A paged QA list that reads its first page on mount and again whenever a QA change is heard live
 * (`useQaLiveStore().revision`), keeping as many items as were shown; "Show more" reads the next page.
 */
export function useLivePageList<T>(fetch: (after: string | null) => Promise<Page<T>>, fallback: string): LivePageList<T> {
  const qa = useQaLiveStore();
  const items = shallowRef<T[]>([]);
  const status = ref<'loading' | 'ready' | 'error'>('loading');
  const error = ref<string | null>(null);
  const hasMore = ref(false);
  const loadingMore = ref(false);
  let cursor: string | null = null;
  let generation = 0;

  async function reload() {
    const mine = ++generation;
    try {
      const page = await fetch(null);
      if (mine !== generation) return;
      items.value = page.items;
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

  async function loadMore() {
    if (!cursor || loadingMore.value) return;
    loadingMore.value = true;
    const mine = generation;
    try {
      const page = await fetch(cursor);
      if (mine !== generation) return;
      items.value = [...items.value, ...page.items];
      cursor = page.nextCursor;
      hasMore.value = page.nextCursor !== null;
    } catch (cause) {
      error.value = cause instanceof Error ? cause.message : fallback;
    } finally {
      loadingMore.value = false;
    }
  }

  onMounted(() => void reload());
  watch(() => qa.revision, () => void reload());
  return { items, status, error, hasMore, loadingMore, reload, loadMore };
}
