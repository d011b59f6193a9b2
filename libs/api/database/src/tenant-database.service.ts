import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DomainException, type TenantScope } from '@switchboard/api-platform';
import { ErrorCode } from '@switchboard/shared-contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { ConnectionLanes, LaneBusyError, type Lane } from './connection-lanes.util';
import { isDatabaseUnreachable } from './database-outage.util';

/** How long a caller is asked to wait when the database cannot be reached. */
const OUTAGE_RETRY_AFTER_SECONDS = 5;

export const CONNECTION_LANES = Symbol('CONNECTION_LANES');

/**
 * Sent on every connection as it leaves the pool, before the borrower's first statement (a pg client
 * runs its queries in order): a tenant setting left at session level by earlier work on the same
 * connection (a `set_config(…, false)` smuggled into a query) never reaches the next borrower.
 */
export const RESET_TENANT_SQL = `SELECT set_config('app.client_ids', '', false), set_config('app.role', '', false)`;

interface PgPool {
  on(event: 'acquire', listener: (client: { query(sql: string): Promise<unknown> }) => void): void;
}

/**
 * Runs work in one transaction with the tenant settings that row-level security enforces. Every
 * use of the pool goes through here, in a lane (ConnectionLanes): routing rounds in `routing`,
 * everything else in `shared`.
 */
@Injectable()
export class TenantDatabase implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CONNECTION_LANES) private readonly lanes: ConnectionLanes,
  ) {}

  onModuleInit(): void {
    const pool = (this.dataSource.driver as unknown as { master?: PgPool }).master;
    // A failed reset fails the borrower's own statement on the same (broken) connection: nothing to do here.
    pool?.on('acquire', (client) => void client.query(RESET_TENANT_SQL).catch(() => undefined));
  }

  async run<T>(scope: TenantScope, work: (manager: EntityManager) => Promise<T>, lane: Lane = 'shared'): Promise<T> {
    return await this.inLane(lane, () =>
      this.dataSource.transaction(async (manager) => {
        await manager.query(`SELECT set_config('app.client_ids', $1, true), set_config('app.role', $2, true)`, [scope.clientIds.join(','), scope.role]);
        return await work(manager);
      }),
    );
  }

  /**
   * One statement outside any tenant scope, for the SECURITY DEFINER functions that establish who is
   * calling (sign-in, the principal behind a token) before there is a scope.
   */
  async queryUnscoped<T>(sql: string, parameters: unknown[]): Promise<T> {
    return await this.inLane('shared', () => this.dataSource.query<T>(sql, parameters));
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
