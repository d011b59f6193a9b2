import type { CannedResponseView, DispositionView, PlaybookView } from '@switchboard/shared-contracts';
import { mockRoute, onePage, type MockReply, type MockRouteOptions } from '../http/api-mock.util';

export function cannedResponseFixture(overrides: Partial<CannedResponseView> = {}): CannedResponseView {
  return { id: 'canned-1', clientId: 'client-globex', shortcut: 'greet', title: 'Greeting', body: 'Hi {{contact.firstName}}, I am {{agent.firstName}}.', updatedAt: '2025-01-01T09:00:00.000Z', ...overrides };
}

export function dispositionFixture(overrides: Partial<DispositionView> = {}): DispositionView {
  return { id: 'disposition-1', clientId: 'client-globex', code: 'order_status', label: 'Order status given', active: true, ...overrides };
}

export function playbookFixture(overrides: Partial<PlaybookView> = {}): PlaybookView {
  return {
    clientId: 'client-globex',
    greeting: 'Hi {{contact.firstName}}, thanks for contacting {{client.name}}! I am {{agent.firstName}}.',
    script: 'Ask for the order number.\nCheck it in the order lookup.',
    dos: ['Keep replies short'],
    donts: ['Never ask for card numbers'],
    links: [{ label: 'Returns policy', url: 'https://globex.example/help/returns' }],
    updatedAt: '2025-01-01T09:00:00.000Z',
    updatedByName: 'Avery Admin',
    ...overrides,
  };
}

export const mockListCannedResponses = (clientId: string, reply: MockReply<CannedResponseView[]>, options?: MockRouteOptions) => mockRoute('GET', `/api/clients/${clientId}/canned-responses`, onePage(reply), options);
export const mockCreateCannedResponse = (clientId: string, reply: MockReply<CannedResponseView>, options?: MockRouteOptions) => mockRoute('POST', `/api/clients/${clientId}/canned-responses`, reply, options);
export const mockUpdateCannedResponse = (id: string, reply: MockReply<CannedResponseView>, options?: MockRouteOptions) => mockRoute('PUT', `/api/canned-responses/${id}`, reply, options);
export const mockDeleteCannedResponse = (id: string, reply: MockReply<void>, options?: MockRouteOptions) => mockRoute('DELETE', `/api/canned-responses/${id}`, reply, options);
export const mockListDispositions = (clientId: string, reply: MockReply<DispositionView[]>, options?: MockRouteOptions) => mockRoute('GET', `/api/clients/${clientId}/dispositions`, onePage(reply), options);
export const mockCreateDisposition = (clientId: string, reply: MockReply<DispositionView>, options?: MockRouteOptions) => mockRoute('POST', `/api/clients/${clientId}/dispositions`, reply, options);
export const mockUpdateDisposition = (id: string, reply: MockReply<DispositionView>, options?: MockRouteOptions) => mockRoute('PATCH', `/api/dispositions/${id}`, reply, options);
export const mockGetPlaybook = (clientId: string, reply: MockReply<PlaybookView>, options?: MockRouteOptions) => mockRoute('GET', `/api/clients/${clientId}/playbook`, reply, options);
export const mockSavePlaybook = (clientId: string, reply: MockReply<PlaybookView>, options?: MockRouteOptions) => mockRoute('PUT', `/api/clients/${clientId}/playbook`, reply, options);
