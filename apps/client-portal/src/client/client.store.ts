import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { ClientView, InboxView } from '@switchboard/shared-contracts';
import { getClient, listClientInboxes } from '@switchboard/web-data-access';

/** The signed-in user's client: profile, calendar and inboxes. */
export const useClientStore = defineStore('client', () => {
  const client = shallowRef<ClientView | null>(null);
  const inboxes = shallowRef<InboxView[]>([]);
  const status = ref<'idle' | 'loading' | 'ready' | 'error'>('idle');
  const error = ref<string | null>(null);

  async function load(clientId: string): Promise<void> {
    status.value = 'loading';
    error.value = null;
    try {
      const [view, list] = await Promise.all([getClient(clientId), listClientInboxes(clientId)]);
      client.value = view;
      inboxes.value = list;
      status.value = 'ready';
    } catch (cause) {
      error.value = cause instanceof Error ? cause.message : 'Your client details could not be loaded.';
      status.value = 'error';
    }
  }

  function $reset(): void {
    client.value = null;
    inboxes.value = [];
    status.value = 'idle';
    error.value = null;
  }

  return { client, inboxes, status, error, load, $reset };
});
