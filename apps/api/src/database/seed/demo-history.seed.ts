import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { addDays, localDate, localDayWindow, slaDueTimes } from '@switchboard/shared-domain';

/**
 * A month of finished ticket history for the demo clients, so the client portal has something to show on
 * a fresh `npm start`: chats, emails, social messages and calls over the last 35 local days (busier on
 * weekdays, Monday mornings understaffed), most answered and resolved with a reply, some abandoned in the
 * queue, with CSAT answers. Written the way the product writes tickets — `tickets`, `messages` and the
 * append-only `ticket_events` — so the reporting projector turns it into facts like any other ticket
 * (the trigger on `ticket_events` marks each one). Deterministic: the same day gives the same history.
 * Every ticket is closed (resolved or abandoned), so no queue, board or desk shows any of it.
 */

export const HISTORY_DAYS = 35;

interface ClientRow {
  id: string;
  slug: string;
  time_zone: string;
}
interface InboxRow {
  id: string;
  channel: 'voice' | 'email' | 'chat' | 'social';
  queue_id: string | null;
  /** The queue's SLA targets (null without a queue or target): stamped on the queued event as intake does. */
  sla_seconds: number | null;
  resolution_seconds: number | null;
  next_response_seconds: number | null;
}
interface AgentRow {
  id: string;
  display_name: string;
}

/** mulberry32: a tiny seeded generator (the history is the same every time for the same seed). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const CUSTOMER_LINES: Record<string, string[]> = {
  globex: [
    'Where is my parcel? Order GX-4821937 was due yesterday.',
    'I want to return a jacket that does not fit, how do I do that?',
    'The refund for my return has not arrived yet.',
    'My order arrived damaged, the box was crushed.',
    'Can I change the delivery address? You can reach me at sam.taylor@example.com',
    'Do you have the blue trainers in size 42 again?',
  ],
  northwind: [
    'I need to make a claim for water damage in my kitchen.',
    'When is my next premium due? My email is r.alvarez@example.com',
    'Can you send me my policy documents again?',
    'I would like to add my partner to my car insurance.',
    'Necesito ayuda con mi póliza de hogar, por favor.',
    'My claim reference is NW-220731, what is the status?',
  ],
};

const AGENT_LINES = [
  'Thanks for getting in touch — I have checked this for you and it is sorted now.',
  'Sorry for the trouble. I have arranged it and you will get a confirmation by email shortly.',
  'Happy to help. Here is what happens next, and you do not need to do anything else.',
  'I understand. I have passed this to the right team with a note, and updated your record.',
];

const pick = <T>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)];

/** A score 1–5, mostly satisfied. */
function csatScore(rand: () => number): number {
  const r = rand();
  return r < 0.55 ? 5 : r < 0.83 ? 4 : r < 0.91 ? 3 : r < 0.96 ? 2 : 1;
}

interface Rows {
  contacts: object[];
  tickets: object[];
  messages: object[];
  events: object[];
}

