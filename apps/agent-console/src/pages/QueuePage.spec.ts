import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  endSession,
  installApiMock,
  meResponseFixture,
  mockGetMe,
  mockListTickets,
  seedSession,
  ticketSummaryFixture,
  userFixture,
  useSessionStore,
  type ApiMock,
} from '@switchboard/web-data-access';
import { renderComponent, within } from '@switchboard/web-ui';
import { useQueueStore } from '../queue/queue.store';
import QueuePage from './QueuePage.vue';

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

describe('QueuePage', () => {
  let api: ApiMock;

  beforeEach(() => {
    seedSession(userFixture({ role: 'team_lead' }));
    api = installApiMock(
      mockGetMe(meResponseFixture()),
      mockListTickets([
        ticketSummaryFixture({
          id: 't1',
          reference: 'SB-1001',
          clientId: 'client-globex',
          contactName: 'Web visitor 3F9A',
          preview: 'Where is my order? <script>alert(1)</script> It was due on Monday and I still have nothing at all.',
          language: 'es',
          queuedAt: minutesAgo(4),
        }),
        ticketSummaryFixture({ id: 't2', reference: 'SB-1002', clientId: 'client-northwind', status: 'new', contactName: 'Lena Fischer', preview: 'Hallo', language: null, queuedAt: null }),
      ]),
    );
  });
  afterEach(() => {
    api.restore();
    endSession();
  });

  async function renderPage() {
    const view = await renderComponent(QueuePage, { routes: [{ path: '/', component: { render: () => null } }, { path: '/tickets/:ticketId', name: 'ticket', component: { render: () => null } }] });
    await useSessionStore().loadMe();
    await view.settle();
    return view;
  }

  it('lists each open ticket with its client, channel, status, contact, preview, waiting time and language', async () => {
    const view = await renderPage();

    const row = within(view.getByRole('row', { name: /SB-1001/ }));
    expect(row.getByText('Globex Retail')).toBeTruthy();
    expect(row.getByText('Chat')).toBeTruthy();
    expect(row.getByText('Queued')).toBeTruthy();
    expect(row.getByText('Web visitor 3F9A')).toBeTruthy();
    expect(row.getByText(/^Where is my order\? <script>alert\(1\)<\/script> It was due on Monday/)).toBeTruthy();
    expect(view.container.querySelector('table script')).toBeNull();
    expect(row.getByText(/^4m \d\ds$/)).toBeTruthy();
    expect(row.getByText('Spanish')).toBeTruthy();
    expect(row.getByRole('link', { name: 'Open SB-1001' }).getAttribute('href')).toBe('/tickets/t1');

    const other = within(view.getByRole('row', { name: /SB-1002/ }));
    expect(other.getByText('Northwind Traders')).toBeTruthy();
    expect(other.getByText('New')).toBeTruthy();
    expect(other.getByText('Lena Fischer')).toBeTruthy();
    expect(view.getByText(/2 open tickets\./)).toBeTruthy();
  });

  it('shows a ticket the moment ticket.updated brings it, without refetching', async () => {
    const view = await renderPage();

    useQueueStore().applyTicket(ticketSummaryFixture({ id: 't3', reference: 'SB-1003', createdAt: new Date().toISOString(), contactName: 'Omar Haddad', preview: 'Need a refund' }));
    await view.settle();

    const row = within(view.getByRole('row', { name: /SB-1003/ }));
    expect(row.getByText('Omar Haddad')).toBeTruthy();
    expect(row.getByText('Need a refund')).toBeTruthy();
    expect(api.callsTo('GET', '/api/tickets')).toHaveLength(1);
  });

  it('says when nothing is waiting', async () => {
    api.use(mockListTickets([]));
    const view = await renderPage();

    expect(view.getByText('No open tickets. New conversations appear here as they arrive.')).toBeTruthy();
  });
});
