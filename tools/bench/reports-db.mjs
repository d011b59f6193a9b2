// Database work of `npm run bench:reports`, as the database owner: one client's month generated with
// bulk SQL (contacts, tickets, 10 ticket events each), the raw baselines, and the raw totals the
// rollups are checked against.
import { withClient } from './bench-db.mjs';
import { mintAccessToken, nowMs } from './bench-lib.mjs';
import { EVENTS_PER_TICKET } from './reports-lib.mjs';

/**
 * Generates the month. The event trigger that marks each ticket for projection is switched off during
 * the bulk insert (10 million row-level upserts would dominate the load) and the marks are written in
 * one statement afterwards — the same rows the trigger would have written; the API's projector then
 * does the real work. Ticket i: created at an even spread over the month; chat / email / voice /
 * social by i mod 4; one of three queues; en / es; one of n/5 contacts; the rules of generatedTicket().
 */
export async function generateMonth(ownerUrl, { tickets, month, window, jwtSecret }) {
  return await withClient(ownerUrl, async (c) => {
    const started = nowMs();
    const { rows: [client] } = await c.query(`INSERT INTO clients (slug, name, time_zone, languages, channels) VALUES ('bench-reports', 'Bench Reports', 'UTC', '{en,es}', '{chat,email,voice,social}') RETURNING id`);
    const { rows: [inbox] } = await c.query(`INSERT INTO inboxes (client_id, channel, name, address) VALUES ($1, 'chat', 'Bench chat', 'bench-reports/chat') RETURNING id`, [client.id]);
    const { rows: queues } = await c.query(`INSERT INTO queues (client_id, name, channels) SELECT $1, 'Bench queue ' || g, '{chat,email,voice,social}' FROM generate_series(1, 3) g RETURNING id`, [client.id]);
    const { rows: [admin] } = await c.query(`INSERT INTO users (email, display_name, role, password_hash) VALUES ('bench-reports-admin@bench.example', 'Bench Admin', 'admin', '!no-login') RETURNING id`);
    const { rows: [agent] } = await c.query(`INSERT INTO users (email, display_name, role, password_hash) VALUES ('bench-reports-agent@bench.example', 'Bench Agent', 'agent', '!no-login') RETURNING id`);
    const { rows: [session] } = await c.query(`INSERT INTO auth_sessions (user_id, user_agent, address) VALUES ($1, 'reports-bench', '127.0.0.1') RETURNING id`, [admin.id]);
    const contacts = Math.max(1, Math.floor(tickets / 5));
    await c.query(`INSERT INTO contacts (client_id, display_name) SELECT $1, 'Contact ' || g FROM generate_series(1, $2) g`, [client.id, contacts]);
    await c.query(`CREATE TEMP TABLE bench_contacts AS SELECT row_number() OVER (ORDER BY id) AS n, id FROM contacts WHERE client_id = $1`, [client.id]);
    await c.query('CREATE INDEX ON bench_contacts (n)');
    await c.query(
      `CREATE TEMP TABLE bench_tickets AS
       SELECT g AS i, gen_random_uuid() AS id,
              $1::timestamptz + make_interval(secs => (g - 1) * ($2::float8 / $3)) AS t0,
              (ARRAY['chat', 'email', 'voice', 'social'])[1 + g % 4] AS channel,
              ($4::uuid[])[1 + (g / 4) % 3] AS queue_id,
              (ARRAY['en', 'es'])[1 + (g / 2) % 2] AS language,
              (g * 37) % 90 AS wait, g % 20 = 0 AS abandoned, g % 20 <> 0 AND g % 3 = 0 AS surveyed,
              CASE WHEN g % 2 = 0 THEN 5 ELSE 2 END AS score, 1 + (g::bigint * 7919) % $5 AS contact_n
         FROM generate_series(1, $3::int) g`,
      [window.from, window.seconds - 7200, tickets, queues.map((q) => q.id), contacts],
    );
    await c.query(
      `INSERT INTO tickets (id, client_id, inbox_id, contact_id, channel, status, language, subject, queue_id, created_at, queued_at)
       SELECT b.id, $1, $2, bc.id, b.channel, CASE WHEN b.abandoned THEN 'abandoned' ELSE 'resolved' END, b.language, 'Bench ' || b.i, b.queue_id, b.t0, b.t0
         FROM bench_tickets b JOIN bench_contacts bc ON bc.n = b.contact_n`,
      [client.id, inbox.id],
    );
    const ticketsMs = nowMs() - started;
    await c.query('ALTER TABLE ticket_events DISABLE TRIGGER ticket_events_mark_fact');
    const eventsStarted = nowMs();
    // Ten events per ticket; offsets in seconds from t0 (w = the queue wait).
    await c.query(
      `INSERT INTO ticket_events (client_id, ticket_id, type, at, actor_user_id, data)
       SELECT $1, b.id, e.type, b.t0 + make_interval(secs => e.s), NULL, e.data
         FROM bench_tickets b
         CROSS JOIN LATERAL (
           SELECT * FROM (VALUES
             (1, 'created', 0, jsonb_build_object('channel', b.channel)),
             (2, 'message_received', 0, '{}'::jsonb),
             (3, 'queued', 0, jsonb_build_object('queueId', b.queue_id)),
             (4, 'offered', 1, jsonb_build_object('agentId', $2::text))
           ) v(n, type, s, data)
           UNION ALL
           SELECT * FROM (VALUES
             (5, 'offer_timed_out', greatest(1, b.wait / 2), '{}'::jsonb),
             (6, 'offered', greatest(1, b.wait / 2) + 1, jsonb_build_object('agentId', $2::text)),
             (7, 'offer_rescinded', b.wait, '{}'::jsonb),
             (8, 'abandoned', b.wait, jsonb_build_object('waitSeconds', b.wait)),
             (9, 'status_changed', b.wait, '{"to": "abandoned"}'::jsonb),
             (10, 'note', b.wait + 5, '{}'::jsonb)
           ) v(n, type, s, data) WHERE b.abandoned
           UNION ALL
           SELECT * FROM (VALUES
             (5, 'accepted', b.wait, jsonb_build_object('agentId', $2::text)),
             (6, 'reply', b.wait + 30 + b.i % 60, '{}'::jsonb)
           ) v(n, type, s, data) WHERE NOT b.abandoned
           UNION ALL
           SELECT * FROM (VALUES
             (7, 'message_received', b.wait + 150 + b.i % 60, '{}'::jsonb),
             (8, 'reply', b.wait + 210 + b.i % 60, '{}'::jsonb),
             (9, 'status_changed', b.wait + 600 + b.i % 600, '{"to": "resolved"}'::jsonb),
             (10, 'resolved', b.wait + 600 + b.i % 600, '{}'::jsonb)
           ) v(n, type, s, data) WHERE NOT b.abandoned AND NOT b.surveyed
           UNION ALL
           SELECT * FROM (VALUES
             (7, 'status_changed', b.wait + 600 + b.i % 600, '{"to": "resolved"}'::jsonb),
             (8, 'resolved', b.wait + 600 + b.i % 600, '{}'::jsonb),
             (9, 'csat_requested', b.wait + 600 + b.i % 600, '{}'::jsonb),
             (10, 'csat', b.wait + 900 + b.i % 600, jsonb_build_object('score', b.score))
           ) v(n, type, s, data) WHERE b.surveyed
           ORDER BY n
         ) e
        ORDER BY b.i, e.n`,
      [client.id, agent.id],
    );
    const eventsMs = nowMs() - eventsStarted;
    await c.query('ALTER TABLE ticket_events ENABLE TRIGGER ticket_events_mark_fact');
    await c.query('INSERT INTO ticket_fact_pending (ticket_id, client_id) SELECT id, client_id FROM tickets WHERE client_id = $1', [client.id]);
    const { rows: [{ events }] } = await c.query('SELECT count(*)::int AS events FROM ticket_events WHERE client_id = $1', [client.id]);
    if (events !== tickets * EVENTS_PER_TICKET) throw new Error(`generated ${events} events, expected ${tickets * EVENTS_PER_TICKET}`);
    await c.query('ANALYZE');
    return { clientId: client.id, events, ticketsMs, eventsMs, token: mintAccessToken(jwtSecret, admin.id, session.id), month };
  });
}

