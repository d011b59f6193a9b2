// Database work of `npm run bench:desk`, as the database owner: the long and the short chat ticket of
// the demo client Globex, assigned to the demo agent Maria Santos, and baseline A (the bare read of
// the latest page of the long timeline).
import { randomUUID } from 'node:crypto';
import { withClient } from './bench-db.mjs';
import { nowMs } from './bench-lib.mjs';
import { PAGE_SIZE, directionSql, latestLineText, timelineCounts } from './desk-lib.mjs';

export const DESK_AGENT_EMAIL = 'agent1@switchboard.demo';

// What a long retail chat says, in lengths from a word to a paragraph (picked by a hash of the seq).
const CUSTOMER_LINES = [
  'Hi',
  'ok thanks',
  'Yes, that is the one.',
  'My order number is GX-40211, placed on Monday.',
  'The parcel arrived today but the box was crushed and the kettle inside has a dent on the side.',
  'I already sent a photo yesterday to the email address on the website, did anyone get it?',
  'Can I keep the dented one and get a partial refund instead? I need a kettle this week and I do not want to wait for another delivery.',
  'Sorry, one more question: the invoice shows two delivery charges, one for the kettle and one for the toaster, but they came in the same parcel. Is that right?',
  'Tuesday afternoon works, between 2 and 5 please.',
  'Still there?',
  'That is fine.\nI will be at home all day tomorrow anyway.',
  'I checked the tracking page again and it still says "awaiting collection" even though the courier picked it up this morning at 9:40. Should I be worried that the return is not registered yet? Last time this happened the refund took three weeks because the parcel was never scanned at the depot.',
];
const AGENT_LINES = [
  'Thanks, one moment please.',
  'I am checking that for you now.',
  'I can see your order GX-40211 here, thank you.',
  'I am sorry the kettle arrived damaged. I have the photo you sent, no need to send it again.',
  'Yes, I can offer a 30% partial refund if you would like to keep it. It goes back to the card you paid with within 3–5 working days.',
  'You are right, the second delivery charge should not be there. I have refunded it just now; you will get a confirmation email in a few minutes.',
  'Is there anything else I can help you with today?',
  'The courier can collect the return on Tuesday between 14:00 and 17:00. Please keep the original packaging if you still have it; if not, any sturdy box is fine and the label will be emailed to you.',
  'No problem at all!',
  'The depot scans returns in the evening, so "awaiting collection" can show until tonight. I have added a note to your order so the refund is released as soon as it is scanned, and if it does not move by Thursday I will chase the courier myself.',
];
const NOTE_LINES = [
  'Customer asked for partial refund, approved 30% per damaged-goods policy.',
  'Duplicate delivery charge refunded (same parcel). Flagged to billing.',
  'Follow up Thursday if the return is not scanned.',
  'Long-running chat: customer prefers to keep one thread for all orders.',
];

