import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { TenantScope } from '@switchboard/api-platform';

/** Runs work in one transaction with the tenant settings that row-level security enforces. */
@Injectable()
export class TenantDatabase {
  constructor(private readonly dataSource: DataSource) {}

  async run<T>(scope: TenantScope, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return await this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT set_config('app.client_ids', $1, true), set_config('app.role', $2, true)`, [scope.clientIds.join(','), scope.role]);
      return await work(manager);
    });
  }

  /** True when the database answers within `timeoutMs`. */
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
}
