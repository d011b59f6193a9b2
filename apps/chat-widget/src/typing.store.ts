import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { AgentTyping, TypingState } from '@switchboard/shared-contracts';

/** Tells the server whether the visitor is typing (`typing.set`). */
export type SetTyping = (state: TypingState) => Promise<unknown>;

/** While the visitor keeps typing, `typing: true` goes out at most this often. */
export const TYPING_REPEAT_MS = 2_000;
/** The visitor counts as stopped after this long without a keystroke. */
export const TYPING_IDLE_MS = 4_000;
/** "… is typing" hides by itself when the agent's client stops refreshing it. */
export const AGENT_TYPING_SHOWN_MS = 6_000;

/** Typing, both ways: what the visitor tells the agent, and which agent is typing a reply. */
export const useTypingStore = defineStore('typing', () => {
  /** First name of the agent typing a reply right now, or null. */
  const agentName = ref<string | null>(null);

  let transport: SetTyping | null = null;
  /** When `typing: true` last went out; 0 while the visitor is not typing. */
  let sentAt = 0;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  let agentTimer: ReturnType<typeof setTimeout> | undefined;

  /** On `visitor.session`: the live way to tell the server. */
  function begin(setTyping: SetTyping): void {
    transport = setTyping;
  }

  /** The connection dropped: nothing more goes out, and nobody is shown typing. */
  function suspend(): void {
    transport = null;
    sentAt = 0;
    clearTimeout(idleTimer);
    agentStopped();
  }

  /** A keystroke in the composer. */
  function visitorTyped(): void {
    if (!transport) return;
    clearTimeout(idleTimer);
    idleTimer = setTimeout(visitorStopped, TYPING_IDLE_MS);
    const now = Date.now();
    if (sentAt && now - sentAt < TYPING_REPEAT_MS) return;
    sentAt = now;
    tell(true);
  }

  /** Idle, sent, or the draft was emptied. */
  function visitorStopped(): void {
    clearTimeout(idleTimer);
    if (!sentAt) return;
    sentAt = 0;
    tell(false);
  }

  function tell(typing: boolean): void {
    // Best effort on purpose: a lost typing signal is corrected by the next one, or by the message itself.
    transport?.({ typing }).catch(() => undefined);
  }

  /** `agent.typing`: shown until the agent stops, replies, or falls silent for a while. */
  function agentTyping(event: AgentTyping): void {
    clearTimeout(agentTimer);
    if (!event.typing) {
      agentName.value = null;
      return;
    }
    agentName.value = event.name;
    agentTimer = setTimeout(agentStopped, AGENT_TYPING_SHOWN_MS);
  }

  function agentStopped(): void {
    clearTimeout(agentTimer);
    agentName.value = null;
  }

  return { agentName, begin, suspend, visitorTyped, visitorStopped, agentTyping, agentStopped };
});
