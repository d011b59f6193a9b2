import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import type { RealtimeConnection } from './realtime.types';

/**
 * Names the connection an app keeps, once per app, the way `RouteMeta` names route meta:
 *
 * ```ts
 * declare module '@switchboard/web-realtime' {
 *   interface RealtimeRegister {
 *     connection: RealtimeConnection<AgentServerEvents, AgentClientEvents>;
 *   }
 * }
 * ```
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface, @typescript-eslint/no-empty-object-type -- each app fills it in
export interface RealtimeRegister {}

/** The connection registered by the app; one without events where none is (shared code only reads its state). */
export type AppRealtimeConnection = RealtimeRegister extends { connection: infer Connection } ? Connection : RealtimeConnection<object, object>;

/** The app's one live connection to its namespace (null while signed out). */
export const useRealtimeStore = defineStore('realtime', () => {
  const connection = shallowRef<AppRealtimeConnection | null>(null);

  function attach(next: AppRealtimeConnection): void {
    if (connection.value !== next) connection.value?.close();
    connection.value = next;
  }

  function detach(): void {
    connection.value?.close();
    connection.value = null;
  }

  return { connection, attach, detach };
});
