import { computed, toValue, type ComputedRef, type MaybeRefOrGetter } from 'vue';
import type { ConnectionState, ConnectionStatusSource } from './realtime.types';

export interface ConnectionStateView {
  state: ComputedRef<ConnectionState>;
  /** Short text for people: "Live", "Reconnecting…". */
  label: ComputedRef<string>;
  /** One sentence saying what the state means for the data on screen. */
  description: ComputedRef<string>;
}

const LABELS: Record<ConnectionState, string> = {
  connecting: 'Connecting…',
  connected: 'Live',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
};

const DESCRIPTIONS: Record<ConnectionState, string> = {
  connecting: 'Connecting to live updates.',
  connected: 'Live updates are on.',
  reconnecting: 'Connection lost. Live updates resume when it is back.',
  offline: 'Not connected. What you see may be out of date.',
};

/** The connection state of a live connection (or `offline` when there is none), for people. */
export function useConnectionState(source: MaybeRefOrGetter<ConnectionStatusSource | null | undefined>): ConnectionStateView {
  const state = computed<ConnectionState>(() => toValue(source)?.state.value ?? 'offline');
  return {
    state,
    label: computed(() => LABELS[state.value]),
    description: computed(() => DESCRIPTIONS[state.value]),
  };
}
