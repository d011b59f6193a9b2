import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { ClientStaffing, LiveReport } from '@switchboard/shared-contracts';
import { getLiveReport } from '@switchboard/web-data-access';

/** The live tiles of the client being looked at: loaded once, then kept current by `report.live`. */
export const useLiveReportStore = defineStore('live-report', () => {
  const clientId = ref<string | null>(null);
  const live = shallowRef<LiveReport | null>(null);
  const error = ref<string | null>(null);
  const loading = ref(false);

  async function load(forClientId: string): Promise<void> {
    if (clientId.value !== forClientId) live.value = null;
    clientId.value = forClientId;
    loading.value = true;
    error.value = null;
    try {
      const report = await getLiveReport(forClientId);
      if (clientId.value === forClientId) live.value = report;
    } catch (cause) {
      if (clientId.value === forClientId) error.value = cause instanceof Error ? cause.message : 'Live numbers could not be loaded.';
    } finally {
      loading.value = false;
    }
  }

  async function refresh(): Promise<void> {
    if (clientId.value) await load(clientId.value);
  }

  /** A `report.live` event; one about any other client, or older than what is shown, is ignored. */
  function apply(event: LiveReport): boolean {
    if (!clientId.value || event.clientId !== clientId.value) return false;
    if (live.value && Date.parse(event.at) < Date.parse(live.value.at)) return false;
    live.value = event;
    error.value = null;
    return true;
  }

  /**
   * A `client.staffing_changed` event: the same numbers as the live report's agents staffed (signed in)
   * and available, which `report.live` only carries when a ticket changes. Other clients are ignored.
   */
  function applyStaffing(event: ClientStaffing): boolean {
    if (!clientId.value || event.clientId !== clientId.value || !live.value) return false;
    live.value = { ...live.value, agentsStaffed: event.signedIn, agentsAvailable: event.available };
    return true;
  }

  function $reset(): void {
    clientId.value = null;
    live.value = null;
    error.value = null;
    loading.value = false;
  }

  return { clientId, live, error, loading, load, refresh, apply, applyStaffing, $reset };
});
