import type { Role } from '@switchboard/shared-contracts';
import type { TenantScope } from './tenant-scope';

/** The signed-in caller, resolved from the database on every request and socket connection. */
export interface Principal extends TenantScope {
  role: Role;
  userId: string;
  sessionId: string;
  email: string;
  displayName: string;
  /** For client users: their one client. */
  clientId: string | null;
  teamIds: readonly string[];
  /** Teams this user leads. */
  leadTeamIds: readonly string[];
}
