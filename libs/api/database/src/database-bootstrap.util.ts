import { Client } from 'pg';
import { DataSource, type MixedList } from 'typeorm';

export interface PrepareDatabaseOptions {
  /** Owner (or superuser) connection: creates the application role and runs migrations. */
  ownerUrl: string;
  /** Runtime connection of the application role, when the operator manages that role. */
  appUrl?: string;
  appRole: string;
  appPassword: string;
  // TypeORM's own type for migration lists.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  log?: (line: string) => void;
}

/**
 * Brings a database to the current schema and returns the URL the application must use at runtime:
 * a role that owns no tables and cannot bypass row-level security. Refuses to go on if that role
 * could bypass RLS.
 */
export async function prepareDatabase(options: PrepareDatabaseOptions): Promise<{ appUrl: string }> {
  return await withPreparationLock(options.ownerUrl, () => prepareUnderLock(options));
}

/**
 * Several API nodes may start at once on one database: a session-level advisory lock lets one of them
 * create the role, migrate and seed while the others wait, then find nothing left to do.
 */
export async function withPreparationLock<T>(ownerUrl: string, work: () => Promise<T>): Promise<T> {
  const lock = new Client({ connectionString: ownerUrl });
  await lock.connect();
  try {
    await lock.query(`SELECT pg_advisory_lock(hashtext('switchboard:prepare-database'))`);
    return await work();
  } finally {
    await lock.end(); // ending the session releases the lock
  }
}

async function prepareUnderLock(options: PrepareDatabaseOptions): Promise<{ appUrl: string }> {
  const log = options.log ?? (() => undefined);
  let appUrl = options.appUrl;
  if (!appUrl) {
    await ensureAppRole(options.ownerUrl, options.appRole, options.appPassword);
    appUrl = withCredentials(options.ownerUrl, options.appRole, options.appPassword);
  }
  const owner = new DataSource({ type: 'postgres', url: options.ownerUrl, migrations: options.migrations, migrationsTableName: 'schema_migrations', logging: false });
  await owner.initialize();
  try {
    const applied = await owner.runMigrations({ transaction: 'each' });
    for (const migration of applied) log(`applied migration ${migration.name}`);
  } finally {
    await owner.destroy();
  }
  await assertRoleCannotBypassRls(appUrl);
  return { appUrl };
}

async function ensureAppRole(ownerUrl: string, role: string, password: string): Promise<void> {
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  const statement = async (verb: 'CREATE' | 'ALTER') => {
    const { rows } = await client.query<{ sql: string }>(
      `SELECT format('${verb} ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD %L', $1::text, $2::text) AS sql`,
      [role, password],
    );
    await client.query(rows[0].sql);
  };
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
    if (rowCount) return await statement('ALTER');
    try {
      await statement('CREATE');
    } catch (error) {
      // Roles are cluster-wide: another database's preparation may have created it a moment ago.
      if ((error as { code?: string }).code !== '42710' && (error as { code?: string }).code !== '23505') throw error;
      await statement('ALTER');
    }
  } finally {
    await client.end();
  }
}

async function assertRoleCannotBypassRls(appUrl: string): Promise<void> {
  const client = new Client({ connectionString: appUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ rolsuper: boolean; rolbypassrls: boolean }>('SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user');
    if (rows[0]?.rolsuper || rows[0]?.rolbypassrls) {
      throw new Error('The application database role can bypass row-level security (superuser or BYPASSRLS). Use a plain role for DATABASE_APP_URL.');
    }
  } finally {
    await client.end();
  }
}

export function withCredentials(url: string, user: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = encodeURIComponent(user);
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}
