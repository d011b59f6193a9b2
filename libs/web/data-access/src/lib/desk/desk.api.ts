import type { CannedResponseRequest, CannedResponseView, DispositionChangeRequest, DispositionRequest, DispositionView, Page, PlaybookRequest, PlaybookView } from '@switchboard/shared-contracts';
import { afterQuery, allPages, apiRequest } from '../http/http-client.util';

const clientPath = (clientId: string, rest: string) => `/api/clients/${encodeURIComponent(clientId)}/${rest}`;

/** `GET /api/clients/:id/canned-responses`: the client's canned responses, by shortcut. */
export function listCannedResponses(clientId: string): Promise<CannedResponseView[]> {
  return allPages((after) => apiRequest<Page<CannedResponseView>>('GET', clientPath(clientId, `canned-responses${afterQuery(after)}`)));
}

/** `POST /api/clients/:id/canned-responses` (admins). */
export function createCannedResponse(clientId: string, request: CannedResponseRequest): Promise<CannedResponseView> {
  return apiRequest<CannedResponseView>('POST', clientPath(clientId, 'canned-responses'), request);
}

/** `PUT /api/canned-responses/:id` (admins). */
export function updateCannedResponse(id: string, request: CannedResponseRequest): Promise<CannedResponseView> {
  return apiRequest<CannedResponseView>('PUT', `/api/canned-responses/${encodeURIComponent(id)}`, request);
}

/** `DELETE /api/canned-responses/:id` (admins). */
export function deleteCannedResponse(id: string): Promise<void> {
  return apiRequest<void>('DELETE', `/api/canned-responses/${encodeURIComponent(id)}`);
}

/** `GET /api/clients/:id/dispositions`: the client's wrap-up codes (retired ones too, marked inactive). */
export function listDispositions(clientId: string): Promise<DispositionView[]> {
  return allPages((after) => apiRequest<Page<DispositionView>>('GET', clientPath(clientId, `dispositions${afterQuery(after)}`)));
}

/** `POST /api/clients/:id/dispositions` (admins). */
export function createDisposition(clientId: string, request: DispositionRequest): Promise<DispositionView> {
  return apiRequest<DispositionView>('POST', clientPath(clientId, 'dispositions'), request);
}

/** `PATCH /api/dispositions/:id` (admins): a new label, or retiring the code. */
export function updateDisposition(id: string, change: DispositionChangeRequest): Promise<DispositionView> {
  return apiRequest<DispositionView>('PATCH', `/api/dispositions/${encodeURIComponent(id)}`, change);
}

/** `GET /api/clients/:id/playbook`: the client's playbook (empty, with `updatedAt: null`, until an admin writes one). */
export function getPlaybook(clientId: string): Promise<PlaybookView> {
  return apiRequest<PlaybookView>('GET', clientPath(clientId, 'playbook'));
}

/** `PUT /api/clients/:id/playbook` (admins): replaces the whole playbook. */
export function savePlaybook(clientId: string, request: PlaybookRequest): Promise<PlaybookView> {
  return apiRequest<PlaybookView>('PUT', clientPath(clientId, 'playbook'), request);
}
