import type { AuditEntryView, Page } from '@switchboard/shared-contracts';
import { afterQuery, apiRequest } from '../http/http-client.util';

/** Filters of `GET /api/audit`; a client admin's answers are their client's only. */
export interface AuditQuery {
  clientId?: string;
  /** An action (`auth.login`) or a prefix (`pii.*`). */
  action?: string;
  actorId?: string;
  targetId?: string;
  /** ISO instants; `to` is exclusive. */
  from?: string;
  to?: string;
}

/** `GET /api/audit`: a page of the audit log, newest first (admins: everything; client admins: their client). */
export function listAudit(query: AuditQuery, after: string | null = null): Promise<Page<AuditEntryView>> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const search = params.toString();
  return apiRequest<Page<AuditEntryView>>('GET', `/api/audit${search ? `?${search}` : ''}${afterQuery(after, search ? '&' : '?')}`);
}
