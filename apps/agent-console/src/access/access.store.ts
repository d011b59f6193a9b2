import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ClientRef } from '@switchboard/shared-contracts';
import { accessChangeNotice } from './access-change.util';

/** A change to what this user may see while signed in (`session.rescoped`), told on screen until dismissed. */
export const useAccessStore = defineStore('access', () => {
  const notice = ref<string | null>(null);
  /** Bumped on every re-scope, so pages can leave what they may no longer show. */
  const revision = ref(0);

  function applyChange(before: readonly ClientRef[], after: readonly ClientRef[]): void {
    revision.value++;
    notice.value = accessChangeNotice(before, after) ?? notice.value;
  }

  function dismiss(): void {
    notice.value = null;
  }

  function $reset(): void {
    notice.value = null;
    revision.value = 0;
  }

  return { notice, revision, applyChange, dismiss, $reset };
});
