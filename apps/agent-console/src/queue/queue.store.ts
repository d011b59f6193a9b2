import { defineStore } from 'pinia';
import { OPEN_TICKET_STATUSES } from '@switchboard/shared-contracts';
import { listTickets } from '@switchboard/web-data-access';
import { liveTicketList, type TicketListStatus } from '../tickets/live-ticket-list';

export type QueueStatus = TicketListStatus;

/** Open tickets of the lead's clients: loaded a page at a time, then kept current by `ticket.updated` events. */
export const useQueueStore = defineStore('queue', () => {
  const list = liveTicketList({ fetch: listTickets, belongs: (ticket) => OPEN_TICKET_STATUSES.includes(ticket.status), failure: 'The queue could not be loaded.' });
  const { tickets, status, error, count, hasMore, loadingMore, load, loadMore, refresh, applyTicket } = list;
  return { tickets, status, error, count, hasMore, loadingMore, load, loadMore, refresh, applyTicket, $reset: list.reset };
});