/** Waits until the API's projector has no marks left; returns how long it took. */
export async function waitForProjection(ownerUrl, clientId, { say, timeoutMs }) {
  const started = nowMs();
  return await withClient(ownerUrl, async (c) => {
    let last = -1;
    for (;;) {
      const { rows: [r] } = await c.query(
        `SELECT (SELECT count(*) FROM ticket_fact_pending WHERE client_id = $1)::int AS pending, (SELECT count(*) FROM ticket_fact_recheck WHERE client_id = $1)::int AS recheck, (SELECT count(*) FROM ticket_facts WHERE client_id = $1)::int AS facts`,
        [clientId],
      );
      if (r.pending === 0 && r.recheck === 0) return { ms: nowMs() - started, facts: r.facts };
      if (nowMs() - started > timeoutMs) throw new Error(`the projector left ${r.pending} tickets pending and ${r.recheck} to recheck after ${timeoutMs / 1000} s`);
      const done = r.facts;
      if (Math.floor(done / 50_000) !== Math.floor(last / 50_000)) say(`projected ${done.toLocaleString('en-US')} facts (${r.pending.toLocaleString('en-US')} pending, ${r.recheck.toLocaleString('en-US')} to recheck) after ${((nowMs() - started) / 1000).toFixed(0)} s`);
      last = done;
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  });
}

/** Times `sql` `runs` times (after one warm-up); returns the times and the last result. */
async function timed(c, sql, params, runs) {
  await c.query(sql, params);
  const times = [];
  let rows = null;
  for (let i = 0; i < runs; i++) {
    const t = nowMs();
    ({ rows } = await c.query(sql, params));
    times.push(nowMs() - t);
  }
  return { times, rows };
}

/** Baseline 1: the month's events counted by type (a scan of the raw log). */
export async function eventScan(ownerUrl, clientId, window, runs) {
  return await withClient(ownerUrl, (c) => timed(c, 'SELECT type, count(*)::int AS n FROM ticket_events WHERE client_id = $1 AND at >= $2 AND at < $3 GROUP BY type', [clientId, window.from, window.to], runs));
}

/** Baseline 2, and the raw totals the rollups must equal: one aggregate scan over the month's facts (queue anchors, 20 s threshold). */
export async function factScan(ownerUrl, clientId, window, runs) {
  const sql = `
    SELECT count(*)::int AS offered,
           count(*) FILTER (WHERE fact->>'answeredAt' IS NOT NULL)::int AS handled,
           count(*) FILTER (WHERE fact->>'answeredAt' IS NOT NULL AND (fact->>'answeredAt')::timestamptz - queued_at <= interval '20 seconds')::int AS "answeredWithin",
           count(*) FILTER (WHERE fact->>'answeredAt' IS NULL AND fact->>'abandonedAt' IS NOT NULL)::int AS abandoned,
           count(*) FILTER (WHERE fact->>'answeredAt' IS NULL AND fact->>'abandonedAt' IS NOT NULL AND (fact->>'abandonedAt')::timestamptz - queued_at <= interval '20 seconds')::int AS "abandonedWithin",
           count(*) FILTER (WHERE fact->'csat' IS NOT NULL AND fact->'csat' <> 'null'::jsonb)::int AS "csatSent",
           count(*) FILTER (WHERE (fact->'csat'->>'score')::int >= 4)::int AS "csatSatisfied"
      FROM ticket_facts WHERE client_id = $1 AND queued_at >= $2 AND queued_at < $3`;
  return await withClient(ownerUrl, (c) => timed(c, sql, [clientId, window.from, window.to], runs));
}
