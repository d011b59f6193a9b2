import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  clientRefFixture,
  endSession,
  installApiMock,
  mockGetPresenceBoard,
  mockGetQueueStats,
  queueStatsFixture,
  type ApiMock,
} from '@switchboard/web-data-access';
import { renderComponent, within } from '@switchboard/web-ui';
import QueueStatsTable from './QueueStatsTable.vue';
import { useBoardStore } from './board.store';

const northwind = clientRefFixture();
const globex = clientRefFixture({ id: 'client-globex', slug: 'globex', name: 'Globex Retail', brandColor: '#e11d48' });
const clientsById = new Map([northwind, globex].map((client) => [client.id, client]));

describe('QueueStatsTable', () => {
  let api: ApiMock;

  beforeEach(() => {
    api = installApiMock(
      mockGetPresenceBoard([]),
      mockGetQueueStats([
        queueStatsFixture({ queueId: 'q-chat', clientId: 'client-globex', name: 'Chat', waiting: 0, serviceLevelToday: 92.5, answeredToday: 40, abandonedToday: 2, agentsReady: 3 }),
        queueStatsFixture({ queueId: 'q-returns', clientId: 'client-northwind', name: 'Returns', waiting: 4, longestWaitSeconds: 185, atRisk: 2, serviceLevelToday: null, agentsReady: 0 }),
      ]),
    );
  });
  afterEach(() => {
    api.restore();
    endSession();
  });

  it('lists queues at risk first, with waiting, longest wait, service level and agents ready', async () => {
    const view = await renderComponent(QueueStatsTable, { props: { clientsById } });
    await useBoardStore().load();
    await view.settle();

    const rows = view.getAllByRole('row').slice(1);
    expect(rows.map((row) => row.querySelector('td')?.textContent?.trim())).toEqual(['Northwind TradersReturns', 'Globex RetailChat']);
    const returns = within(rows[0]);
    expect(returns.getByText('4')).toBeTruthy();
    expect(returns.getByText('3m 05s')).toBeTruthy();
    expect(returns.getByText('2').tagName).toBe('STRONG');
    expect(returns.getByText('—')).toBeTruthy();
    expect(within(rows[1]).getByText('92.5 %')).toBeTruthy();
  });

  it('takes a client’s pushed numbers in place of the old ones', async () => {
    const view = await renderComponent(QueueStatsTable, { props: { clientsById } });
    await useBoardStore().load();
    useBoardStore().applyQueueStats([queueStatsFixture({ queueId: 'q-chat', clientId: 'client-globex', name: 'Chat', waiting: 7, longestWaitSeconds: 30, atRisk: 5, serviceLevelToday: 80, agentsReady: 1 })]);
    await view.settle();

    const chat = within(view.getAllByRole('row')[1]);
    expect(chat.getByText('Chat')).toBeTruthy();
    expect(chat.getByText('7')).toBeTruthy();
    expect(chat.getByText('80 %')).toBeTruthy();
    expect(view.getAllByRole('row')).toHaveLength(3);
  });
});
