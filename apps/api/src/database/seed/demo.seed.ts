import { hashPassword } from '@switchboard/api-identity';
import { INSERT_QUEUE_SQL, queueSettingsParams } from '@switchboard/api-routing';
import { Client } from 'pg';
import type { Logger } from 'pino';
import { addMonths, DEFAULT_QUEUE_SETTINGS, withNewVersion } from '@switchboard/shared-domain';
import { seedDemoHistory } from './demo-history.seed';
import { DEMO_CLIENTS, DEMO_DESK, DEMO_PASSWORD, DEMO_PLAYBOOKS, DEMO_QUEUES, DEMO_SCORECARDS, DEMO_SKILLS, DEMO_SLA_CONTRACTS, DEMO_TEAMS, DEMO_USERS, type DemoUser } from './demo-data';

const MARKER = 'demo_seed';
/** Playbooks came after the first demo seed: a demo database seeded before them gets them once. */
const PLAYBOOKS_MARKER = 'demo_seed_playbooks';
/** So did QA scorecards: a demo seeded before them gets one per demo client, once. */
const SCORECARDS_MARKER = 'demo_seed_scorecards';
/** A month of finished tickets for the portal's reports (`history`): a demo seeded before it gets it once. */
const HISTORY_MARKER = 'demo_seed_history';
/** SLA contracts came after the history: a demo seeded before them gets one per demo client that has none, once. */
const CONTRACTS_MARKER = 'demo_seed_contracts';
/** So did the client admins (they read their client's access log): a demo seeded before them gets them once. */
const CLIENT_ADMINS_MARKER = 'demo_seed_client_admins';

export interface SeedOptions {
  /** Also write a month of ticket history (SEED_DEMO_HISTORY); off for tests that count tickets. */
  history?: boolean;
}

/**
 * Seeds the demo data once, in one transaction, as the owner. Skipped when it ran before or when the
 * database already holds clients (a real installation). A demo seeded before playbooks existed gets
 * the demo playbooks once (for demo clients that have none), and one seeded before QA the demo
 * scorecards once (for demo clients that have no scorecard).
 */
