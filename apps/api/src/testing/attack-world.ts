import { TokenService } from '@switchboard/api-identity';
import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { createRoutingWorld, type RoutingWorld, type WorldAgent } from './routing-world';
import { ownerQuery } from './test-app';

/** The kinds of rows a route or socket event can name by id. */
export type Resource =
  | 'client'
  | 'ticket'
  | 'message'
  | 'offer'
  | 'queue'
  | 'inbox'
  | 'agent'
  | 'whisper'
  | 'attachment'
  | 'scorecard'
  | 'evaluation'
  | 'dispute'
  | 'cannedResponse'
  | 'disposition'
  | 'samplingPolicy'
  | 'calibrationSession'
  | 'coachingNote'
  | 'reportSchedule'
  | 'outage'
  | 'skill';

export type Role = 'anonymous' | 'client_viewer' | 'client_admin' | 'agent' | 'team_lead' | 'admin';

export interface PopulatedWorld {
  world: RoutingWorld;
  slug: string;
  /** One row of every kind, owned by this world's client. */
  ids: Record<Resource, string>;
  widgetKey: string;
  /** A marker written into the client's conversations, notes, names and desk content. */
  secret: string;
  users: { agent: WorldAgent; lead: WorldAgent; viewer: WorldAgent; clientAdmin: WorldAgent };
}

/**
 * A client with one row of every kind (ticket, messages, attachment, offer, whisper, queue, scorecard,
 * evaluation, dispute, canned response, disposition code, playbook) and a user of every role, made
 * with SQL as the owner so the rows exist whatever the routes under test do.
 */
