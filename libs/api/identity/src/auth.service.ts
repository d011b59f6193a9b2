import { Inject, Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { AuditService } from '@switchboard/api-audit';
import { TenantDatabase } from '@switchboard/api-database';
import { APP_CONFIG, ROOT_LOGGER, SYSTEM_SCOPE, ValidationException, type AppConfig, type Principal } from '@switchboard/api-platform';
import { checkPassword, decideLoginThrottle, loginAccountKey } from '@switchboard/shared-domain';
import { ErrorCode, type LoginResponse, type UserView } from '@switchboard/shared-contracts';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { IdentityException } from './identity.exception';
import { hashPassword, verifyAgainstDecoy, verifyPassword } from './password.util';
import { PrincipalService } from './principal.service';
import { SessionEndedEvent } from './session-ended.event';
import { TokenService } from './token.service';

export interface CallerMeta {
  requestId: string | null;
  address: string | null;
  userAgent: string | null;
}

interface RefreshRow {
  id: string;
  session_id: string;
  user_id: string;
  expires_at: Date;
  used_at: Date | null;
  revoked_at: Date | null;
}

@Injectable()
export class AuthService {
  private readonly log: Logger;

  constructor(
    private readonly tenants: TenantDatabase,
    private readonly tokens: TokenService,
    private readonly principals: PrincipalService,
    private readonly audit: AuditService,
    private readonly events: EventEmitter2,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ context: AuthService.name });
  }

  async login(email: string, password: string, meta: CallerMeta): Promise<LoginResponse> {
    const accountKey = loginAccountKey(email);
    const address = meta.address ?? 'unknown';
    await this.assertNotThrottled(accountKey, address);

    const [account] = await this.tenants.queryUnscoped<{ user_id: string; client_id: string | null; password_hash: string; disabled: boolean }[]>('SELECT * FROM auth_login_lookup($1)', [accountKey]);
    const valid = account && !account.disabled ? await verifyPassword(account.password_hash, password) : await verifyAgainstDecoy(password);
    if (!valid) {
      await this.tenants.run(SYSTEM_SCOPE, async (m) => {
        await m.query('INSERT INTO login_failures (account_key, address) VALUES ($1, $2)', [accountKey, address]);
        await this.audit.record(m, { action: 'auth.login_failed', actorUserId: account?.user_id ?? null, clientId: account?.client_id ?? null, details: { email: accountKey }, ...meta });
      });
      this.log.info({ address }, 'login failed');
      throw IdentityException.invalidCredentials();
    }

    // Session, first refresh token and audit entry commit together or not at all.
    const { sessionId, pair } = await this.tenants.run(SYSTEM_SCOPE, async (m) => {
      await m.query('DELETE FROM login_failures WHERE account_key = $1', [accountKey]);
      const [session] = await m.query<{ id: string }[]>('INSERT INTO auth_sessions (user_id, user_agent, address) VALUES ($1, $2, $3) RETURNING id', [account.user_id, meta.userAgent, meta.address]);
      await this.audit.record(m, { action: 'auth.login', actorUserId: account.user_id, clientId: account.client_id, targetType: 'session', targetId: session.id, ...meta });
      return { sessionId: session.id, pair: await this.issue(m, account.user_id, session.id) };
    });
    const principal = await this.principals.load(account.user_id, sessionId);
    this.log.info({ userId: principal.userId, role: principal.role }, 'signed in');
    return { ...pair, user: userView(principal) };
  }

  /**
   * Rotation: each refresh token works once. Presenting one that was already used means it leaked,
   * so the whole session (every token rotated from the same sign-in) is revoked.
   */
  async refresh(refreshToken: string, meta: CallerMeta): Promise<LoginResponse> {
    const hash = TokenService.hashRefresh(refreshToken);
    const outcome = await this.tenants.run(SYSTEM_SCOPE, async (m) => {
      const [row] = await m.query<RefreshRow[]>(
        `SELECT rt.id, rt.session_id, s.user_id, rt.expires_at, rt.used_at, s.revoked_at
           FROM refresh_tokens rt JOIN auth_sessions s ON s.id = rt.session_id
          WHERE rt.token_hash = $1 FOR UPDATE OF rt, s`,
        [hash],
      );
      if (!row || row.revoked_at || row.expires_at.getTime() <= Date.now()) return { kind: 'invalid' as const };
      if (row.used_at) {
        await m.query(`UPDATE auth_sessions SET revoked_at = now(), revoked_reason = 'refresh_token_reuse' WHERE id = $1`, [row.session_id]);
        await this.audit.record(m, { action: 'auth.refresh_reused', actorUserId: row.user_id, clientId: null, targetType: 'session', targetId: row.session_id, ...meta });
        return { kind: 'reused' as const, row };
      }
      await m.query('UPDATE refresh_tokens SET used_at = now() WHERE id = $1', [row.id]);
      return { kind: 'rotated' as const, row, pair: await this.issue(m, row.user_id, row.session_id) };
    });

    if (outcome.kind === 'invalid') throw new IdentityException(ErrorCode.AuthRefreshInvalid, 'This refresh token is not valid; sign in again.');
    if (outcome.kind === 'reused') {
      this.log.warn({ userId: outcome.row.user_id, sessionId: outcome.row.session_id }, 'refresh token reused: session revoked');
      this.events.emit(SessionEndedEvent.eventName, new SessionEndedEvent(outcome.row.session_id, outcome.row.user_id, 'refresh_token_reuse'));
      throw new IdentityException(ErrorCode.AuthRefreshReused, 'This refresh token was already used, so the session has been ended for safety; sign in again.');
    }
    const principal = await this.principals.load(outcome.row.user_id, outcome.row.session_id);
    return { ...outcome.pair, user: userView(principal) };
  }

  async logout(principal: Principal, meta: CallerMeta): Promise<void> {
    await this.tenants.run(principal, async (m) => {
      await m.query(`UPDATE auth_sessions SET revoked_at = now(), revoked_reason = 'logout' WHERE id = $1 AND revoked_at IS NULL`, [principal.sessionId]);
      await this.audit.record(m, { action: 'auth.logout', actorUserId: principal.userId, clientId: principal.clientId, targetType: 'session', targetId: principal.sessionId, ...meta });
    });
    this.events.emit(SessionEndedEvent.eventName, new SessionEndedEvent(principal.sessionId, principal.userId, 'logout'));
  }

  /**
   * Changes the caller's own password. The current one is checked like a sign-in (a wrong one counts
   * towards the account's lockout); the new one must pass the password policy. Every other session of
   * the user ends (their sockets close); this one stays signed in. Audited with the write.
   */
  async changePassword(principal: Principal, currentPassword: string, newPassword: string, meta: CallerMeta): Promise<void> {
    const accountKey = loginAccountKey(principal.email);
    await this.assertNotThrottled(accountKey, meta.address ?? 'unknown');
    const [account] = await this.tenants.queryUnscoped<{ user_id: string; password_hash: string; disabled: boolean }[]>('SELECT * FROM auth_login_lookup($1)', [accountKey]);
    if (!account || account.user_id !== principal.userId || !(await verifyPassword(account.password_hash, currentPassword))) {
      await this.tenants.run(SYSTEM_SCOPE, async (m) => {
        await m.query('INSERT INTO login_failures (account_key, address) VALUES ($1, $2)', [accountKey, meta.address ?? 'unknown']);
        await this.audit.record(m, { action: 'auth.password_change_failed', actorUserId: principal.userId, clientId: principal.clientId, ...meta });
      });
      throw new ValidationException([{ field: 'currentPassword', message: 'is not your current password' }]);
    }
    const verdict = checkPassword(newPassword, { email: principal.email });
    if (!verdict.ok) throw IdentityException.passwordRejected(verdict.message, verdict.message.replace(/^The password /, '').replace(/\.$/, ''));
    if (newPassword === currentPassword) throw IdentityException.passwordRejected('The new password must differ from the current one.', 'must differ from the current password');
    const hash = await hashPassword(newPassword);
    const ended = await this.tenants.run(SYSTEM_SCOPE, async (m) => {
      await m.query('UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1', [principal.userId, hash]);
      const rows = await m.query<{ id: string }[]>(
        `UPDATE auth_sessions SET revoked_at = now(), revoked_reason = 'password_changed' WHERE user_id = $1 AND id <> $2 AND revoked_at IS NULL RETURNING id`,
        [principal.userId, principal.sessionId],
      );
      await m.query('DELETE FROM login_failures WHERE account_key = $1', [accountKey]);
      await this.audit.record(m, { action: 'auth.password_changed', actorUserId: principal.userId, clientId: principal.clientId, targetType: 'user', targetId: principal.userId, details: { sessionsEnded: rows.length }, ...meta });
      return rows.map((r) => r.id);
    });
    for (const sessionId of ended) this.events.emit(SessionEndedEvent.eventName, new SessionEndedEvent(sessionId, principal.userId, 'password_changed'));
    this.log.info({ userId: principal.userId, sessionsEnded: ended.length }, 'password changed');
  }

  private async issue(m: EntityManager, userId: string, sessionId: string) {
    const refresh = this.tokens.newRefreshToken();
    await m.query('INSERT INTO refresh_tokens (session_id, token_hash, expires_at) VALUES ($1, $2, $3)', [sessionId, refresh.hash, refresh.expiresAt]);
    return { accessToken: this.tokens.signAccess(userId, sessionId), expiresIn: this.tokens.accessTtlSeconds, refreshToken: refresh.token };
  }

  private async assertNotThrottled(accountKey: string, address: string): Promise<void> {
    const policy = this.config.auth.login;
    const rows = await this.tenants.queryUnscoped<{ account_key: string; address: string; at: Date }[]>(
      `SELECT account_key, address, at FROM login_failures
        WHERE (account_key = $1 OR address = $2) AND at > now() - make_interval(secs => $3)`,
      [accountKey, address, policy.windowSeconds],
    );
    const decision = decideLoginThrottle(
      { maxFailuresPerAccount: policy.maxFailuresPerAccount, maxFailuresPerAddress: policy.maxFailuresPerAddress, windowSeconds: policy.windowSeconds },
      { accountFailures: rows.filter((r) => r.account_key === accountKey).map((r) => r.at), addressFailures: rows.filter((r) => r.address === address).map((r) => r.at), now: new Date() },
    );
    if (!decision.allowed) {
      throw new IdentityException(ErrorCode.AuthRateLimited, `Too many failed sign-ins. Try again in ${decision.retryAfterSeconds} seconds.`, decision.retryAfterSeconds);
    }
  }
}

export function userView(principal: Principal): UserView {
  return { id: principal.userId, email: principal.email, displayName: principal.displayName, role: principal.role, clientId: principal.clientId };
}
