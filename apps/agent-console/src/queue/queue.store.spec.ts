import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import type { TicketSummary } from '@switchboard/shared-contracts';
import { installApiMock, mockListTickets, mockListTicketsPage, seedSession, endSession, ticketSummaryFixture, userFixture, type ApiMock } from '@switchboard/web-data-access';
import { useQueueStore } from './queue.store';

const first = ticketSummaryFixture({ id: 't1', reference: 'SB-1001', createdAt: '2025-01-01T09:00:00.000Z', contactName: 'Ana' });
const second = ticketSummaryFixture({ id: 't2', reference: 'SB-1002', createdAt: '2025-01-01T09:05:00.000Z', contactName: 'Ben' });
const ids = (tickets: TicketSummary[]) => tickets.map((ticket) => ticket.id);

describe('useQueueStore', () => {
  let api: ApiMock;

  beforeEach(() => {
    setActivePinia(createPinia());
    seedSession(userFixture({ role: 'team_lead' }));
    api = installApiMock(mockListTickets([first, second]));
  });
  afterEach(() => {
    api.restore();
    endSession();
  });

  it('upserts ticket.updated by id: changes in place, new tickets at their place, oldest first', async () => {
    const queue = useQueueStore();
    await queue.load();

    queue.applyTicket({ ...first, status: 'assigned', preview: 'Any news?' });
    queue.applyTicket(ticketSummaryFixture({ id: 't0', reference: 'SB-1000', createdAt: '2025-01-01T08:00:00.000Z' }));
    queue.applyTicket(ticketSummaryFixture({ id: 't3', reference: 'SB-1003', createdAt: '2025-01-01T10:00:00.000Z' }));

    expect(ids(queue.tickets)).toEqual(['t0', 't1', 't2', 't3']);
    expect(queue.tickets[1]).toMatchObject({ status: 'assigned', preview: 'Any news?' });
  });

  it('drops a ticket that is no longer open', async () => {
    const queue = useQueueStore();
    await queue.load();

    queue.applyTicket({ ...first, status: 'resolved' });

    expect(ids(queue.tickets)).toEqual(['t2']);
  });

  it('keeps an update that arrives while the list is loading', async () => {
    const queue = useQueueStore();
    const loading = queue.load();
    queue.applyTicket({ ...second, contactName: 'Ben Carter' });
    queue.applyTicket(ticketSummaryFixture({ id: 't3', createdAt: '2025-01-01T10:00:00.000Z' }));
    await loading;

    expect(ids(queue.tickets)).toEqual(['t1', 't2', 't3']);
    expect(queue.tickets[1].contactName).toBe('Ben Carter');
  });

  it('ignores updates until the queue is in use, and refreshes only then', async () => {
    const queue = useQueueStore();
    queue.applyTicket(first);
    await queue.refresh();

    expect(queue.tickets).toEqual([]);
    expect(api.callsTo('GET', '/api/tickets')).toHaveLength(0);
  });

  it('loads a page at a time; a live ticket past the last one loaded waits for its page', async () => {
    const third = ticketSummaryFixture({ id: 't3', reference: 'SB-1003', createdAt: '2025-01-01T09:10:00.000Z' });
    const fourth = ticketSummaryFixture({ id: 't4', reference: 'SB-1004', createdAt: '2025-01-01T09:15:00.000Z' });
    api.use(mockListTicketsPage(null, { items: [first, second], nextCursor: 'c2' }), mockListTicketsPage('c2', { items: [third, fourth], nextCursor: null }));
    const queue = useQueueStore();
    await queue.load();
    expect([ids(queue.tickets), queue.hasMore]).toEqual([['t1', 't2'], true]);

    // SB-1004 changes before its page is shown: it is not shown out of order, and arrives with its page.
    queue.applyTicket({ ...fourth, preview: 'Hello again' });
    queue.applyTicket({ ...second, preview: 'Still waiting' });
    expect(ids(queue.tickets)).toEqual(['t1', 't2']);

    await queue.loadMore();
    expect([ids(queue.tickets), queue.hasMore]).toEqual([['t1', 't2', 't3', 't4'], false]);
    expect(queue.tickets[1].preview).toBe('Still waiting');
    // With every page shown, a brand-new ticket joins at once.
    queue.applyTicket(ticketSummaryFixture({ id: 't5', reference: 'SB-1005', createdAt: '2025-01-01T09:20:00.000Z' }));
    expect(ids(queue.tickets)).toEqual(['t1', 't2', 't3', 't4', 't5']);

    // After a reconnect, as many pages as were shown come back.
    await queue.refresh();
    expect(ids(queue.tickets)).toEqual(['t1', 't2', 't3', 't4']);
    expect(api.callsTo('GET', '/api/tickets?after=c2')).toHaveLength(2);
  });
});
