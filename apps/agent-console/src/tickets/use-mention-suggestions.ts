import { ref, shallowRef, watch, type Ref } from 'vue';
import type { Colleague } from '@switchboard/shared-contracts';
import { mentionQuery } from '@switchboard/shared-domain';
import { findColleagues } from '@switchboard/web-data-access';
import type { useTicketWorkspaceStore } from './ticket-workspace.store';

/** Keys typed within this long make one lookup. */
const LOOKUP_DELAY_MS = 150;

/**
 * The `@` list of an internal note: while the draft ends in `@` and part of a name, the colleagues
 * serving the ticket's client whose name matches (asked of the API, a little after typing stops).
 * Escape closes it for that `@`.
 */
export function useMentionSuggestions(workspace: ReturnType<typeof useTicketWorkspaceStore>, dismissedFor: Ref<string | null>) {
  const colleagues = shallowRef<Colleague[]>([]);
  const highlighted = ref(0);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let asked = 0;

  watch(
    () => [workspace.kind, workspace.draft, workspace.ticketId] as const,
    ([kind, draft, ticketId]) => {
      clearTimeout(timer);
      const query = kind === 'note' && ticketId && dismissedFor.value !== draft ? mentionQuery(draft, workspace.mentioned.map((colleague) => colleague.name)) : null;
      if (query === null || !ticketId) {
        colleagues.value = [];
        return;
      }
      const ask = ++asked;
      timer = setTimeout(async () => {
        try {
          const found = await findColleagues(ticketId, query.trim());
          if (ask === asked) {
            colleagues.value = found;
            highlighted.value = 0;
          }
        } catch {
          if (ask === asked) colleagues.value = []; // the note can still be written and sent without mentions
        }
      }, LOOKUP_DELAY_MS);
    },
  );

  function choose(colleague: Colleague): void {
    workspace.chooseMention(colleague);
    colleagues.value = [];
  }

  return { colleagues, highlighted, choose };
}
