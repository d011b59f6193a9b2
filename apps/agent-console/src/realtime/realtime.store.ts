import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import type { AgentClientEvents, AgentServerEvents } from '@switchboard/shared-contracts';
import type { RealtimeConnection } from '@switchboard/web-realtime';

export type AgentConnection = RealtimeConnection<AgentServerEvents, AgentClientEvents>;

/** The console's one live connection to `/agent` (null while signed out). */
export const useRealtimeStore = defineStore('realtime', () => {
  const connection = shallowRef<AgentConnection | null>(null);

  function attach(next: AgentConnection): void {
    if (connection.value !== next) connection.value?.close();
    connection.value = next;
  }

  function detach(): void {
    connection.value?.close();
    connection.value = null;
  }

  return { connection, attach, detach };
});
