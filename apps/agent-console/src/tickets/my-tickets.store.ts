import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { OPEN_TICKET_STATUSES, type ClientRef, type MessageView, type TicketStatus, type TicketSummary } from '@switchboard/shared-contracts';
import { listMyTickets, useSessionStore } from '@switchboard/web-data-access';
import { liveTicketList } from './live-ticket-list';

/** The inbox's status filter: everything open, or only what waits on the agent, or on the customer. */
export const INBOX_FILTERS = ['open', 'assigned', 'pending'] as const;
export type InboxFilter = (typeof INBOX_FILTERS)[number];

const FILTER_STATUSES: Record<InboxFilter, readonly TicketStatus[]> = {
  open: OPEN_TICKET_STATUSES,
  assigned: ['assigned'],
  pending: ['pending'],
};

/** One client's tickets in the inbox, under the client's name and colour. */
export interface InboxGroup {
  clientId: string;
  client: ClientRef | null;
  tickets: TicketSummary[];
}

/**
 * The signed-in agent's own open tickets, grouped by client, with unread customer messages counted
 * for every ticket but the one open in the workspace. Kept current by `ticket.updated` (which the
 * assignee hears), `ticket.requeued` (a ticket taken away) and `message.created`.
 */
export const useMyTicketsStore = defineStore('myTickets', () => {
  const session = useSessionStore();
  const isMine = (ticket: TicketSummary) => ticket.assigneeId !== null && ticket.assigneeId === session.user?.id && OPEN_TICKET_STATUSES.includes(ticket.status);
  const list = liveTicketList({ fetch: listMyTickets, belongs: isMine, failure: 'Your tickets could not be loaded.' });

  const filter = ref<InboxFilter>('open');
  /** Customer messages not yet seen, by ticket (by id: a message heard twice counts once). */
  const unreadIds = shallowRef<ReadonlyMap<string, ReadonlySet<string>>>(new Map());
  const unread = computed<ReadonlyMap<string, number>>(() => new Map([...unreadIds.value].map(([ticketId, messages]) => [ticketId, messages.size])));
  /** The ticket open in the workspace: its messages are read as they arrive. */
  const openTicketId = ref<string | null>(null);

  const shown = computed(() => list.tickets.value.filter((ticket) => FILTER_STATUSES[filter.value].includes(ticket.status)));
  const countsByFilter = computed(() => Object.fromEntries(INBOX_FILTERS.map((key) => [key, list.tickets.value.filter((ticket) => FILTER_STATUSES[key].includes(ticket.status)).length])) as Record<InboxFilter, number>);

  /** Groups in the order of their oldest ticket (the client that has waited longest comes first). */
  const groups = computed<InboxGroup[]>(() => {
    const byClient = new Map<string, InboxGroup>();
    for (const ticket of shown.value) {
      const group = byClient.get(ticket.clientId) ?? { clientId: ticket.clientId, client: session.clientsById.get(ticket.clientId) ?? null, tickets: [] };
      group.tickets.push(ticket);
      byClient.set(ticket.clientId, group);
    }
    return [...byClient.values()];
  });

  const totalUnread = computed(() => [...unread.value.values()].reduce((sum, n) => sum + n, 0));

  function applyTicket(ticket: TicketSummary): void {
    list.applyTicket(ticket);
    if (!isMine(ticket)) forget(ticket.id);
  }

  /** `ticket.requeued` naming this agent: the ticket went back to its queue or to a colleague. */
  function applyTakenAway(ticketId: string): void {
    list.removeTicket(ticketId);
    forget(ticketId);
  }

  /** `message.created`: a customer message on one of my tickets that is not on screen is unread. */
  function applyMessage(message: MessageView): void {
    if (message.direction !== 'inbound' || message.ticketId === openTicketId.value) return;
    if (!list.tickets.value.some((ticket) => ticket.id === message.ticketId)) return;
    const seen = new Set(unreadIds.value.get(message.ticketId)).add(message.id);
    unreadIds.value = new Map(unreadIds.value).set(message.ticketId, seen);
  }

  /** The workspace shows this ticket now (null: none): its unread count clears. */
  function setOpenTicket(ticketId: string | null): void {
    openTicketId.value = ticketId;
    if (ticketId) forget(ticketId);
  }

  function forget(ticketId: string): void {
    if (!unreadIds.value.has(ticketId)) return;
    const next = new Map(unreadIds.value);
    next.delete(ticketId);
    unreadIds.value = next;
  }

  function $reset(): void {
    list.reset();
    filter.value = 'open';
    unreadIds.value = new Map();
    openTicketId.value = null;
  }

  return {
    tickets: list.tickets,
    status: list.status,
    error: list.error,
    count: list.count,
    hasMore: list.hasMore,
    loadingMore: list.loadingMore,
    filter,
    unread,
    openTicketId,
    shown,
    countsByFilter,
    groups,
    totalUnread,
    load: list.load,
    loadMore: list.loadMore,
    refresh: list.refresh,
    applyTicket,
    applyTakenAway,
    applyMessage,
    setOpenTicket,
    $reset,
  };
});
