import { Injectable } from '@nestjs/common';
import { TenantDatabase } from '@switchboard/api-database';
import type { Principal } from '@switchboard/api-platform';
import { ErrorCode, type Role } from '@switchboard/shared-contracts';
import { IdentityException } from './identity.exception';
import { TokenService } from './token.service';

interface PrincipalRow {
  user_id: string;
  email: string;
  display_name: string;
  role: Role;
  client_id: string | null;
  disabled: boolean;
  client_ids: string[];
  team_ids: string[];
  lead_team_ids: string[];
  revoked_at: Date | null;
}

/**
 * Who is calling, read fresh from the database for every request and socket: a revoked session,
 * a disabled user or a removed client assignment takes effect at once. HTTP and sockets share it.
 */
@Injectable()
export class PrincipalService {
  constructor(
    private readonly tenants: TenantDatabase,
    private readonly tokens: TokenService,
  ) {}

  async fromAccessToken(token: string | undefined): Promise<Principal> {
    if (!token) throw new IdentityException(ErrorCode.AuthRequired, 'Sign in first: this needs an access token.');
    const claims = this.tokens.verifyAccess(token);
    return await this.load(claims.sub, claims.sid);
  }

  async load(userId: string, sessionId: string): Promise<Principal> {
    const rows = await this.tenants.queryUnscoped<PrincipalRow[]>(
      `SELECT p.*, s.revoked_at FROM auth_principal($1) p JOIN auth_sessions s ON s.id = $2 AND s.user_id = p.user_id`,
      [userId, sessionId],
    );
    const row = rows[0];
    if (!row || row.revoked_at || row.disabled) {
      throw new IdentityException(ErrorCode.AuthSessionRevoked, 'This session has ended; sign in again.');
    }
    return {
      userId: row.user_id,
      sessionId,
      email: row.email,
      displayName: row.display_name,
      role: row.role,
      clientId: row.client_id,
      clientIds: row.client_ids,
      teamIds: row.team_ids,
      leadTeamIds: row.lead_team_ids,
    };
  }
}

export function bearerToken(header: unknown): string | undefined {
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match?.[1];
}
