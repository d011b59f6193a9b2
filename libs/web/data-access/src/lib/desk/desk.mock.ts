import type { CannedResponseView, DispositionView } from '@switchboard/shared-contracts';
import { mockRoute, type MockReply, type MockRouteOptions } from '../http/api-mock.util';

export function cannedResponseFixture(overrides: Partial<CannedResponseView> = {}): CannedResponseView {
  return { id: 'canned-1', clientId: 'client-globex', shortcut: 'greet', title: 'Greeting', body: 'Hi {{contact.firstName}}, I am {{agent.firstName}}.', updatedAt: '2025-01-01T09:00:00.000Z', ...overrides };
}

export function dispositionFixture(overrides: Partial<DispositionView> = {}): DispositionView {
  return { id: 'disposition-1', clientId: 'client-globex', code: 'order_status', label: 'Order status given', active: true, ...overrides };
}

export const mockListCannedResponses = (clientId: string, reply: MockReply<CannedResponseView[]>, options?: MockRouteOptions) => mockRoute('GET', `/api/clients/${clientId}/canned-responses`, reply, options);
export const mockListDispositions = (clientId: string, reply: MockReply<DispositionView[]>, options?: MockRouteOptions) => mockRoute('GET', `/api/clients/${clientId}/dispositions`, reply, options);
