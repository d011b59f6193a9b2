import type { ClientStaffing, ClientView, InboxView } from '@switchboard/shared-contracts';
import { apiRequest } from '../http/http-client.util';

/** `GET /api/clients`: the clients the caller may see. */
export function listClients(): Promise<ClientView[]> {
  return apiRequest<ClientView[]>('GET', '/api/clients');
}

/** `GET /api/clients/:clientId`. */
export function getClient(clientId: string): Promise<ClientView> {
  return apiRequest<ClientView>('GET', `/api/clients/${encodeURIComponent(clientId)}`);
}

/** `GET /api/clients/:clientId/inboxes`. */
export function listClientInboxes(clientId: string): Promise<InboxView[]> {
  return apiRequest<InboxView[]>('GET', `/api/clients/${encodeURIComponent(clientId)}/inboxes`);
}

/** `GET /api/clients/:clientId/staffing`: the live staffing tile's numbers. */
export function getClientStaffing(clientId: string): Promise<ClientStaffing> {
  return apiRequest<ClientStaffing>('GET', `/api/clients/${encodeURIComponent(clientId)}/staffing`);
}
