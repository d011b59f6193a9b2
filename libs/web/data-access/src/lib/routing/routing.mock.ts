import type { QueueView } from '@switchboard/shared-contracts';
import { DEFAULT_QUEUE_SETTINGS } from '@switchboard/shared-domain';
import { mockRoute, type MockReply, type MockRouteOptions } from '../http/api-mock.util';

export function queueViewFixture(overrides: Partial<QueueView> = {}): QueueView {
  return {
    ...DEFAULT_QUEUE_SETTINGS,
    id: 'queue-1',
    clientId: 'client-globex',
    name: 'Web chat & social',
    channels: ['chat', 'social'],
    problems: [],
    createdAt: '2025-01-01T09:00:00.000Z',
    updatedAt: '2025-01-01T09:00:00.000Z',
    ...overrides,
  };
}

export const mockListQueues = (clientId: string, reply: MockReply<QueueView[]>, options?: MockRouteOptions) => mockRoute('GET', `/api/queues?clientId=${clientId}`, reply, options);
export const mockTransferTicket = (ticketId: string, reply: MockReply<{ ticketId: string }>, options?: MockRouteOptions) => mockRoute('POST', `/api/tickets/${ticketId}/transfer`, reply, options);
