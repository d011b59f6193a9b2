import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { OPEN_TICKET_STATUSES, type TicketSummary } from '@switchboard/shared-contracts';
import { listTickets } from '@switchboard/web-data-access';

export type QueueStatus = 'idle' | 'loading' | 'ready' | 'error';

/** The list's order, the API's too: oldest first. */
const oldestFirst = (a: TicketSummary, b: TicketSummary) =>
  Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.reference.localeCompare(b.reference, 'en', { numeric: true });

const isOpen = (ticket: TicketSummary) => OPEN_TICKET_STATUSES.includes(ticket.status);

/** Open tickets of the lead's clients: loaded once, then kept current by `ticket.updated` events. */
export const useQueueStore = defineStore('queue', () => {
  const tickets = shallowRef<TicketSummary[]>([]);
  const status = ref<QueueStatus>('idle');
  const error = ref<string | null>(null);
  /** Events that arrive while a load is under way, replayed on top of its answer so none is lost. */
  let arrivedDuringLoad: TicketSummary[] | null = null;

  const count = computed(() => tickets.value.length);

  async function load(): Promise<void> {
    if (status.value !== 'ready') status.value = 'loading';
    error.value = null;
    const arrived: TicketSummary[] = [];
    arrivedDuringLoad = arrived;
    try {
      const loaded = await listTickets();
      if (arrivedDuringLoad !== arrived) return; // a newer load (or a reset) owns the list now
      tickets.value = arrived.reduce(upserted, loaded.filter(isOpen).sort(oldestFirst));
      status.value = 'ready';
    } catch (cause) {
      if (arrivedDuringLoad !== arrived) return;
      error.value = cause instanceof Error ? cause.message : 'The queue could not be loaded.';
      if (status.value !== 'ready') status.value = 'error';
    } finally {
      if (arrivedDuringLoad === arrived) arrivedDuringLoad = null;
    }
  }

  /** After a reconnect: refetch everything, but only if the queue was in use. */
  async function refresh(): Promise<void> {
    if (status.value === 'ready' || status.value === 'error') await load();
  }

  /** `ticket.updated`: adds or replaces the ticket by id; one that is no longer open leaves the list. */
  function applyTicket(ticket: TicketSummary): void {
    arrivedDuringLoad?.push(ticket);
    if (status.value === 'ready') tickets.value = upserted(tickets.value, ticket);
  }

  function $reset(): void {
    tickets.value = [];
    status.value = 'idle';
    error.value = null;
    arrivedDuringLoad = null;
  }

  return { tickets, status, error, count, load, refresh, applyTicket, $reset };
});

function upserted(list: TicketSummary[], ticket: TicketSummary): TicketSummary[] {
  const others = list.filter((candidate) => candidate.id !== ticket.id);
  return isOpen(ticket) ? [...others, ticket].sort(oldestFirst) : others;
}