/** A chat ticket of `clientId` with `lines` timeline lines over `hours`, assigned to `agent`. */
async function insertTicket(c, { world, agent, lines, hours, label, contactName }) {
  const contactId = randomUUID();
  const ticketId = randomUUID();
  await c.query(`INSERT INTO contacts (id, client_id, display_name, email, language) VALUES ($1, $2, $3, $4, 'en')`, [contactId, world.clientId, contactName, `${label}@customer.example`]);
  await c.query(`INSERT INTO contact_identities (client_id, contact_id, channel, external_id) VALUES ($1, $2, 'chat', $3)`, [world.clientId, contactId, `bench-visitor-${ticketId}`]);
  const latest = latestLineText(label, lines);
  // created_at spread evenly over `hours`, ending a minute ago; the ticket was taken after its first line.
  const { rows: [ticket] } = await c.query(
    `INSERT INTO tickets (id, client_id, inbox_id, contact_id, channel, status, priority, language, next_seq, queue_id, created_at, queued_at, sla_due_at,
                          answered_at, assigned_at, first_response_at, assignee_id, last_agent_id, last_message_at, updated_at, mode)
     SELECT $1, $2, $3, $4, 'chat', 'assigned', 3, 'en', $6 + 1, $7, s.start, s.start, s.start + interval '60 seconds',
            s.start + interval '20 seconds', s.start + interval '20 seconds', s.start + interval '30 seconds', $5, $5, now() - interval '1 minute', now(), 'live'
       FROM (SELECT now() - interval '1 minute' - make_interval(hours => $8) AS start) s
     RETURNING 'SB-' || number AS reference, created_at AS start`,
    [ticketId, world.clientId, world.inboxId, contactId, agent.id, lines, world.queueId, hours],
  );
  await c.query(
    `INSERT INTO messages (client_id, ticket_id, seq, direction, author_user_id, author_name, body, delivery_status, created_at)
     SELECT $1, $2, g, d.direction,
            CASE WHEN d.direction = 'inbound' THEN NULL ELSE $3::uuid END,
            CASE WHEN d.direction = 'inbound' THEN NULL ELSE $4 END,
            CASE WHEN g = $5 THEN $6
                 WHEN d.direction = 'inbound' THEN ($7::text[])[(1 + ((g / 2)::bigint * 7919) % cardinality($7::text[]))::int]
                 WHEN d.direction = 'outbound' THEN ($8::text[])[(1 + ((g / 2)::bigint * 104729) % cardinality($8::text[]))::int]
                 ELSE ($9::text[])[1 + (g / 20) % cardinality($9::text[])] END,
            CASE WHEN d.direction = 'inbound' THEN 'received' ELSE 'sent' END,
            $10::timestamptz + make_interval(secs => g * $11::double precision / $5)
       FROM generate_series(1, $5::int) g CROSS JOIN LATERAL (SELECT ${directionSql('g', '$5::int')} AS direction) d`,
    [world.clientId, ticketId, agent.id, agent.displayName, lines, latest, CUSTOMER_LINES, AGENT_LINES, NOTE_LINES, ticket.start, hours * 3600 - 60],
  );
  // The events intake, routing and the desk record (reports read them; the detail read does not).
  await c.query(
    `INSERT INTO ticket_events (client_id, ticket_id, type, at, actor_user_id, data)
     SELECT $1, $2, e.type, $4::timestamptz + e.after, e.actor, e.data
       FROM (VALUES ('created', interval '0 s', NULL::uuid, jsonb_build_object('channel', 'chat', 'inboxId', $5::uuid)),
                    ('queued', interval '0 s', NULL, jsonb_build_object('queueId', $6::uuid)),
                    ('offered', interval '15 s', NULL, jsonb_build_object('agentId', $3::uuid)),
                    ('accepted', interval '20 s', $3::uuid, '{}'::jsonb),
                    ('first_response', interval '30 s', $3::uuid, '{}'::jsonb)) AS e (type, after, actor, data)`,
    [world.clientId, ticketId, agent.id, ticket.start, world.inboxId, world.queueId],
  );
  await c.query(
    `INSERT INTO ticket_events (client_id, ticket_id, type, at, actor_user_id, data)
     SELECT $1, $2, CASE m.direction WHEN 'inbound' THEN 'message_received' WHEN 'outbound' THEN 'reply' ELSE 'note' END, m.created_at,
            m.author_user_id, CASE m.direction WHEN 'inbound' THEN jsonb_build_object('messageId', m.id) ELSE jsonb_build_object('messageId', m.id, 'seq', m.seq) END
       FROM messages m WHERE m.ticket_id = $2 ORDER BY m.seq`,
    [world.clientId, ticketId],
  );
  await c.query(`UPDATE tickets SET last_message_at = (SELECT max(created_at) FROM messages WHERE ticket_id = $1) WHERE id = $1`, [ticketId]);
  const { rows: counts } = await c.query(`SELECT direction, count(*)::int AS n, min(seq) AS first, max(seq) AS last FROM messages WHERE ticket_id = $1 GROUP BY direction`, [ticketId]);
  const got = Object.fromEntries(counts.map((r) => [r.direction, r.n]));
  const want = timelineCounts(lines);
  for (const direction of ['inbound', 'outbound', 'note']) {
    if ((got[direction] ?? 0) !== want[direction]) throw new Error(`seed: ${label} has ${got[direction] ?? 0} ${direction} lines, expected ${want[direction]}`);
  }
  return { id: ticketId, reference: ticket.reference, lines, latestText: latest, contactName };
}

