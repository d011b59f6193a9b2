import { computed, ref, shallowRef } from 'vue';
import type { TicketSummary } from '@switchboard/shared-contracts';

export type TicketListStatus = 'idle' | 'loading' | 'ready' | 'error';

/** The lists' order, the API's too: oldest first. */
export const oldestFirst = (a: TicketSummary, b: TicketSummary) =>
  Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.reference.localeCompare(b.reference, 'en', { numeric: true });

/**
 * A list of tickets loaded once, then kept current by `ticket.updated` events: the state of the
 * leads' queue and of an agent's inbox. `belongs` says which tickets the list shows; a ticket that
 * stops belonging leaves it. Events that arrive while a load is under way are replayed on top of its
 * answer, so none is lost.
 */
export function liveTicketList(options: { fetch: () => Promise<TicketSummary[]>; belongs: (ticket: TicketSummary) => boolean; failure: string }) {
  const tickets = shallowRef<TicketSummary[]>([]);
  const status = ref<TicketListStatus>('idle');
  const error = ref<string | null>(null);
  let arrivedDuringLoad: TicketSummary[] | null = null;

  const count = computed(() => tickets.value.length);

  const upserted = (list: TicketSummary[], ticket: TicketSummary): TicketSummary[] => {
    const others = list.filter((candidate) => candidate.id !== ticket.id);
    return options.belongs(ticket) ? [...others, ticket].sort(oldestFirst) : others;
  };

  async function load(): Promise<void> {
    if (status.value !== 'ready') status.value = 'loading';
    error.value = null;
    const arrived: TicketSummary[] = [];
    arrivedDuringLoad = arrived;
    try {
      const loaded = await options.fetch();
      if (arrivedDuringLoad !== arrived) return; // a newer load (or a reset) owns the list now
      tickets.value = arrived.reduce(upserted, loaded.filter(options.belongs).sort(oldestFirst));
      status.value = 'ready';
    } catch (cause) {
      if (arrivedDuringLoad !== arrived) return;
      error.value = cause instanceof Error ? cause.message : options.failure;
      if (status.value !== 'ready') status.value = 'error';
    } finally {
      if (arrivedDuringLoad === arrived) arrivedDuringLoad = null;
    }
  }

  /** After a reconnect: refetch everything, but only if the list was in use. */
  async function refresh(): Promise<void> {
    if (status.value === 'ready' || status.value === 'error') await load();
  }

  /** `ticket.updated`: adds or replaces the ticket by id; one that no longer belongs leaves the list. */
  function applyTicket(ticket: TicketSummary): void {
    arrivedDuringLoad?.push(ticket);
    if (status.value === 'ready') tickets.value = upserted(tickets.value, ticket);
  }

  /** A ticket left without an update the list could read (e.g. reassigned to someone else). */
  function removeTicket(ticketId: string): void {
    if (arrivedDuringLoad) arrivedDuringLoad = arrivedDuringLoad.filter((ticket) => ticket.id !== ticketId);
    tickets.value = tickets.value.filter((ticket) => ticket.id !== ticketId);
  }

  function reset(): void {
    tickets.value = [];
    status.value = 'idle';
    error.value = null;
    arrivedDuringLoad = null;
  }

  return { tickets, status, error, count, load, refresh, applyTicket, removeTicket, reset };
}
