import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import type { TicketSummary } from '@switchboard/shared-contracts';
import {
  endSession,
  installApiMock,
  meResponseFixture,
  messageViewFixture,
  mockGetMe,
  mockListMyTickets,
  seedSession,
  ticketSummaryFixture,
  useSessionStore,
  userFixture,
  type ApiMock,
} from '@switchboard/web-data-access';
import { useMyTicketsStore } from './my-tickets.store';

const ME = 'user-agent-1';
const mine = (overrides: Partial<TicketSummary>) => ticketSummaryFixture({ status: 'assigned', assigneeId: ME, ...overrides });
const globexOld = mine({ id: 'g1', clientId: 'client-globex', createdAt: '2025-01-01T08:00:00.000Z' });
const northwind = mine({ id: 'n1', clientId: 'client-northwind', createdAt: '2025-01-01T09:00:00.000Z' });
const globexPending = mine({ id: 'g2', clientId: 'client-globex', status: 'pending', createdAt: '2025-01-01T10:00:00.000Z' });
const ids = (tickets: TicketSummary[]) => tickets.map((ticket) => ticket.id);

describe('useMyTicketsStore', () => {
  let api: ApiMock;

  beforeEach(async () => {
    setActivePinia(createPinia());
    seedSession(userFixture({ id: ME }));
    api = installApiMock(mockGetMe(meResponseFixture()), mockListMyTickets([northwind, globexPending, globexOld]));
    await useSessionStore().loadMe();
  });
  afterEach(() => {
    api.restore();
    endSession();
  });

  it('groups my tickets by client, the client that has waited longest first, each under its name and colour', async () => {
    const inbox = useMyTicketsStore();
    await inbox.load();

    expect(api.callsTo('GET', '/api/tickets?assignee=me')).toHaveLength(1);
    expect(inbox.groups.map((group) => [group.client?.name, group.client?.brandColor, ids(group.tickets)])).toEqual([
      ['Globex Retail', '#e11d48', ['g1', 'g2']],
      ['Northwind Traders', '#1d4ed8', ['n1']],
    ]);
  });

  it('filters by status and counts each filter', async () => {
    const inbox = useMyTicketsStore();
    await inbox.load();

    inbox.filter = 'pending';
    expect(ids(inbox.shown)).toEqual(['g2']);
    expect(inbox.countsByFilter).toEqual({ open: 3, assigned: 2, pending: 1 });
  });

  it('takes in a ticket assigned to me, and lets go of one resolved, reassigned or taken back to the queue', async () => {
    const inbox = useMyTicketsStore();
    await inbox.load();

    inbox.applyTicket(mine({ id: 'n2', clientId: 'client-northwind', createdAt: '2025-01-01T11:00:00.000Z' }));
    inbox.applyTicket({ ...northwind, status: 'resolved' });
    inbox.applyTicket({ ...globexOld, assigneeId: 'someone-else' });
    inbox.applyTakenAway('g2');
    inbox.applyTicket(ticketSummaryFixture({ id: 'q1', status: 'queued', assigneeId: null }));

    expect(ids(inbox.tickets)).toEqual(['n2']);
  });

  it('counts customer messages as unread except on the ticket open in the workspace, and clears them when it opens', async () => {
    const inbox = useMyTicketsStore();
    await inbox.load();
    inbox.setOpenTicket('n1');

    inbox.applyMessage(messageViewFixture({ id: 'm1', ticketId: 'g1' }));
    inbox.applyMessage(messageViewFixture({ id: 'm2', ticketId: 'g1' }));
    inbox.applyMessage(messageViewFixture({ id: 'm2', ticketId: 'g1' })); // heard again after a reconnect
    inbox.applyMessage(messageViewFixture({ id: 'm3', ticketId: 'n1' }));
    inbox.applyMessage(messageViewFixture({ id: 'm4', ticketId: 'g1', direction: 'outbound' }));
    inbox.applyMessage(messageViewFixture({ id: 'm5', ticketId: 'not-mine' }));

    expect([...inbox.unread]).toEqual([['g1', 2]]);
    expect(inbox.totalUnread).toBe(2);
    inbox.setOpenTicket('g1');
    expect(inbox.totalUnread).toBe(0);
  });
});
