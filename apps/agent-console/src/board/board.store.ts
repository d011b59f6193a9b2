import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { AGENT_STATES, type AgentState, type AgentStatusChanged, type BoardAgent } from '@switchboard/shared-contracts';
import { getPresenceBoard } from '@switchboard/web-data-access';

export type BoardStatus = 'idle' | 'loading' | 'ready' | 'error';

/** The team lead's live board: loaded once, then kept current by `agent.status_changed` events. */
export const useBoardStore = defineStore('board', () => {
  const agents = shallowRef<BoardAgent[]>([]);
  const status = ref<BoardStatus>('idle');
  const error = ref<string | null>(null);
  const loadedAt = ref<number | null>(null);

  const counts = computed(() => {
    const result = Object.fromEntries(AGENT_STATES.map((state) => [state, 0])) as Record<AgentState, number>;
    agents.value.forEach((agent) => (result[agent.state] += 1));
    return result;
  });

  async function load(): Promise<void> {
    if (status.value !== 'ready') status.value = 'loading';
    error.value = null;
    try {
      agents.value = await getPresenceBoard();
      loadedAt.value = Date.now();
      status.value = 'ready';
    } catch (cause) {
      error.value = cause instanceof Error ? cause.message : 'The board could not be loaded.';
      if (status.value !== 'ready') status.value = 'error';
    }
  }

  /** After a reconnect: refetch everything, but only if the board was in use. */
  async function refresh(): Promise<void> {
    if (status.value === 'ready' || status.value === 'error') await load();
  }

  /**
   * Applies a status change to the agent's row. Returns false when the agent is not on this board
   * (the server only shows a lead their own teams). Older events never overwrite newer state.
   */
  function applyStatus(event: AgentStatusChanged): boolean {
    const index = agents.value.findIndex((agent) => agent.userId === event.userId);
    if (index === -1) return false;
    const row = agents.value[index];
    if (Date.parse(event.since) < Date.parse(row.since)) return true; // an older event never overwrites newer state
    const next = [...agents.value];
    next[index] = {
      ...row,
      state: event.state,
      reason: event.reason,
      since: event.since,
      connected: event.connected,
    };
    agents.value = next;
    return true;
  }

  function $reset(): void {
    agents.value = [];
    status.value = 'idle';
    error.value = null;
    loadedAt.value = null;
  }

  return { agents, status, error, loadedAt, counts, load, refresh, applyStatus, $reset };
});