/** The history of one client, as rows to insert (contacts, tickets, messages, events in log order). */
export function clientHistory(client: ClientRow, inboxes: InboxRow[], agents: AgentRow[], today: string, seed: number): Rows {
  const rand = random(seed);
  const rows: Rows = { contacts: [], tickets: [], messages: [], events: [] };
  if (!inboxes.length || !agents.length) return rows;
  const contacts = Array.from({ length: 600 }, (_, i) => ({ id: randomUUID(), client_id: client.id, display_name: `Demo customer ${i + 1}` }));
  rows.contacts.push(...contacts);
  const lines = CUSTOMER_LINES[client.slug] ?? CUSTOMER_LINES['globex'];
  const iso = (ms: number) => new Date(ms).toISOString();

  for (let back = HISTORY_DAYS; back >= 1; back -= 1) {
    const date = addDays(today, -back);
    const dayStart = Date.parse(localDayWindow(date, client.time_zone).from);
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay(); // 0 Sunday … 6 Saturday
    const weekend = weekday === 0 || weekday === 6;
    const count = Math.round((weekend ? 9 : 22) * (0.75 + rand() * 0.5));
    for (let n = 0; n < count; n += 1) {
      const inbox = pick(rand, inboxes);
      const contact = pick(rand, contacts);
      const agent = pick(rand, agents);
      const minuteOfDay = 8 * 60 + Math.floor(rand() * 12 * 60);
      const created = dayStart + minuteOfDay * 60_000 + Math.floor(rand() * 60_000);
      // Monday mornings are understaffed: long waits and more abandons show on the heatmap.
      const busy = weekday === 1 && minuteOfDay < 11 * 60;
      const wait = Math.round(busy ? 15 + rand() * 120 : rand() < 0.85 ? 2 + rand() * 16 : 20 + rand() * 60);
      const abandons = rand() < (busy ? 0.25 : 0.05);
      const ticketId = randomUUID();
      const text = pick(rand, lines);
      const language = /[áéíóúñ]|Necesito/.test(text) ? 'es' : 'en';
      const subject = inbox.channel === 'email' ? text.split(/[.?!]/)[0].slice(0, 80) : null;
      const events: { type: string; at: number; actor: string | null; data: object }[] = [
        { type: 'created', at: created, actor: null, data: { channel: inbox.channel } },
        { type: 'message_received', at: created, actor: null, data: {} },
      ];
      const messages: { direction: string; author: string | null; name: string | null; body: string; at: number }[] = [{ direction: 'inbound', author: null, name: null, body: text, at: created }];
      let status = 'abandoned';
      let resolvedAt: number | null = null;
      let firstResponseAt: number | null = null;
      if (inbox.queue_id) {
        const due = slaDueTimes(iso(created + 500), { slaSeconds: inbox.sla_seconds, resolutionSeconds: inbox.resolution_seconds, nextResponseSeconds: inbox.next_response_seconds });
        events.push({ type: 'queued', at: created + 500, actor: null, data: { queueId: inbox.queue_id, ...due } });
      }
      if (abandons) {
        events.push({ type: 'abandoned', at: created + wait * 1000, actor: null, data: {} });
      } else {
        status = 'resolved';
        const answered = created + wait * 1000;
        events.push({ type: 'accepted', at: answered, actor: agent.id, data: { agentId: agent.id } });
        firstResponseAt = answered + Math.round((inbox.channel === 'email' ? 120 + rand() * 480 : 10 + rand() * 110) * 1000);
        const reply = pick(rand, AGENT_LINES);
        events.push({ type: 'reply', at: firstResponseAt, actor: agent.id, data: {} });
        messages.push({ direction: 'outbound', author: agent.id, name: agent.display_name, body: reply, at: firstResponseAt });
        if (inbox.channel === 'email') {
          // The reply is the work; the ticket then waits on the customer (pending, not handle time) and
          // is resolved hours later when no answer comes.
          events.push({ type: 'status_changed', at: firstResponseAt + 30_000, actor: agent.id, data: { from: 'open', to: 'pending' } });
          resolvedAt = firstResponseAt + Math.round((3_600 + rand() * 14_400) * 1000);
        } else {
          // Voice and conversations: a few minutes of work after the first reply.
          resolvedAt = firstResponseAt + Math.round((60 + rand() * (inbox.channel === 'voice' ? 360 : 600)) * 1000);
        }
        events.push({ type: 'resolved', at: resolvedAt, actor: agent.id, data: {} });
        if (rand() < 0.55) {
          events.push({ type: 'csat_requested', at: resolvedAt + 1000, actor: null, data: {} });
          if (rand() < 0.7) events.push({ type: 'csat', at: resolvedAt + 60_000 + Math.floor(rand() * 3_600_000), actor: null, data: { score: csatScore(rand) } });
        }
      }
      const last = Math.max(...messages.map((m) => m.at));
      const end = Math.max(...events.map((e) => e.at));
      rows.tickets.push({
        id: ticketId,
        client_id: client.id,
        inbox_id: inbox.id,
        contact_id: contact.id,
        channel: inbox.channel,
        status,
        language,
        subject,
        assignee_id: abandons ? null : agent.id,
        last_agent_id: abandons ? null : agent.id,
        queue_id: inbox.queue_id,
        next_seq: messages.length + 1,
        created_at: iso(created),
        queued_at: inbox.queue_id ? iso(created + 500) : null,
        answered_at: abandons ? null : iso(created + wait * 1000),
        first_response_at: firstResponseAt === null ? null : iso(firstResponseAt),
        resolved_at: resolvedAt === null ? null : iso(resolvedAt),
        abandoned_at: abandons ? iso(created + wait * 1000) : null,
        last_message_at: iso(last),
        updated_at: iso(end),
      });
      messages.forEach((m, i) =>
        rows.messages.push({ client_id: client.id, ticket_id: ticketId, seq: i + 1, direction: m.direction, author_user_id: m.author, author_name: m.name, body: m.body, subject: i === 0 ? subject : null, created_at: iso(m.at) }),
      );
      for (const e of events) rows.events.push({ client_id: client.id, ticket_id: ticketId, type: e.type, at: iso(e.at), actor_user_id: e.actor, data: e.data });
    }
  }
  return rows;
}

