import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { AGENT_STATES, type AgentLoad, type AgentState, type AgentStatusChanged, type BoardAgent, type QueueStats } from '@switchboard/shared-contracts';
import { getAgentLoads, getPresenceBoard, getQueueStats } from '@switchboard/web-data-access';

/** The agent-loads API takes this many agents a call. */
const LOADS_PER_CALL = 500;

/** A queue's numbers, with when its longest-waiting ticket started waiting (so the wait keeps counting between pushes). */
export interface BoardQueue extends QueueStats {
  longestSince: string | null;
}

const boardQueue = (stats: QueueStats, at = Date.now()): BoardQueue => ({
  ...stats,
  longestSince: stats.waiting > 0 ? new Date(at - stats.longestWaitSeconds * 1000).toISOString() : null,
});

export type BoardStatus = 'idle' | 'loading' | 'ready' | 'error';

/**
 * The team lead's live board: their agents (state, load) and their clients' queues. Loaded once, then
 * kept current by `agent.status_changed`, `agent.load` and `queue.stats` events.
 */
export const useBoardStore = defineStore('board', () => {
  const agents = shallowRef<BoardAgent[]>([]);
  const loads = shallowRef<ReadonlyMap<string, AgentLoad>>(new Map());
  const queues = shallowRef<BoardQueue[]>([]);
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
      const [board, stats] = await Promise.all([getPresenceBoard(), getQueueStats()]);
      agents.value = board;
      queues.value = stats.map((queue) => boardQueue(queue));
      loads.value = await loadsOf(board.map((agent) => agent.userId));
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

  /** What an agent holds now; ignored for agents not on this board. */
  function applyLoad(load: AgentLoad): void {
    if (!agents.value.some((agent) => agent.userId === load.userId)) return;
    loads.value = new Map(loads.value).set(load.userId, load);
  }

  /** A client's queue numbers (each push carries every queue of one client). */
  function applyQueueStats(stats: readonly QueueStats[]): void {
    if (status.value !== 'ready' || stats.length === 0) return;
    const pushed = new Map(stats.map((queue) => [queue.queueId, queue]));
    const kept = queues.value.filter((queue) => !pushed.has(queue.queueId));
    queues.value = [...kept, ...stats.map((queue) => boardQueue(queue))];
  }

  function $reset(): void {
    agents.value = [];
    loads.value = new Map();
    queues.value = [];
    status.value = 'idle';
    error.value = null;
    loadedAt.value = null;
  }

  return { agents, loads, queues, status, error, loadedAt, counts, load, refresh, applyStatus, applyLoad, applyQueueStats, $reset };
});

async function loadsOf(agentIds: readonly string[]): Promise<Map<string, AgentLoad>> {
  const calls: Promise<AgentLoad[]>[] = [];
  for (let start = 0; start < agentIds.length; start += LOADS_PER_CALL) calls.push(getAgentLoads(agentIds.slice(start, start + LOADS_PER_CALL)));
  return new Map((await Promise.all(calls)).flat().map((load) => [load.userId, load]));
}