export async function populatedWorld(tag: string): Promise<PopulatedWorld> {
  const world = await createRoutingWorld(tag);
  const [{ slug }] = await ownerQuery<{ slug: string }>('SELECT slug FROM clients WHERE id = $1', [world.clientId]);
  const secret = `SECRET-${tag}-${randomUUID().slice(0, 8)}`;
  const c = world.clientId;
  const agent = await world.agent(`${tag} Agent`, { skills: { chat_support: 3 } });
  const [{ password_hash }] = await ownerQuery<{ password_hash: string }>(`SELECT password_hash FROM users WHERE email = 'agent1@switchboard.demo'`);
  const clientUser = async (name: string, role: 'client_viewer' | 'client_admin'): Promise<WorldAgent> => {
    const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${slug}@switchboard.test`;
    const [row] = await ownerQuery<{ id: string }>(`INSERT INTO users (email, display_name, role, client_id, password_hash) VALUES ($1, $2, $3, $4, $5) RETURNING id`, [email, name, role, c, password_hash]);
    return { id: row.id, email, name };
  };
  const viewer = await clientUser(`${tag} Viewer`, 'client_viewer');
  const clientAdmin = await clientUser(`${tag} Client Admin`, 'client_admin');
  const [team] = await ownerQuery<{ id: string }>(`INSERT INTO teams (name, time_zone) VALUES ($1, 'UTC') RETURNING id`, [`Team ${slug}`]);
  await ownerQuery(`INSERT INTO team_members (team_id, user_id, membership) VALUES ($1, $2, 'lead'), ($1, $3, 'member')`, [team.id, world.lead.id, agent.id]);

  const one = async (sql: string, params: unknown[]) => (await ownerQuery<{ id: string }>(sql, params))[0].id;
  const queue = await one(`INSERT INTO queues (client_id, name, channels) VALUES ($1, $2, '{chat}') RETURNING id`, [c, `Queue ${secret}`]);
  const contact = await one(`INSERT INTO contacts (client_id, display_name, email, phone) VALUES ($1, $2, $3, '+15550001111') RETURNING id`, [c, `Contact ${secret}`, `${secret.toLowerCase()}@example.com`]);
  const ticket = await one(
    `INSERT INTO tickets (client_id, inbox_id, contact_id, channel, status, assignee_id, queue_id, subject, next_seq, resolved_at) VALUES ($1, $2, $3, 'chat', 'resolved', $4, $5, $6, 3, now()) RETURNING id`,
    [c, world.inboxId, contact, agent.id, queue, `Subject ${secret}`],
  );
  const message = await one(`INSERT INTO messages (client_id, ticket_id, seq, direction, body) VALUES ($1, $2, 1, 'inbound', $3) RETURNING id`, [c, ticket, `Inbound ${secret}`]);
  await ownerQuery(`INSERT INTO messages (client_id, ticket_id, seq, direction, body, author_user_id) VALUES ($1, $2, 2, 'note', $3, $4)`, [c, ticket, `Note ${secret}`, agent.id]);
  const attachment = await one(`INSERT INTO attachments (client_id, message_id, filename, content_type, size_bytes, content) VALUES ($1, $2, $3, 'text/plain', 6, 'secret') RETURNING id`, [c, message, `${secret}.txt`]);
  const queued = await one(`INSERT INTO tickets (client_id, inbox_id, contact_id, channel, status, queue_id, queued_at) VALUES ($1, $2, $3, 'chat', 'queued', $4, now()) RETURNING id`, [c, world.inboxId, contact, queue]);
  const offer = await one(
    `INSERT INTO offers (client_id, ticket_id, agent_id, queue_id, channel, status, expires_at, node_id, trace) VALUES ($1, $2, $3, $4, 'chat', 'pending', now() + interval '1 day', 'attack-matrix', '{}') RETURNING id`,
    [c, queued, agent.id, queue],
  );
  const whisper = await one(`INSERT INTO whispers (from_user_id, to_user_id, body) VALUES ($1, $2, $3) RETURNING id`, [world.lead.id, agent.id, `Whisper ${secret}`]);
  const scorecard = await one(`INSERT INTO scorecards (client_id, name) VALUES ($1, $2) RETURNING id`, [c, `Card ${secret}`]);
  const version = await one(`INSERT INTO scorecard_versions (scorecard_id, client_id, version, definition) SELECT $1, $2, 1, definition FROM scorecard_versions ORDER BY created_at LIMIT 1 RETURNING id`, [scorecard, c]);
  const evaluation = await one(
    `INSERT INTO evaluations (client_id, ticket_id, agent_id, reviewer_id, scorecard_version_id, stream, status, answers, submitted_answers, score, submitted_score, submitted_at)
     VALUES ($1, $2, $3, $4, $5, 'manual', 'disputed', '{}', '{}', 80, 80, now()) RETURNING id`,
    [c, ticket, agent.id, world.lead.id, version],
  );
  const dispute = await one(`INSERT INTO evaluation_disputes (evaluation_id, client_id, question_key, reason, raised_by) VALUES ($1, $2, 'greet', $3, $4) RETURNING id`, [evaluation, c, `Dispute ${secret}`, agent.id]);
  const cannedResponse = await one(`INSERT INTO canned_responses (client_id, shortcut, title, body) VALUES ($1, 'secret', $2, $2) RETURNING id`, [c, `Canned ${secret}`]);
  const disposition = await one(`INSERT INTO disposition_codes (client_id, code, label) VALUES ($1, 'secret_code', $2) RETURNING id`, [c, `Disposition ${secret}`]);
  const samplingPolicy = await one(`INSERT INTO sampling_policies (client_id, name, period, policy) VALUES ($1, $2, 'week', '{}') RETURNING id`, [c, `Policy ${secret}`.slice(0, 100)]);
  const calibrationSession = await one(
    `INSERT INTO calibration_sessions (client_id, title, scorecard_version_id, reference_reviewer_id, created_by) VALUES ($1, $2, $3, $4, $4) RETURNING id`,
    [c, `Calibration ${secret}`, version, world.lead.id],
  );
  const coachingNote = await one(`INSERT INTO coaching_notes (client_id, agent_id, author_id, body) VALUES ($1, $2, $3, $4) RETURNING id`, [c, agent.id, world.lead.id, `Coaching ${secret}`]);
  // Due in 2100: the schedule job (every minute) must not move it while the matrix compares snapshots.
  const reportSchedule = await one(`INSERT INTO report_schedules (client_id, cadence, recipients, next_run_at) VALUES ($1, 'weekly', ARRAY[$2], '2100-01-04T00:00:00Z') RETURNING id`, [c, `${slug}@victim.example`]);
  const outage = await one(`INSERT INTO sla_outages (client_id, starts_at, ends_at, reason) VALUES ($1, '2026-11-02T09:00:00Z', '2026-11-02T10:00:00Z', $2) RETURNING id`, [c, `Outage ${secret}`]);
  // Skills are the provider's catalogue, not a client's: this one is held by the world's agent (so it cannot be deleted).
  const skill = await one(`INSERT INTO skills (key, name) VALUES ($1, $1) RETURNING id`, [`skill_${slug}`.replace(/\W/g, '_')]);
  await ownerQuery('INSERT INTO agent_skills (user_id, skill_id, proficiency) VALUES ($1, $2, 3)', [agent.id, skill]);
  await ownerQuery(`INSERT INTO playbooks (client_id, greeting, script) VALUES ($1, $2, $2) ON CONFLICT (client_id) DO NOTHING`, [c, `Playbook ${secret}`]);
  return {
    world,
    slug,
    widgetKey: world.widgetKey,
    secret,
    users: { agent, lead: world.lead, viewer, clientAdmin },
    ids: { client: c, ticket, message, offer, queue, inbox: world.inboxId, agent: agent.id, whisper, attachment, scorecard, evaluation, dispute, cannedResponse, disposition, samplingPolicy, calibrationSession, coachingNote, reportSchedule, outage, skill },
  };
}

/** A fresh session of `userId` and its access token, without a password round (so logout in one attempt cannot spoil the next). */
export async function freshToken(app: INestApplication, userId: string): Promise<string> {
  const [session] = await ownerQuery<{ id: string }>(`INSERT INTO auth_sessions (user_id, user_agent) VALUES ($1, 'attack-matrix') RETURNING id`, [userId]);
  return app.get(TokenService).signAccess(userId, session.id);
}

/** Every id of the client's rows, to look for in anything a foreign caller receives. */
export async function rowIdsOf(clientId: string): Promise<string[]> {
  const tables = await clientTables();
  const ids: string[] = [clientId];
  for (const table of tables.filter((t) => t.hasId)) {
    const rows = await ownerQuery<{ id: string }>(`SELECT id::text AS id FROM ${table.name} WHERE client_id = $1`, [clientId]);
    ids.push(...rows.map((r) => r.id));
  }
  const users = await ownerQuery<{ id: string }>(`SELECT u.id::text AS id FROM users u WHERE u.client_id = $1 OR u.id IN (SELECT user_id FROM staff_clients WHERE client_id = $1)`, [clientId]);
  return [...new Set([...ids, ...users.map((u) => u.id)])];
}

async function clientTables(): Promise<{ name: string; hasId: boolean }[]> {
  const rows = await ownerQuery<{ table_name: string; has_id: boolean }>(
    `SELECT c.table_name, EXISTS (SELECT 1 FROM information_schema.columns i WHERE i.table_schema = 'public' AND i.table_name = c.table_name AND i.column_name = 'id' AND i.data_type = 'uuid') AS has_id
       FROM information_schema.columns c JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
      WHERE c.table_schema = 'public' AND c.column_name = 'client_id' ORDER BY c.table_name`,
  );
  return rows.map((r) => ({ name: r.table_name, hasId: r.has_id }));
}

/**
 * A fingerprint of everything the client owns: every table with a client_id (found in the catalogue,
 * so new tables count), its users and what hangs off them (sessions, presence, team membership).
 */
export async function snapshotOf(clientId: string): Promise<Record<string, string>> {
  const snapshot: Record<string, string> = {};
  const digest = async (key: string, sql: string) => {
    const [row] = await ownerQuery<{ n: number; h: string }>(`SELECT count(*)::int AS n, md5(coalesce(string_agg(r::text, '|' ORDER BY r::text), '')) AS h FROM (${sql}) r`, [clientId]);
    snapshot[key] = `${row.n}:${row.h}`;
  };
  for (const table of await clientTables()) await digest(table.name, `SELECT * FROM ${table.name} WHERE client_id = $1`);
  await digest('clients', 'SELECT * FROM clients WHERE id = $1');
  const users = `SELECT id FROM users WHERE client_id = $1 OR id IN (SELECT user_id FROM staff_clients WHERE client_id = $1)`;
  await digest('users', `SELECT * FROM users WHERE id IN (${users})`);
  for (const table of ['agent_profiles', 'agent_state_history', 'agent_skills', 'team_members', 'auth_sessions']) {
    await digest(table, `SELECT * FROM ${table} WHERE user_id IN (${users})`);
  }
  await digest('whispers_to', `SELECT * FROM whispers WHERE to_user_id IN (${users}) OR from_user_id IN (${users})`);
  return snapshot;
}