/** Writes the demo history of every demo client (inside the caller's transaction). Returns the number of tickets. */
export async function seedDemoHistory(db: Client, now = new Date()): Promise<number> {
  const { rows: clients } = await db.query<ClientRow>(`SELECT id, slug, time_zone FROM clients WHERE slug IN ('globex', 'northwind') ORDER BY slug`);
  let tickets = 0;
  for (const [index, client] of clients.entries()) {
    const { rows: inboxes } = await db.query<InboxRow>(
      `SELECT i.id, i.channel, q.id AS queue_id, q.sla_seconds, q.resolution_seconds, q.next_response_seconds FROM inboxes i LEFT JOIN queues q ON q.id = (i.routing->>'defaultQueueId')::uuid AND q.client_id = i.client_id WHERE i.client_id = $1 ORDER BY i.name`,
      [client.id],
    );
    const { rows: agents } = await db.query<AgentRow>(
      `SELECT u.id, u.display_name FROM users u JOIN staff_clients sc ON sc.user_id = u.id WHERE sc.client_id = $1 AND u.role = 'agent' ORDER BY u.email`,
      [client.id],
    );
    const today = localDate(now, client.time_zone);
    const rows = clientHistory(client, inboxes, agents, today, 20_261_202 + index);
    const insert = (table: string, columns: string, types: string, records: object[]) =>
      db.query(`INSERT INTO ${table} (${columns}) SELECT ${columns} FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS a(doc, ord), jsonb_to_record(a.doc) AS r(${types}) ORDER BY a.ord`, [JSON.stringify(records)]);
    await insert('contacts', 'id, client_id, display_name', 'id uuid, client_id uuid, display_name text', rows.contacts);
    await insert(
      'tickets',
      'id, client_id, inbox_id, contact_id, channel, status, language, subject, assignee_id, last_agent_id, queue_id, next_seq, created_at, queued_at, answered_at, first_response_at, resolved_at, abandoned_at, last_message_at, updated_at',
      'id uuid, client_id uuid, inbox_id uuid, contact_id uuid, channel text, status text, language text, subject text, assignee_id uuid, last_agent_id uuid, queue_id uuid, next_seq int, created_at timestamptz, queued_at timestamptz, answered_at timestamptz, first_response_at timestamptz, resolved_at timestamptz, abandoned_at timestamptz, last_message_at timestamptz, updated_at timestamptz',
      rows.tickets,
    );
    await insert(
      'messages',
      'client_id, ticket_id, seq, direction, author_user_id, author_name, body, subject, created_at',
      'client_id uuid, ticket_id uuid, seq int, direction text, author_user_id uuid, author_name text, body text, subject text, created_at timestamptz',
      rows.messages,
    );
    await insert('ticket_events', 'client_id, ticket_id, type, at, actor_user_id, data', 'client_id uuid, ticket_id uuid, type text, at timestamptz, actor_user_id uuid, data jsonb', rows.events);
    tickets += rows.tickets.length;
  }
  return tickets;
}
