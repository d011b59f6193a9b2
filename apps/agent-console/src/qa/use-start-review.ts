import { ref } from 'vue';
import { useRouter } from 'vue-router';
import { startEvaluation } from '@switchboard/web-data-access';

/**
 * "Review" on a resolved ticket: starts a draft on the client's active scorecard (the `manual` stream)
 * and opens it; while one starts the other buttons wait, and a refusal names the ticket.
 */
export function useStartReview() {
  const router = useRouter();
  /** The ticket whose review is starting. */
  const starting = ref<string | null>(null);
  const startError = ref<string | null>(null);

  async function review(ticket: { ticketId: string; agentId: string; reference: string }) {
    starting.value = ticket.ticketId;
    startError.value = null;
    try {
      const draft = await startEvaluation(ticket.ticketId, ticket.agentId);
      await router.push({ name: 'evaluation', params: { evaluationId: draft.id } });
    } catch (cause) {
      startError.value = `${ticket.reference}: ${cause instanceof Error ? cause.message : 'the review could not be started.'}`;
    } finally {
      starting.value = null;
    }
  }

  return { starting, startError, review };
}
