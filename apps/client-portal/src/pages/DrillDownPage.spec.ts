import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  clientViewFixture,
  endSession,
  installApiMock,
  mockGetClient,
  mockGetReportTranscript,
  mockListClientInboxes,
  mockListReportTickets,
  reportTicketRowFixture,
  reportTranscriptFixture,
  seedSession,
  userFixture,
  type ApiMock,
} from '@switchboard/web-data-access';
import { renderComponent, within } from '@switchboard/web-ui';
import DrillDownPage from './DrillDownPage.vue';
import TranscriptPage from './TranscriptPage.vue';

const Empty = { render: () => null };
const routes = [
  { path: '/clients/:clientId', name: 'reports', component: Empty },
  { path: '/clients/:clientId/tickets/:kpi', name: 'drill-down', component: DrillDownPage },
  { path: '/clients/:clientId/transcripts/:ticketId', name: 'transcript', component: TranscriptPage },
];
const client = 'client-northwind';
const query = { from: '2026-11-01', to: '2026-11-30', groupKey: '2026-11-03#18' };

describe('DrillDownPage and TranscriptPage', () => {
  let api: ApiMock;

  beforeEach(() => {
    seedSession(userFixture({ role: 'client_viewer', clientId: client }));
    api = installApiMock(
      mockGetClient(client, clientViewFixture({ timeZone: 'America/New_York' })),
      mockListClientInboxes(client, []),
      mockListReportTickets(client, 'service_level', { ...query, limit: 50 }, {
        items: [reportTicketRowFixture(), reportTicketRowFixture({ ticketId: 'ticket-2', subject: null, outcome: 'abandoned', waitSeconds: 95, firstResponseSeconds: null, resolvedAt: null })],
        nextCursor: 'c2',
      }),
      mockListReportTickets(client, 'service_level', { ...query, cursor: 'c2', limit: 50 }, { items: [reportTicketRowFixture({ ticketId: 'ticket-3', subject: 'Third one' })], nextCursor: null }),
      mockListReportTickets(client, 'service_level', { ...query, outcome: 'abandoned', limit: 50 }, { items: [reportTicketRowFixture({ ticketId: 'ticket-2', subject: 'Only abandoned', outcome: 'abandoned' })], nextCursor: null }),
      mockGetReportTranscript(client, 'ticket-1', reportTranscriptFixture()),
    );
  });
  afterEach(() => {
    api.restore();
    endSession();
  });

  const render = () => renderComponent({ template: '<RouterView />' }, { routes, route: `/clients/${client}/tickets/service_level?from=${query.from}&to=${query.to}&groupKey=${encodeURIComponent(query.groupKey)}` });

  it('lists the tickets behind a heatmap cell in the client’s time, a page at a time', async () => {
    const view = await render();
    expect(view.getByRole('heading', { name: 'Tickets behind Service level' })).toBeTruthy();
    expect(view.getByText(/Tue 3 Nov, 09:00–09:30/)).toBeTruthy();
    const table = within(view.getByRole('table', { name: 'Tickets behind Service level' }));
    const first = within(table.getByRole('row', { name: /Where is my parcel/ }));
    expect(first.getByText('3 Nov, 09:05')).toBeTruthy(); // 14:05 UTC is 09:05 in New York
    expect(first.getByText('Answered within target')).toBeTruthy();
    expect(within(table.getByRole('row', { name: /Untitled conversation/ })).getByText('1m 35s')).toBeTruthy();
    expect(view.getByText('2 tickets shown, more to come')).toBeTruthy();

    await view.click(view.getByRole('button', { name: 'Show more' }));
    expect(table.getByText('Third one')).toBeTruthy();
    expect(view.getByText('3 tickets shown')).toBeTruthy();
    expect(view.queryByRole('button', { name: 'Show more' })).toBeNull();
  });

  it('filters by outcome', async () => {
    const view = await render();
    const select = view.getByLabelText('Show outcome') as HTMLSelectElement;
    select.value = 'abandoned';
    select.dispatchEvent(new Event('change'));
    await view.settle();
    await view.settle();
    expect(view.router.currentRoute.value.query['outcome']).toBe('abandoned');
    expect(view.getByText('Only abandoned')).toBeTruthy();
    expect(view.queryByText('Where is my parcel?')).toBeNull();
  });

  it('opens the masked transcript, and goes back to the same list', async () => {
    const view = await render();
    await view.click(view.getByRole('link', { name: 'Where is my parcel?' }));
    expect(await view.findByRole('heading', { name: 'Where is my parcel?' })).toBeTruthy();
    const conversation = within(view.getByRole('list', { name: 'Conversation' }));
    expect(conversation.getByText('My card **** **** **** 1111 was charged twice')).toBeTruthy();
    expect(conversation.getByText('Maria Santos')).toBeTruthy();
    expect(view.getByText(/Internal notes of the provider’s staff are not part of the transcript/)).toBeTruthy();
    await view.click(view.getByRole('link', { name: '← Back to the tickets' }));
    expect(view.router.currentRoute.value.query['groupKey']).toBe(query.groupKey);
  });
});
