import { Inject, Injectable } from '@nestjs/common';
import { DomainException, type TenantScope } from '@switchboard/api-platform';
import { ErrorCode } from '@switchboard/shared-contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { ConnectionLanes, LaneBusyError, type Lane } from './connection-lanes.util';
import { isDatabaseUnreachable } from './database-outage.util';

/** How long a caller is asked to wait when the database cannot be reached. */
const OUTAGE_RETRY_AFTER_SECONDS = 5;

export const CONNECTION_LANES = Symbol('CONNECTION_LANES');

/**
 * Sent first on every borrowed connection, before the borrower's own statements: a tenant setting left
 * at session level by earlier work on the same connection (a `set_config(…, false)` smuggled into a
 * query) never reaches the next borrower.
 */
export const RESET_TENANT_SQL = `SELECT set_config('app.client_ids', '', false), set_config('app.role', '', false)`;

const SET_SCOPE_SQL = `SELECT set_config('app.client_ids', $1, true), set_config('app.role', $2, true)`;

/** Client ids are uuids and roles plain words: only these are ever written into a statement as literals. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ROLE = /^[a-z_]{1,40}$/;

/**
 * The statement that opens a transaction of `scope`, as one simple query (one round trip instead of
 * three): the reset, START TRANSACTION, and the scope set for this transaction only. Null when the
 * scope holds anything but uuids and a role word: that scope is then set with bound parameters.
 */
export function openingStatement(scope: TenantScope): string | null {
  if (!ROLE.test(scope.role) || !scope.clientIds.every((id) => UUID.test(id))) return null;
  return `${RESET_TENANT_SQL}; START TRANSACTION; SELECT set_config('app.client_ids', '${scope.clientIds.join(',')}', true), set_config('app.role', '${scope.role}', true)`;
}

/**
 * Runs work in one transaction with the tenant settings that row-level security enforces. Every
 * use of the pool goes through here, in a lane (ConnectionLanes): routing rounds in `routing`,
 * everything else in `shared`.
 */
@Injectable()
export class TenantDatabase {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CONNECTION_LANES) private readonly lanes: ConnectionLanes,
  ) {}

  async run<T>(scope: TenantScope, work: (manager: EntityManager) => Promise<T>, lane: Lane = 'shared'): Promise<T> {
    const opening = openingStatement(scope);
    return await this.inLane(lane, async () => {
      const runner = this.dataSource.createQueryRunner();
      // TypeORM's bookkeeping of the transaction opened by hand below (a nested manager.transaction() takes a savepoint).
      Object.assign(runner, { isTransactionActive: true, transactionDepth: 1 });
      try {
        if (opening) await runner.query(opening);
        else {
          await runner.query(RESET_TENANT_SQL);
          await runner.query('START TRANSACTION');
          await runner.query(SET_SCOPE_SQL, [scope.clientIds.join(','), scope.role]);
        }
        const result = await work(runner.manager);
        await runner.query('COMMIT');
        return result;
      } catch (error) {
        // Whatever failed (the work, the opening, the commit), the original error is what the caller gets.
        await runner.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        Object.assign(runner, { isTransactionActive: false, transactionDepth: 0 });
        await runner.release();
      }
    });
  }

  /**
   * One statement outside any tenant scope, for the SECURITY DEFINER functions that establish who is
   * calling (sign-in, the principal behind a token) before there is a scope.
   */
  async queryUnscoped<T>(sql: string, parameters: unknown[]): Promise<T> {
    return await this.inLane('shared', async () => {
      const runner = this.dataSource.createQueryRunner();
      try {
        await runner.query(RESET_TENANT_SQL);
        return (await runner.query(sql, parameters)) as T;
      } finally {
        await runner.release();
      }
    });
  }

  /** True when the database answers within `timeoutMs`. Outside the lanes: a health check must not queue behind the load it reports on. */
  async isReachable(timeoutMs = 2_000): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        this.dataSource.query('SELECT 1').then(() => true),
        new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs))),
      ]);
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  private async inLane<T>(lane: Lane, work: () => Promise<T>): Promise<T> {
    try {
      return await this.lanes.run(lane, work);
    } catch (error) {
      if (error instanceof LaneBusyError) throw new DomainException(ErrorCode.ServiceUnavailable, 'Switchboard is busy right now; please retry in a moment.', undefined, 1);
      // The database is down or was cut off mid-transaction (which then did not commit): retry later, not a 500.
      if (isDatabaseUnreachable(error)) throw new DomainException(ErrorCode.ServiceUnavailable, 'The database is not reachable right now; nothing was saved. Please retry shortly.', undefined, OUTAGE_RETRY_AFTER_SECONDS);
      throw error;
    }
  }
}
