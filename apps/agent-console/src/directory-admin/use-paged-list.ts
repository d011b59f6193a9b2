import { computed, ref, shallowRef, watch, type Ref } from 'vue';
import type { Page } from '@switchboard/shared-contracts';

/**
 * One page at a time of a paged list API, with a search box: `next` follows the page's cursor,
 * `previous` goes back along the cursors already seen, a new search starts again at the first page.
 */
export function usePagedList<T extends { id: string }>(fetchPage: (after: string | null, q: string) => Promise<Page<T>>, options: { debounceMs?: number; filters?: Ref<unknown> } = {}) {
  const items = shallowRef<T[]>([]);
  const search = ref('');
  const status = ref<'loading' | 'ready' | 'error'>('loading');
  const error = ref<string | null>(null);
  /** Cursors of the pages shown so far: `cursors[i]` starts page i (null: the first). */
  const cursors = ref<(string | null)[]>([null]);
  const nextCursor = ref<string | null>(null);
  const pageNumber = computed(() => cursors.value.length);
  let asked = 0;

  async function load(after: string | null): Promise<void> {
    const call = ++asked;
    status.value = 'loading';
    error.value = null;
    try {
      const page = await fetchPage(after, search.value.trim());
      if (call !== asked) return;
      items.value = page.items;
      nextCursor.value = page.nextCursor;
      status.value = 'ready';
    } catch (cause) {
      if (call !== asked) return;
      error.value = cause instanceof Error ? cause.message : 'The list could not be read.';
      status.value = 'error';
    }
  }

  const first = () => {
    cursors.value = [null];
    return load(null);
  };
  const next = () => {
    if (!nextCursor.value) return Promise.resolve();
    cursors.value = [...cursors.value, nextCursor.value];
    return load(nextCursor.value);
  };
  const previous = () => {
    if (cursors.value.length < 2) return Promise.resolve();
    cursors.value = cursors.value.slice(0, -1);
    return load(cursors.value[cursors.value.length - 1]);
  };
  /** The page shown, read again (after a save). */
  const reload = () => load(cursors.value[cursors.value.length - 1]);
  /** An item saved: replaced where it is shown (a new one is shown at the top until the next read). */
  const put = (item: T) => {
    const at = items.value.findIndex((i) => i.id === item.id);
    items.value = at === -1 ? [item, ...items.value] : items.value.map((i) => (i.id === item.id ? item : i));
  };
  const drop = (id: string) => (items.value = items.value.filter((i) => i.id !== id));

  let timer: ReturnType<typeof setTimeout> | undefined;
  watch(search, () => {
    clearTimeout(timer);
    timer = setTimeout(() => void first(), options.debounceMs ?? 250);
  });
  if (options.filters) watch(options.filters, () => void first(), { deep: true });

  return { items, search, status, error, pageNumber, hasNext: computed(() => nextCursor.value !== null), hasPrevious: computed(() => cursors.value.length > 1), first, next, previous, reload, put, drop };
}

/** What `usePagedList` gives an editor. */
export type PagedList<T extends { id: string }> = ReturnType<typeof usePagedList<T>>;
