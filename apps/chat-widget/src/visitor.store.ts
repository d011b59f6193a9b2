import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { ErrorBody, VisitorProfile } from '@switchboard/shared-contracts';
import { NOT_CONNECTED, refusalOf } from './chat-message.util';

/** Sends the visitor's details over the live connection and resolves with what the server kept (the ack). */
export type SaveProfile = (profile: VisitorProfile) => Promise<VisitorProfile>;

/** What the visitor told us about themselves (pre-chat or offline form), as the server knows it. */
export const useVisitorStore = defineStore('visitor', () => {
  const profile = shallowRef<VisitorProfile>({ name: null, email: null });
  /** The server has greeted this page with `visitor.session`, so `profile` is what it knows. */
  const greeted = ref(false);
  /** The visitor answered or skipped a pre-chat form whose fields are all optional: it is not shown again. */
  const dismissed = ref(false);

  let transport: SaveProfile | null = null;

  /** `visitor.session`: the details given earlier (another tab, another day) and how to send new ones. */
  function begin(known: VisitorProfile, save: SaveProfile): void {
    profile.value = known;
    greeted.value = true;
    transport = save;
  }

  function suspend(): void {
    transport = null;
  }

  /** Sends the details; returns why they were refused (with `fields` when the server names them), or null. */
  async function save(details: VisitorProfile): Promise<ErrorBody | null> {
    if (!transport) return NOT_CONNECTED;
    try {
      profile.value = await transport(details);
      dismissed.value = true;
      return null;
    } catch (cause) {
      return refusalOf(cause, 'Your details could not be saved. Please try again.');
    }
  }

  function dismiss(): void {
    dismissed.value = true;
  }

  return { profile, greeted, dismissed, begin, suspend, save, dismiss };
});