/**
 * The long and the short ticket, in one transaction. Needs the demo data: Globex, its chat inbox and
 * the queue it routes to, and Maria Santos. Returns both tickets, the agent and how long it took.
 */
export async function seedDeskTickets(ownerUrl, { lines, smallLines }) {
  return await withClient(ownerUrl, async (c) => {
    const { rows: [world] } = await c.query(
      `SELECT cl.id AS "clientId", i.id AS "inboxId", (i.routing->>'defaultQueueId')::uuid AS "queueId"
         FROM clients cl JOIN inboxes i ON i.client_id = cl.id AND i.channel = 'chat' WHERE cl.slug = 'globex'`,
    );
    if (!world) throw new Error('seed: the demo client globex or its chat inbox is missing (did SEED_DEMO run?)');
    const { rows: [agent] } = await c.query(`SELECT id, display_name AS "displayName" FROM users WHERE email = $1`, [DESK_AGENT_EMAIL]);
    if (!agent) throw new Error(`seed: the demo agent ${DESK_AGENT_EMAIL} is missing`);
    const started = nowMs();
    await c.query('BEGIN');
    const big = await insertTicket(c, { world, agent, lines, hours: 8, label: 'long-thread', contactName: 'Priya Longthread' });
    const small = await insertTicket(c, { world, agent, lines: smallLines, hours: 1, label: 'short-thread', contactName: 'Sam Shortchat' });
    await c.query('COMMIT');
    const seedMs = nowMs() - started;
    // A real installation has planner statistics (autovacuum); fresh bulk inserts do not yet.
    await c.query('ANALYZE messages, tickets, ticket_events, contacts');
    return { big, small, agent, seedMs };
  });
}

/** Baseline A: the bare read of the latest page (+1, as timelinePage asks) of `ticketId`, `runs` times on one connection. */
export async function latestPageBaseline(ownerUrl, ticketId, runs) {
  return await withClient(ownerUrl, async (c) => {
    const sql = `SELECT m.id, m.ticket_id AS "ticketId", m.seq, m.direction, m.body, m.client_msg_id AS "clientMsgId", m.author_name AS "authorName",
                        m.delivery_status AS "deliveryStatus", m.created_at AS "createdAt", m.subject, m.body_html AS "bodyHtml", m.attachments,
                        m.delivery_error AS "deliveryError", m.email_envelope AS email
                   FROM messages m WHERE m.ticket_id = $1 ORDER BY m.seq DESC LIMIT ${PAGE_SIZE + 1}`;
    const times = [];
    let rows = 0;
    for (let i = 0; i < runs + 5; i++) {
      const started = nowMs();
      const result = await c.query({ text: sql, values: [ticketId] });
      if (i >= 5) times.push(nowMs() - started); // the first five warm the plan and the cache
      rows = result.rowCount;
    }
    const { rows: [plan] } = await c.query(`EXPLAIN (FORMAT JSON) ${sql}`, [ticketId]);
    const top = plan['QUERY PLAN'][0].Plan;
    const node = top.Plans?.[0] ?? top;
    return { times, rows, plan: `${node['Node Type']}${node['Index Name'] ? ` on ${node['Index Name']}` : ''}` };
  });
}
