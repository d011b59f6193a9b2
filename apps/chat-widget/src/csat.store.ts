import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { ErrorCode, type CsatRequest, type ErrorBody, type VisitorSession, type VisitorTicketStatus } from '@switchboard/shared-contracts';
import { NOT_CONNECTED, refusalOf } from './chat-message.util';

/** Sends the visitor's rating (`csat.submit`). */
export type SubmitCsat = (request: CsatRequest) => Promise<VisitorTicketStatus>;

/** `asking`: the prompt is shown; `sending`: on its way; `thanks`: given (here or before). */
export type CsatState = 'asking' | 'sending' | 'thanks';

/** The "How did we do?" rating of a resolved conversation. */
export const useCsatStore = defineStore('csat', () => {
  /** The ticket being rated; null when nothing is asked. */
  const ticketId = ref<string | null>(null);
  const state = ref<CsatState | null>(null);
  const error = shallowRef<ErrorBody | null>(null);

  let transport: SubmitCsat | null = null;

  /** `visitor.session`: a rating the server still waits for is asked again, here and after a reload. */
  function begin(pending: VisitorSession['csatPending'], submitNow: SubmitCsat): void {
    transport = submitNow;
    if (pending) ask(pending.ticketId);
    else if (state.value === 'asking') clear(); // rated meanwhile, e.g. in another tab
  }

  function suspend(): void {
    transport = null;
  }

  /** `ticket.status`: a resolution may ask for a rating; a reopened ticket no longer does. */
  function status(event: VisitorTicketStatus): void {
    if (event.csatRequested) ask(event.ticketId);
    else if (event.ticketId === ticketId.value && state.value === 'asking') clear();
  }

  function ask(id: string): void {
    if (ticketId.value === id && state.value) return; // already asked, sending or thanked
    ticketId.value = id;
    state.value = 'asking';
    error.value = null;
  }

  function clear(): void {
    ticketId.value = null;
    state.value = null;
    error.value = null;
  }

  async function submit(score: number, comment: string): Promise<void> {
    const id = ticketId.value;
    if (!id || state.value !== 'asking') return;
    if (!transport) {
      error.value = NOT_CONNECTED;
      return;
    }
    state.value = 'sending';
    error.value = null;
    const text = comment.trim();
    try {
      await transport(text ? { ticketId: id, score, comment: text } : { ticketId: id, score });
      state.value = 'thanks';
    } catch (cause) {
      const refusal = refusalOf(cause, 'Your rating could not be sent. Please try again.');
      // Already rated (another tab, a double click): for the visitor that is the same as done.
      if (refusal.code === ErrorCode.CsatAlreadyGiven) {
        state.value = 'thanks';
        return;
      }
      state.value = 'asking';
      error.value = refusal;
    }
  }

  return { ticketId, state, error, begin, suspend, status, submit };
});
