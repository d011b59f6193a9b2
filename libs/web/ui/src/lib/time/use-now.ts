import { getCurrentScope, onScopeDispose, readonly, ref, type Ref } from 'vue';

const now = ref(Date.now());
let subscribers = 0;
let timer: ReturnType<typeof setInterval> | null = null;

/**
 * The current time, ticking once a second, shared by every caller (one timer for a whole board of
 * "time in state" cells). The timer stops when the last caller's scope is disposed.
 */
export function useNow(): Readonly<Ref<number>> {
  if (getCurrentScope()) {
    subscribers += 1;
    if (!timer) {
      now.value = Date.now();
      timer = setInterval(() => {
        now.value = Date.now();
      }, 1000);
    }
    onScopeDispose(() => {
      subscribers -= 1;
      if (subscribers === 0 && timer) {
        clearInterval(timer);
        timer = null;
      }
    });
  }
  return readonly(now);
}
