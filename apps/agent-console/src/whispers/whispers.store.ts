import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { WhisperView } from '@switchboard/shared-contracts';
import { listMyWhispers, markWhisperRead } from '@switchboard/web-data-access';

const messageOf = (error: unknown) => (error instanceof Error ? error.message : 'Something went wrong. Please try again.');

/**
 * Whispers the signed-in user's leads sent them: loaded once (the ones sent while they were away),
 * then live. Unread ones stay on screen until the agent marks them read.
 */
export const useWhispersStore = defineStore('whispers', () => {
  const whispers = shallowRef<WhisperView[]>([]);
  const loaded = ref(false);
  const error = ref<string | null>(null);

  const unread = computed(() => whispers.value.filter((whisper) => whisper.readAt === null).sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt)));

  async function load(): Promise<void> {
    try {
      put(await listMyWhispers());
      loaded.value = true;
      error.value = null;
    } catch (cause) {
      error.value = messageOf(cause);
    }
  }

  /** After a reconnect: what arrived meanwhile. */
  async function refresh(): Promise<void> {
    if (loaded.value) await load();
  }

  /** Each whisper once, whether it came live, in a load, or both. */
  function put(next: readonly WhisperView[]): void {
    const byId = new Map(whispers.value.map((whisper) => [whisper.id, whisper]));
    for (const whisper of next) {
      const known = byId.get(whisper.id);
      byId.set(whisper.id, known?.readAt ? known : whisper);
    }
    whispers.value = [...byId.values()].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
  }

  function applyReceived(whisper: WhisperView): void {
    put([whisper]);
  }

  async function markRead(whisperId: string): Promise<void> {
    try {
      put([await markWhisperRead(whisperId)]);
      error.value = null;
    } catch (cause) {
      error.value = messageOf(cause);
    }
  }

  function $reset(): void {
    whispers.value = [];
    loaded.value = false;
    error.value = null;
  }

  return { whispers, unread, loaded, error, load, refresh, applyReceived, markRead, $reset };
});
