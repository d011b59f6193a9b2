import type { ClientChangeRequest, ClientCreateRequest, ClientStaffing, ClientView, InboxAdminView, InboxChangeRequest, InboxCreateRequest, InboxView, Page } from '@switchboard/shared-contracts';
import { afterQuery, allPages, apiRequest } from '../http/http-client.util';

/** `GET /api/clients`: a page of the clients the caller may see, by name; `q` searches name and slug. */
export function listClientsPage(after: string | null = null, q = ''): Promise<Page<ClientView>> {
  const query = [q ? `q=${encodeURIComponent(q)}` : '', after ? `after=${encodeURIComponent(after)}` : ''].filter(Boolean).join('&');
  return apiRequest<Page<ClientView>>('GET', `/api/clients${query ? `?${query}` : ''}`);
}

/** Every client the caller may see, page after page. */
export function listClients(): Promise<ClientView[]> {
  return allPages((after) => listClientsPage(after));
}

/** `POST /api/clients` (admins). */
export function createClient(request: ClientCreateRequest): Promise<ClientView> {
  return apiRequest<ClientView>('POST', '/api/clients', request);
}

/** `PATCH /api/clients/:clientId` (admins): only the settings given change. */
export function updateClient(clientId: string, change: ClientChangeRequest): Promise<ClientView> {
  return apiRequest<ClientView>('PATCH', `/api/clients/${encodeURIComponent(clientId)}`, change);
}

/** `GET /api/clients/:clientId`. */
export function getClient(clientId: string): Promise<ClientView> {
  return apiRequest<ClientView>('GET', `/api/clients/${encodeURIComponent(clientId)}`);
}

/** `GET /api/clients/:clientId/inboxes`: a page, by channel and name (admins get `InboxAdminView`s: ask for that type). */
export function listClientInboxesPage<T extends InboxView = InboxView>(clientId: string, after: string | null = null): Promise<Page<T>> {
  return apiRequest<Page<T>>('GET', `/api/clients/${encodeURIComponent(clientId)}/inboxes${afterQuery(after)}`);
}

/** Every inbox of the client. */
export function listClientInboxes(clientId: string): Promise<InboxView[]> {
  return allPages((after) => listClientInboxesPage(clientId, after));
}

/** `POST /api/clients/:clientId/inboxes` (admins): a chat inbox gets its widget key from the server. */
export function createInbox(clientId: string, request: InboxCreateRequest): Promise<InboxAdminView> {
  return apiRequest<InboxAdminView>('POST', `/api/clients/${encodeURIComponent(clientId)}/inboxes`, request);
}

/** `PATCH /api/inboxes/:inboxId` (admins). */
export function updateInbox(inboxId: string, change: InboxChangeRequest): Promise<InboxAdminView> {
  return apiRequest<InboxAdminView>('PATCH', `/api/inboxes/${encodeURIComponent(inboxId)}`, change);
}

/** `DELETE /api/inboxes/:inboxId` (admins): only an inbox that never received a ticket. */
export function deleteInbox(inboxId: string): Promise<void> {
  return apiRequest<void>('DELETE', `/api/inboxes/${encodeURIComponent(inboxId)}`);
}

/** `GET /api/clients/:clientId/staffing`: the live staffing tile's numbers. */
export function getClientStaffing(clientId: string): Promise<ClientStaffing> {
  return apiRequest<ClientStaffing>('GET', `/api/clients/${encodeURIComponent(clientId)}/staffing`);
}
