import { computed, ref, shallowRef } from 'vue';
import type { Page, TicketSummary } from '@switchboard/shared-contracts';

export type TicketListStatus = 'idle' | 'loading' | 'ready' | 'error';

const numberOf = (ticket: TicketSummary) => Number(ticket.reference.replace(/\D/g, ''));

/** The lists' order: oldest first. (The API pages by ticket number, which follows creation.) */
export const oldestFirst = (a: TicketSummary, b: TicketSummary) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || numberOf(a) - numberOf(b);

/**
 * A list of tickets loaded a page at a time, then kept current by `ticket.updated` events: the state
 * of the leads' queue and of an agent's inbox. `belongs` says which tickets the list shows; a ticket
 * that stops belonging leaves it. While older pages are still to load, a live ticket past the last
 * one loaded waits for its page (the list never shows a gap). Events that arrive while a load is
 * under way are replayed on top of its answer, so none is lost.
 */
export function liveTicketList(options: { fetch: (after: string | null) => Promise<Page<TicketSummary>>; belongs: (ticket: TicketSummary) => boolean; failure: string }) {
  const tickets = shallowRef<TicketSummary[]>([]);
  const status = ref<TicketListStatus>('idle');
  const error = ref<string | null>(null);
  const nextCursor = ref<string | null>(null);
  const loadingMore = ref(false);
  /** The number of the last ticket the pages brought; past it, the next page decides. */
  let loadedThrough = Number.POSITIVE_INFINITY;
  let pagesLoaded = 0;
  let arrivedDuringLoad: TicketSummary[] | null = null;

  const count = computed(() => tickets.value.length);
  const hasMore = computed(() => nextCursor.value !== null);

  const upserted = (list: TicketSummary[], ticket: TicketSummary): TicketSummary[] => {
    const others = list.filter((candidate) => candidate.id !== ticket.id);
    return options.belongs(ticket) && numberOf(ticket) <= loadedThrough ? [...others, ticket].sort(oldestFirst) : others;
  };

  /** Loads the first `pages` pages afresh (one by default; after a reconnect, as many as were shown). */
  async function load(pages = 1): Promise<void> {
    if (status.value !== 'ready') status.value = 'loading';
    error.value = null;
    const arrived: TicketSummary[] = [];
    arrivedDuringLoad = arrived;
    try {
      const loaded: TicketSummary[] = [];
      let after: string | null = null;
      let read = 0;
      do {
        const page: Page<TicketSummary> = await options.fetch(after);
        loaded.push(...page.items);
        after = page.nextCursor;
        read += 1;
      } while (after && read < pages);
      if (arrivedDuringLoad !== arrived) return; // a newer load (or a reset) owns the list now
      pagesLoaded = read;
      nextCursor.value = after;
      loadedThrough = after && loaded.length ? numberOf(loaded[loaded.length - 1]) : Number.POSITIVE_INFINITY;
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

  /** The next page, added below what is shown. */
  async function loadMore(): Promise<void> {
    const after = nextCursor.value;
    if (!after || loadingMore.value || status.value !== 'ready') return;
    loadingMore.value = true;
    error.value = null;
    try {
      const page = await options.fetch(after);
      if (nextCursor.value !== after) return; // a reload replaced the list meanwhile
      pagesLoaded += 1;
      nextCursor.value = page.nextCursor;
      loadedThrough = page.nextCursor && page.items.length ? numberOf(page.items[page.items.length - 1]) : Number.POSITIVE_INFINITY;
      tickets.value = page.items.reduce(upserted, tickets.value);
    } catch (cause) {
      error.value = cause instanceof Error ? cause.message : options.failure;
    } finally {
      loadingMore.value = false;
    }
  }

  /** After a reconnect: refetch what was shown, but only if the list was in use. */
  async function refresh(): Promise<void> {
    if (status.value === 'ready' || status.value === 'error') await load(Math.max(1, pagesLoaded));
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
    nextCursor.value = null;
    loadingMore.value = false;
    loadedThrough = Number.POSITIVE_INFINITY;
    pagesLoaded = 0;
    arrivedDuringLoad = null;
  }

  return { tickets, status, error, count, hasMore, loadingMore, load, loadMore, refresh, applyTicket, removeTicket, reset };
}
