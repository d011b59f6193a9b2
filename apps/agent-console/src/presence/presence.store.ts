import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { ErrorCode, type AgentPresence, type AgentProfileView, type AgentStatusChanged, type SetPresenceRequest } from '@switchboard/shared-contracts';
import { ApiError, getMyAgentProfile, setMyPresence } from '@switchboard/web-data-access';
import { useRealtimeStore } from '@switchboard/web-realtime';

export type ProfileStatus = 'idle' | 'loading' | 'ready' | 'none' | 'error';

const messageOf = (error: unknown) => (error instanceof Error ? error.message : 'Something went wrong. Please try again.');
const isNewer = (next: AgentPresence, current: AgentPresence | null) => !current || Date.parse(next.since) >= Date.parse(current.since);

/** The signed-in agent's own profile and presence. */
export const usePresenceStore = defineStore('presence', () => {
  const realtime = useRealtimeStore();
  const profile = shallowRef<AgentProfileView | null>(null);
  const presence = shallowRef<AgentPresence | null>(null);
  const status = ref<ProfileStatus>('idle');
  const loadError = ref<string | null>(null);
  /** The change being sent, so the matching button can show progress. */
  const pending = shallowRef<SetPresenceRequest | null>(null);
  const changeError = ref<string | null>(null);
  /** Who last set this agent's state for them (a lead or admin), until the agent changes it or dismisses the note. */
  const setBy = ref<string | null>(null);

  const hasProfile = computed(() => profile.value !== null);

  async function load(): Promise<void> {
    status.value = 'loading';
    loadError.value = null;
    try {
      const view = await getMyAgentProfile();
      profile.value = view;
      presence.value = view.presence;
      status.value = 'ready';
    } catch (error) {
      if (error instanceof ApiError && error.code === ErrorCode.NotFound) {
        profile.value = null;
        status.value = 'none';
        return;
      }
      loadError.value = messageOf(error);
      status.value = 'error';
    }
  }

  /** Quietly reloads after a reconnect, keeping what is on screen if that fails. */
  async function refresh(): Promise<void> {
    if (status.value !== 'ready') return;
    try {
      const view = await getMyAgentProfile();
      profile.value = view;
      presence.value = view.presence;
    } catch {
      // The screen keeps the last known profile; the connection indicator already says we are behind.
    }
  }

  /** Sets presence over the live connection (acknowledged), or over HTTP while it is down. */
  async function change(request: SetPresenceRequest): Promise<boolean> {
    pending.value = request;
    changeError.value = null;
    try {
      const connection = realtime.connection;
      const next =
        connection && connection.state.value === 'connected' ? await connection.request('presence.set', request) : await setMyPresence(request);
      if (isNewer(next, presence.value)) presence.value = next;
      setBy.value = null;
      return true;
    } catch (error) {
      changeError.value = messageOf(error);
      return false;
    } finally {
      pending.value = null;
    }
  }

  /** A status event about this agent (set from another tab, by their lead, or by the system). */
  function applyStatus(event: AgentStatusChanged): void {
    if (!profile.value || event.userId !== profile.value.userId || !isNewer(event, presence.value)) return;
    presence.value = { userId: event.userId, state: event.state, reason: event.reason, since: event.since, connected: event.connected };
    setBy.value = event.setBy;
  }

  function dismissSetBy(): void {
    setBy.value = null;
  }

  function $reset(): void {
    profile.value = null;
    presence.value = null;
    status.value = 'idle';
    loadError.value = null;
    changeError.value = null;
    setBy.value = null;
  }

  return { profile, presence, status, loadError, pending, changeError, setBy, hasProfile, load, refresh, change, applyStatus, dismissSetBy, $reset };
});
