import { prepareDatabase, startEmbeddedPostgres, withPreparationLock } from '@switchboard/api-database';
import type { AppConfig } from '@switchboard/api-platform';
import type { Logger } from 'pino';
import { MIGRATIONS } from './data-source';
import { seedDemoData } from './seed/demo.seed';

export interface DatabaseRuntime {
  /** Connection of the RLS-bound application role. */
  appUrl: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/**
 * Embedded PostgreSQL when DATABASE_URL is unset, then migrations (as the owner), the application
 * role, and the demo data once.
 */
export async function openDatabase(config: AppConfig, logger: Logger): Promise<DatabaseRuntime> {
  const log = logger.child({ context: 'Database' });
  let ownerUrl = config.database.ownerUrl;
  let stop: () => Promise<void> = async () => undefined;
  if (!ownerUrl) {
    const embedded = await startEmbeddedPostgres({
      dataDir: config.dataDir,
      port: config.database.embeddedPort,
      database: 'switchboard',
      log: (line) => log.debug(line),
    });
    ownerUrl = embedded.ownerUrl;
    stop = embedded.stop;
    log.info({ dataDir: config.dataDir, port: config.database.embeddedPort }, 'embedded PostgreSQL started');
  }
  try {
    const { appUrl } = await prepareDatabase({
      ownerUrl,
      appUrl: config.database.appUrl,
      appRole: config.database.appRole,
      appPassword: config.database.appPassword,
      migrations: MIGRATIONS,
      log: (line) => log.info(line),
    });
    const owner = ownerUrl;
    if (config.seedDemo) await withPreparationLock(owner, () => seedDemoData(owner, log, { history: config.seedDemoHistory }));
    return { appUrl, embedded: !config.database.ownerUrl, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
