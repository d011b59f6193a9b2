import type { Role } from '@switchboard/shared-contracts';

/**
 * Whose data a transaction may touch. PostgreSQL row-level security reads it from per-transaction
 * settings (`app.client_ids`, `app.role`); with no scope set, client-owned tables return no rows.
 */
export interface TenantScope {
  /** `customer`: an end customer through a channel (the widget), scoped to one client. */
  role: Role | 'system' | 'customer';
  /** Client ids the caller may see. */
  clientIds: readonly string[];
}

/** Background work that spans clients (timers, fan-out of live events). Named so it stands out in review. */
export const SYSTEM_SCOPE: TenantScope = Object.freeze({ role: 'system', clientIds: [] });

/** Work the system does for one client (a webhook, a mail): sees that client's rows only. */
export function systemScopeFor(clientId: string): TenantScope {
  return { role: 'system', clientIds: [clientId] };
}