export async function seedDemoData(ownerUrl: string, log: Logger, options: SeedOptions = {}): Promise<boolean> {
  const db = new Client({ connectionString: ownerUrl });
  await db.connect();
  try {
    const { rows } = await db.query(
      `SELECT (SELECT count(*) FROM app_meta WHERE key = $1)::int AS seeded, (SELECT count(*) FROM app_meta WHERE key = $2)::int AS playbooks,
              (SELECT count(*) FROM app_meta WHERE key = $3)::int AS scorecards, (SELECT count(*) FROM clients)::int AS clients,
              (SELECT count(*) FROM app_meta WHERE key = $4)::int AS history, (SELECT count(*) FROM app_meta WHERE key = $5)::int AS contracts,
              (SELECT count(*) FROM app_meta WHERE key = $6)::int AS client_admins`,
      [MARKER, PLAYBOOKS_MARKER, SCORECARDS_MARKER, HISTORY_MARKER, CONTRACTS_MARKER, CLIENT_ADMINS_MARKER],
    );
    const wantsHistory = Boolean(options.history) && !rows[0].history;
    if (rows[0].seeded && (!rows[0].playbooks || !rows[0].scorecards || !rows[0].contracts || !rows[0].client_admins || wantsHistory)) {
      const clientAdmins = rows[0].client_admins ? [] : await Promise.all(DEMO_USERS.filter((u) => u.role === 'client_admin').map(async (u) => ({ ...u, hash: await hashPassword(DEMO_PASSWORD) })));
      await db.query('BEGIN');
      if (!rows[0].client_admins) await seedClientAdmins(db, clientAdmins);
      if (!rows[0].playbooks) await seedPlaybooks(db);
      if (!rows[0].scorecards) await seedScorecards(db);
      if (!rows[0].contracts) await seedContracts(db);
      const tickets = wantsHistory ? await seedHistory(db) : 0;
      await db.query('COMMIT');
      log.info({ playbooks: !rows[0].playbooks, scorecards: !rows[0].scorecards, contracts: !rows[0].contracts, clientAdmins: clientAdmins.length, historyTickets: tickets }, 'demo data topped up');
      return false;
    }
    if (rows[0].seeded || rows[0].clients) return false;
    const passwordHashes = await Promise.all(DEMO_USERS.map(() => hashPassword(DEMO_PASSWORD)));

    await db.query('BEGIN');
    const clientIds = new Map<string, string>();
    for (const c of DEMO_CLIENTS) {
      const { rows: [row] } = await db.query(
        `INSERT INTO clients (slug, name, time_zone, languages, channels, business_calendar, pii_policy, brand_color)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [c.slug, c.name, c.timeZone, c.languages, c.channels, c.businessCalendar, c.piiPolicy, c.brandColor],
      );
      clientIds.set(c.slug, row.id);
      for (const inbox of c.inboxes) {
        await db.query('INSERT INTO inboxes (client_id, channel, name, address, widget_key, settings) VALUES ($1, $2, $3, $4, $5, $6)', [
          row.id,
          inbox.channel,
          inbox.name,
          inbox.address,
          inbox.widgetKey ?? null,
          JSON.stringify(inbox.settings ?? {}),
        ]);
      }
    }
    const routing = new Map<string, { defaultQueueId: string | null; rules: { queueId: string; language?: string; keywords?: string[]; priority?: number }[] }>();
    for (const q of DEMO_QUEUES) {
      const s = { ...DEFAULT_QUEUE_SETTINGS, ...q.settings };
      const { rows: [row] } = await db.query(
        INSERT_QUEUE_SQL,
        [clientIds.get(q.client), ...queueSettingsParams(s)],
      );
      for (const address of q.inboxes) routing.set(address, { defaultQueueId: row.id, rules: routing.get(address)?.rules ?? [] });
      for (const { inbox, ...rule } of q.rules ?? []) {
        const current = routing.get(inbox) ?? { defaultQueueId: null, rules: [] };
        routing.set(inbox, { ...current, rules: [...current.rules, { queueId: row.id, ...rule }] });
      }
    }
    for (const [address, inboxRouting] of routing) await db.query('UPDATE inboxes SET routing = $2 WHERE address = $1', [address, inboxRouting]);
    for (const [slug, desk] of Object.entries(DEMO_DESK)) {
      for (const c of desk.canned) await db.query('INSERT INTO canned_responses (client_id, shortcut, title, body) VALUES ($1, $2, $3, $4)', [clientIds.get(slug), c.shortcut, c.title, c.body]);
      for (const [position, d] of desk.dispositions.entries()) await db.query('INSERT INTO disposition_codes (client_id, code, label, position) VALUES ($1, $2, $3, $4)', [clientIds.get(slug), d.code, d.label, position]);
    }
    await seedPlaybooks(db);
    await seedScorecards(db);
    const skillIds = new Map<string, string>();
    for (const [key, name] of Object.entries(DEMO_SKILLS)) {
      const { rows: [row] } = await db.query('INSERT INTO skills (key, name) VALUES ($1, $2) RETURNING id', [key, name]);
      skillIds.set(key, row.id);
    }
    const teamIds = new Map<string, string>();
    for (const t of DEMO_TEAMS) {
      const { rows: [row] } = await db.query('INSERT INTO teams (name, time_zone) VALUES ($1, $2) RETURNING id', [t.name, t.timeZone]);
      teamIds.set(t.name, row.id);
    }
    for (const [i, u] of DEMO_USERS.entries()) {
      const clientUser = u.role === 'client_viewer' || u.role === 'client_admin';
      const { rows: [row] } = await db.query(
        'INSERT INTO users (email, display_name, role, client_id, password_hash) VALUES ($1, $2, $3, $4, $5) RETURNING id',
        [u.email, u.displayName, u.role, clientUser ? clientIds.get(u.clients[0]) : null, passwordHashes[i]],
      );
      if (!clientUser) {
        for (const slug of u.clients) await db.query('INSERT INTO staff_clients (user_id, client_id) VALUES ($1, $2)', [row.id, clientIds.get(slug)]);
      }
      if (u.team) {
        const lead = DEMO_TEAMS.find((t) => t.name === u.team)?.lead === u.email;
        await db.query('INSERT INTO team_members (team_id, user_id, membership) VALUES ($1, $2, $3)', [teamIds.get(u.team), row.id, lead ? 'lead' : 'member']);
      }
      if (u.agent) {
        await db.query(
          `INSERT INTO agent_profiles (user_id, time_zone, languages, capacity, shift_schedule) VALUES ($1, $2, $3, $4, $5)`,
          [row.id, u.agent.timeZone, u.agent.languages, u.agent.capacity, u.agent.shift],
        );
        await db.query(`INSERT INTO agent_state_history (user_id, state, started_at) VALUES ($1, 'offline', now())`, [row.id]);
        for (const [skill, proficiency] of Object.entries(u.agent.skills)) {
          await db.query('INSERT INTO agent_skills (user_id, skill_id, proficiency) VALUES ($1, $2, $3)', [row.id, skillIds.get(skill), proficiency]);
        }
      }
    }
    await db.query('INSERT INTO app_meta (key, value) VALUES ($1, $2)', [MARKER, { at: new Date().toISOString(), users: DEMO_USERS.length }]);
    await seedContracts(db);
    await db.query('INSERT INTO app_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [CLIENT_ADMINS_MARKER, { at: new Date().toISOString() }]);
    const tickets = options.history ? await seedHistory(db) : 0;
    await db.query('COMMIT');
    log.info({ clients: DEMO_CLIENTS.length, users: DEMO_USERS.length, historyTickets: tickets }, 'demo data seeded');
    return true;
  } catch (error) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await db.end();
  }
}

/** A month of finished tickets of the demo clients (reporting reads them like any other); marks it done. */
async function seedHistory(db: Client): Promise<number> {
  const tickets = await seedDemoHistory(db);
  await db.query('INSERT INTO app_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [HISTORY_MARKER, { at: new Date().toISOString(), tickets }]);
  return tickets;
}

/** The demo client admins a demo seeded before them lacks (by email; a client that is gone is skipped); marks it done. */
async function seedClientAdmins(db: Client, users: (DemoUser & { hash: string })[]): Promise<void> {
  for (const u of users) {
    await db.query(
      `INSERT INTO users (email, display_name, role, client_id, password_hash) SELECT $1, $2, 'client_admin', c.id, $4 FROM clients c WHERE c.slug = $3 ON CONFLICT DO NOTHING`,
      [u.email, u.displayName, u.clients[0], u.hash],
    );
  }
  await db.query('INSERT INTO app_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [CLIENT_ADMINS_MARKER, { at: new Date().toISOString() }]);
}

/**
 * The demo clients' SLA contracts (version 1 from last month, so the demo history has a statement), where a
 * client has none yet; checked by the same contract rules as the API; marks it done.
 */
async function seedContracts(db: Client): Promise<void> {
  const thisMonth = new Date().toISOString().slice(0, 7);
  for (const [slug, terms] of Object.entries(DEMO_SLA_CONTRACTS)) {
    const { rows: [client] } = await db.query<{ id: string }>(
      'SELECT c.id FROM clients c WHERE c.slug = $1 AND NOT EXISTS (SELECT 1 FROM sla_contract_versions v WHERE v.client_id = c.id)',
      [slug],
    );
    if (!client) continue;
    const result = withNewVersion({ clientId: client.id, versions: [] }, { ...terms, effectiveFrom: addMonths(thisMonth, -1) }, thisMonth);
    if ('problems' in result) throw new Error(`demo SLA contract of ${slug}: ${result.problems.map((p) => p.message).join('; ')}`);
    const { version, ...definition } = result.version;
    await db.query('INSERT INTO sla_contract_versions (client_id, version, effective_from, effective_to, definition) VALUES ($1, $2, $3, $4, $5)', [
      client.id,
      version,
      definition.effectiveFrom,
      definition.effectiveTo,
      JSON.stringify(definition),
    ]);
  }
  await db.query('INSERT INTO app_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [CONTRACTS_MARKER, { at: new Date().toISOString() }]);
}

/** The demo clients' playbooks, where a client has none yet; marks it done. */
async function seedPlaybooks(db: Client): Promise<void> {
  for (const [slug, p] of Object.entries(DEMO_PLAYBOOKS)) {
    await db.query(
      `INSERT INTO playbooks (client_id, greeting, script, dos, donts, links) SELECT id, $2, $3, $4, $5, $6 FROM clients WHERE slug = $1 ON CONFLICT (client_id) DO NOTHING`,
      [slug, p.greeting, p.script, p.dos, p.donts, JSON.stringify(p.links)],
    );
  }
  await db.query('INSERT INTO app_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [PLAYBOOKS_MARKER, { at: new Date().toISOString() }]);
}

/** The demo clients' scorecards (version 1, active), where a client has no scorecard yet; marks it done. */
async function seedScorecards(db: Client): Promise<void> {
  for (const [slug, definition] of Object.entries(DEMO_SCORECARDS)) {
    const { rows: [card] } = await db.query<{ id: string; client_id: string }>(
      `INSERT INTO scorecards (client_id, name) SELECT c.id, $2 FROM clients c WHERE c.slug = $1 AND NOT EXISTS (SELECT 1 FROM scorecards s WHERE s.client_id = c.id) RETURNING id, client_id`,
      [slug, definition.name],
    );
    if (card) await db.query('INSERT INTO scorecard_versions (scorecard_id, client_id, version, definition) VALUES ($1, $2, 1, $3)', [card.id, card.client_id, JSON.stringify(definition)]);
  }
  await db.query('INSERT INTO app_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [SCORECARDS_MARKER, { at: new Date().toISOString() }]);
}
