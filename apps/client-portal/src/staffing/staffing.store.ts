import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { ClientStaffing } from '@switchboard/shared-contracts';
import { getClientStaffing } from '@switchboard/web-data-access';

/** The live staffing numbers of the signed-in user's client. */
export const useStaffingStore = defineStore('staffing', () => {
  const clientId = ref<string | null>(null);
  const staffing = shallowRef<ClientStaffing | null>(null);
  const error = ref<string | null>(null);
  const loading = ref(false);

  async function load(forClientId: string): Promise<void> {
    clientId.value = forClientId;
    loading.value = true;
    error.value = null;
    try {
      staffing.value = await getClientStaffing(forClientId);
    } catch (cause) {
      error.value = cause instanceof Error ? cause.message : 'Staffing could not be loaded.';
    } finally {
      loading.value = false;
    }
  }

  async function refresh(): Promise<void> {
    if (clientId.value) await load(clientId.value);
  }

  /** A `client.staffing_changed` event; events about any other client are ignored. */
  function apply(event: ClientStaffing): boolean {
    if (!clientId.value || event.clientId !== clientId.value) return false;
    staffing.value = event;
    error.value = null;
    return true;
  }

  function $reset(): void {
    clientId.value = null;
    staffing.value = null;
    error.value = null;
    loading.value = false;
  }

  return { clientId, staffing, error, loading, load, refresh, apply, $reset };
});
