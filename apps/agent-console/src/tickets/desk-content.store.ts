import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import type { CannedResponseView, DispositionView } from '@switchboard/shared-contracts';
import { listCannedResponses, listDispositions } from '@switchboard/web-data-access';

export interface DeskContent {
  canned: CannedResponseView[];
  dispositions: DispositionView[];
}

/** Each client's canned responses and wrap-up codes, read once per console session when a ticket of that client opens. */
export const useDeskContentStore = defineStore('deskContent', () => {
  const byClient = shallowRef<ReadonlyMap<string, DeskContent>>(new Map());
  /** Clients whose content was read in full (a part that failed is read again with the next ticket). */
  const complete = new Set<string>();
  const loading = new Map<string, Promise<void>>();

  function ensure(clientId: string): Promise<void> {
    if (complete.has(clientId)) return Promise.resolve();
    let pending = loading.get(clientId);
    if (!pending) {
      pending = Promise.allSettled([listCannedResponses(clientId), listDispositions(clientId)])
        .then(([canned, dispositions]) => {
          const known = byClient.value.get(clientId);
          const content = {
            canned: canned.status === 'fulfilled' ? canned.value : (known?.canned ?? []),
            dispositions: dispositions.status === 'fulfilled' ? dispositions.value : (known?.dispositions ?? []),
          };
          byClient.value = new Map(byClient.value).set(clientId, content);
          if (canned.status === 'fulfilled' && dispositions.status === 'fulfilled') complete.add(clientId);
        })
        .finally(() => loading.delete(clientId));
      loading.set(clientId, pending);
    }
    return pending;
  }

  const contentOf = (clientId: string | null | undefined): DeskContent => (clientId ? byClient.value.get(clientId) : undefined) ?? { canned: [], dispositions: [] };

  function $reset(): void {
    byClient.value = new Map();
    complete.clear();
    loading.clear();
  }

  return { byClient, ensure, contentOf, $reset };
});
