import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import type { CannedResponseView, DispositionView, PlaybookView } from '@switchboard/shared-contracts';
import { getPlaybook, listCannedResponses, listDispositions } from '@switchboard/web-data-access';

export interface DeskContent {
  canned: CannedResponseView[];
  dispositions: DispositionView[];
  /** Null until read, or when reading it failed (`playbookError` then says why). */
  playbook: PlaybookView | null;
  playbookError: string | null;
}

const NOTHING: DeskContent = { canned: [], dispositions: [], playbook: null, playbookError: null };
const reasonOf = (error: unknown) => (error instanceof Error && error.message ? error.message : 'The playbook could not be loaded.');

/**
 * Each client's canned responses, wrap-up codes and playbook, read once per console session when a
 * ticket of that client opens. An admin's change in this console is read again (`forget`); other
 * consoles see it when they next sign in or reload.
 */
export const useDeskContentStore = defineStore('deskContent', () => {
  const byClient = shallowRef<ReadonlyMap<string, DeskContent>>(new Map());
  /** Clients whose content was read in full (a part that failed is read again with the next ticket). */
  const complete = new Set<string>();
  const loading = new Map<string, Promise<void>>();

  function ensure(clientId: string): Promise<void> {
    if (complete.has(clientId)) return Promise.resolve();
    let pending = loading.get(clientId);
    if (!pending) {
      pending = Promise.allSettled([listCannedResponses(clientId), listDispositions(clientId), getPlaybook(clientId)])
        .then(([canned, dispositions, playbook]) => {
          const known = byClient.value.get(clientId);
          const content: DeskContent = {
            canned: canned.status === 'fulfilled' ? canned.value : (known?.canned ?? []),
            dispositions: dispositions.status === 'fulfilled' ? dispositions.value : (known?.dispositions ?? []),
            playbook: playbook.status === 'fulfilled' ? playbook.value : (known?.playbook ?? null),
            playbookError: playbook.status === 'fulfilled' || known?.playbook ? null : reasonOf(playbook.reason),
          };
          byClient.value = new Map(byClient.value).set(clientId, content);
          if (canned.status === 'fulfilled' && dispositions.status === 'fulfilled' && playbook.status === 'fulfilled') complete.add(clientId);
        })
        .finally(() => loading.delete(clientId));
      loading.set(clientId, pending);
    }
    return pending;
  }

  /** Undefined while a client's content has never been read. */
  const loadedOf = (clientId: string | null | undefined): DeskContent | undefined => (clientId ? byClient.value.get(clientId) : undefined);
  const contentOf = (clientId: string | null | undefined): DeskContent => loadedOf(clientId) ?? NOTHING;

  /** After an admin changed a client's content: the next ticket of that client reads it again. */
  function forget(clientId: string): void {
    complete.delete(clientId);
    const next = new Map(byClient.value);
    next.delete(clientId);
    byClient.value = next;
  }

  function $reset(): void {
    byClient.value = new Map();
    complete.clear();
    loading.clear();
  }

  return { byClient, ensure, contentOf, loadedOf, forget, $reset };
});
