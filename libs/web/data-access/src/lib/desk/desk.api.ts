import type { CannedResponseView, DispositionView } from '@switchboard/shared-contracts';
import { apiRequest } from '../http/http-client.util';

/** `GET /api/clients/:id/canned-responses`: the client's canned responses, by shortcut. */
export function listCannedResponses(clientId: string): Promise<CannedResponseView[]> {
  return apiRequest<CannedResponseView[]>('GET', `/api/clients/${encodeURIComponent(clientId)}/canned-responses`);
}

/** `GET /api/clients/:id/dispositions`: the client's wrap-up codes (retired ones too, marked inactive). */
export function listDispositions(clientId: string): Promise<DispositionView[]> {
  return apiRequest<DispositionView[]>('GET', `/api/clients/${encodeURIComponent(clientId)}/dispositions`);
}
