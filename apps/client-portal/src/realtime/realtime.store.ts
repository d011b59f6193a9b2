import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import type { PortalClientEvents, PortalServerEvents } from '@switchboard/shared-contracts';
import type { RealtimeConnection } from '@switchboard/web-realtime';

export type PortalConnection = RealtimeConnection<PortalServerEvents, PortalClientEvents>;

/** The portal's one live connection to `/portal` (null while signed out). */
export const useRealtimeStore = defineStore('realtime', () => {
  const connection = shallowRef<PortalConnection | null>(null);

  function attach(next: PortalConnection): void {
    if (connection.value !== next) connection.value?.close();
    connection.value = next;
  }

  function detach(): void {
    connection.value?.close();
    connection.value = null;
  }

  return { connection, attach, detach };
});
