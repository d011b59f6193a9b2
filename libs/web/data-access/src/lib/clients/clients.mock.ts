import type { ClientStaffing, ClientView, InboxView } from '@switchboard/shared-contracts';
import { mockRoute, onePage, type MockReply, type MockRouteOptions } from '../http/api-mock.util';

export function clientViewFixture(overrides: Partial<ClientView> = {}): ClientView {
  return {
    id: 'client-northwind',
    slug: 'northwind',
    name: 'Northwind Traders',
    brandColor: '#1d4ed8',
    timeZone: 'America/New_York',
    languages: ['en', 'es'],
    channels: ['chat', 'email', 'voice'],
    businessCalendar: {
      weekly: {
        mon: [{ start: '08:00', end: '20:00' }],
        tue: [{ start: '08:00', end: '20:00' }],
        wed: [{ start: '08:00', end: '20:00' }],
        thu: [{ start: '08:00', end: '20:00' }],
        fri: [{ start: '08:00', end: '18:00' }],
        sat: [{ start: '10:00', end: '14:00' }],
      },
      holidays: ['2025-12-25'],
    },
    piiPolicy: { email: 'partial', phone: 'hidden' },
    ...overrides,
  };
}

export function inboxFixture(overrides: Partial<InboxView> = {}): InboxView {
  return {
    id: 'inbox-northwind-chat',
    clientId: 'client-northwind',
    channel: 'chat',
    name: 'Website chat',
    address: 'wk_northwind_demo',
    ...overrides,
  };
}

export function staffingFixture(overrides: Partial<ClientStaffing> = {}): ClientStaffing {
  return { clientId: 'client-northwind', available: 3, signedIn: 4, rostered: 6, ...overrides };
}

const clientPath = (clientId: string) => `/api/clients/${encodeURIComponent(clientId)}`;

export const mockListClients = (reply: MockReply<ClientView[]>, options?: MockRouteOptions) =>
  mockRoute('GET', '/api/clients', onePage(reply), options);

export const mockGetClient = (clientId: string, reply: MockReply<ClientView>, options?: MockRouteOptions) =>
  mockRoute('GET', clientPath(clientId), reply, options);

export const mockListClientInboxes = (clientId: string, reply: MockReply<InboxView[]>, options?: MockRouteOptions) =>
  mockRoute('GET', `${clientPath(clientId)}/inboxes`, onePage(reply), options);

export const mockGetClientStaffing = (clientId: string, reply: MockReply<ClientStaffing>, options?: MockRouteOptions) =>
  mockRoute('GET', `${clientPath(clientId)}/staffing`, reply, options);
