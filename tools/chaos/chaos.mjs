#!/usr/bin/env node
// `npm run chaos`: three API nodes + Redis + PostgreSQL on this machine (loopback only), agents and
// customers exchanging messages while sockets are cut at random, one node is killed (SIGKILL) and
// restarted, and Redis is cut and restored (through a proxy: the machine's Redis is never touched).
// Then, from the database: every message stored once, every recipient saw every message meant for it
// (live or by catch-up), no ticket accepted twice; and how long catching up after a reconnect took.
// Bounded: --seconds of traffic plus at most --drain-seconds to settle; counts set by the options.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { io } from 'socket.io-client';
import { buildWithNx, rerunWithOpenFilesRaised } from '../bench/bench-api.mjs';
import { seed, withClient } from '../bench/bench-db.mjs';
import { fmtLoadAverage, percentile } from '../bench/bench-lib.mjs';
import { Cluster } from './cluster.mjs';

const USAGE = `Usage: npm run chaos -- [--agents 500] [--customers 500] [--messages 3] [--seconds 90] [--drain-seconds 60]
                         [--kill-every-ms 400] [--kill-per-tick 5] [--no-build] [--keep-logs]
  DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres): a throwaway database is made there and dropped.
  REDIS_URL (default redis://127.0.0.1:6379): reached through a proxy this run cuts; a stream of the run's own.`;

function options(argv) {
  const o = { agents: 500, customers: 500, messages: 3, seconds: 90, 'drain-seconds': 60, 'kill-every-ms': 400, 'kill-per-tick': 5, build: true, keepLogs: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else if (a === '--no-build') o.build = false;
    else if (a === '--keep-logs') o.keepLogs = true;
    else if (a.startsWith('--') && a.slice(2) in o && typeof o[a.slice(2)] === 'number') {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 0) throw new Error(`${a}: a whole number, got ${argv[i]}`);
      o[a.slice(2)] = n;
    } else throw new Error(`unknown option ${a}\n${USAGE}`);
  }
  if (o.agents < 1 || o.customers < 1 || o.messages < 1) throw new Error('--agents, --customers and --messages must be at least 1');
  return o;
}

const say = (line) => process.stdout.write(`· ${line}\n`);
const ackOf = (socket, event, payload, timeoutMs = 8_000) =>
  socket
    .timeout(timeoutMs)
    .emitWithAck(event, payload)
    .catch(() => ({ ok: false, error: { code: 'TIMEOUT' } }));

/**
 * The highest seq up to which nothing is missing: `settled` (the last catch-up's lastSeq: everything up
 * to it was answered, and a customer's gaps below it are internal notes), then every seq held after it
 * without a gap. A customer's own send never moves it past a reply it has not received.
 */
// The same rule as advanceCursor in libs/shared/domain/src/catch-up.util.ts (this script runs without a build step).
function cursorOf(seqs, settled) {
  let c = settled;
  for (const s of [...seqs].sort((a, b) => a - b)) {
    if (s <= c) continue;
    if (s === c + 1) c = s;
    else break;
  }
  return c;
}

/** A participant's view: every message it holds per ticket (by id), and its catch-up after each reconnect. */
class Viewer {
  constructor(kind, contiguous) {
    Object.assign(this, { kind, contiguous, tickets: new Map(), settled: new Map(), resyncMs: [], reconnects: 0, syncErrors: [] });
  }
  hold(message) {
    let t = this.tickets.get(message.ticketId);
    if (!t) this.tickets.set(message.ticketId, (t = new Map()));
    const fresh = !t.has(message.id);
    t.set(message.id, message);
    return fresh;
  }
  async catchUp(socket) {
    if (this.tickets.size === 0 || !socket.connected) return;
    const started = performance.now();
    let cursors = [...this.tickets].map(([ticketId, held]) => ({ ticketId, afterSeq: cursorOf([...held.values()].map((m) => m.seq), this.settled.get(ticketId) ?? 0) }));
    while (cursors.length) {
      const ack = await ackOf(socket, 'messages.sync', { cursors: cursors.slice(0, 100) });
      if (!ack.ok) {
        // Busy, database away, rate-limited, or the socket dropped: a client tries again, as the console does.
        this.syncErrors.push(ack.error.code);
        if (performance.now() - started > 60_000) return;
        await sleep(ack.error.code === 'RATE_LIMITED' ? 2_000 : 300 + Math.random() * 700);
        if (!socket.connected) return; // the next connect runs its own catch-up
        continue;
      }
      const again = [];
      for (const t of ack.data.tickets) {
        for (const m of t.messages) this.onCaughtUp?.(m, this.hold(m));
        if (t.more) again.push({ ticketId: t.ticketId, afterSeq: t.messages[t.messages.length - 1].seq });
        else this.settled.set(t.ticketId, Math.max(this.settled.get(t.ticketId) ?? 0, t.lastSeq));
      }
      cursors = [...again, ...cursors.slice(100)];
    }
    this.resyncMs.push(performance.now() - started);
  }
}

async function main() {
  const o = options(process.argv.slice(2));
  rerunWithOpenFilesRaised(new URL(import.meta.url).pathname, (o.agents + o.customers) * 3 + 1_000);
  const databaseUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
  const work = mkdtempSync(join(tmpdir(), 'switchboard-chaos-'));
  const load = { before: loadavg() };
  if (o.build) {
    const failed = buildWithNx({ say, notes: [] }, ['build', 'api'], { announce: 'building the API (nx build api)', failure: 'the build failed', failureNote: 'nx build api' });
    if (failed) throw new Error(failed);
  }
  const perNode = Math.max(60, Math.ceil(((o.agents + o.customers) / 3) * 0.2));
  const cluster = new Cluster({
    databaseUrl,
    redisUrl,
    nodes: 3,
    work,
    say,
    apiLog: 'warn',
    // Reconnect storms of one identity are what the run makes on purpose; 500 customers share one address.
    env: { RECONNECTS_PER_MINUTE: String(Math.max(120, perNode)), ROUTING_TICK_MS: '250', DATABASE_POOL_SIZE: '12', PRESENCE_GRACE_SECONDS: '60' },
  });
  let interrupted = false;
  process.on('SIGINT', () => (interrupted = true));
  const sockets = [];
  try {
    await cluster.start();
    say(`3 nodes on ${cluster.nodes.map((n) => n.port).join(', ')}, balancer ${cluster.url}, Redis via proxy ${cluster.redis.url}`);
    const clients = Math.max(1, Math.ceil(o.agents / 100));
    const world = await seed(cluster.ownerUrl, { agents: o.agents, clients, capacity: { chat: Math.ceil(o.customers / o.agents) + 2, email: 5 }, jwtSecret: cluster.jwtSecret });
    say(`seeded ${o.agents} agents over ${clients} clients`);

    const socketOptions = { transports: ['websocket'], reconnectionDelay: 100, reconnectionDelayMax: 1_000, randomizationFactor: 0.5, forceNew: true };
    const stats = { sent: 0, sendRetries: 0, replies: 0, replyRetries: 0, accepts: 0, acceptRefused: 0, cuts: 0 };

    // Bounded: nothing is sent (or retried) after the traffic window and the settle time are over.
    let hardStop = Infinity;

    // ---- agents ------------------------------------------------------------------------------------
    const agents = await Promise.all(
      world.agents.map(async (a) => {
        const view = new Viewer('agent', true);
        const socket = io(`${cluster.url}/agent`, { ...socketOptions, auth: { token: a.token } });
        sockets.push(socket);
        const agent = { ...a, socket, view, mine: new Set(), replied: new Set() };
        const reply = async (m) => {
          if (m.direction !== 'inbound' || !agent.mine.has(m.ticketId) || agent.replied.has(m.id)) return;
          agent.replied.add(m.id);
          const clientMsgId = `r-${m.clientMsgId ?? m.id}`;
          for (let attempt = 0; attempt < 30 && !interrupted && Date.now() < hardStop + 30_000; attempt++) {
            const r = await fetch(`${cluster.url}/api/tickets/${m.ticketId}/messages`, {
              method: 'POST',
              headers: { authorization: `Bearer ${a.token}`, 'content-type': 'application/json' },
              body: JSON.stringify({ clientMsgId, kind: 'reply', body: `Re: ${m.body}` }),
              signal: AbortSignal.timeout(8_000),
            }).catch(() => null);
            if (r?.status === 201) {
              stats.replies++;
              return;
            }
            stats.replyRetries++;
            await sleep(300);
          }
        };
        view.onCaughtUp = (m) => void reply(m);
        socket.on('message.created', (m) => {
          view.hold(m);
          void reply(m);
        });
        const take = async (ticketId) => {
          if (agent.mine.has(ticketId)) return;
          agent.mine.add(ticketId);
          view.tickets.has(ticketId) || view.tickets.set(ticketId, new Map());
          await view.catchUp(socket);
        };
        socket.on('ticket.offered', async (offer) => {
          const ack = await ackOf(socket, 'offer.accept', { offerId: offer.id });
          if (!ack.ok) return stats.acceptRefused++;
          stats.accepts++;
          await take(offer.ticketId);
        });
        socket.on('ticket.assigned', (event) => event.agentId === a.id && void take(event.ticketId));
        // As the console does after a reconnect: its inbox (tickets assigned to it) from the API, in case an
        // accept's answer or a ticket.assigned was lost with the connection.
        agent.reconcile = async () => {
          for (let attempt = 0; attempt < 20 && Date.now() < hardStop + 60_000; attempt++) {
            const r = await fetch(`${cluster.url}/api/tickets?assignee=me&limit=100`, { headers: { authorization: `Bearer ${a.token}` }, signal: AbortSignal.timeout(8_000) }).catch(() => null);
            if (r?.ok) {
              for (const t of (await r.json()).items) await take(t.id);
              return;
            }
            await sleep(500 + Math.random() * 1_000);
          }
        };
        const ready = async () => {
          await ackOf(socket, 'presence.set', { state: 'available' });
        };
        socket.on('connect', () => {
          if (agent.connectedOnce) {
            view.reconnects++;
            void view.catchUp(socket).then(() => agent.reconcile());
          }
          agent.connectedOnce = true;
          void ready();
        });
        socket.on('sync.required', () => void view.catchUp(socket));
        await new Promise((resolve) => (socket.connected ? resolve() : socket.once('connect', resolve)));
        return agent;
      }),
    );
    say(`${agents.length} agents connected and available`);

    // ---- customers -----------------------------------------------------------------------------------
    const customers = Array.from({ length: o.customers }, (_, i) => ({ index: i, client: world.clients[i % world.clients.length], view: new Viewer('customer', false), sentIds: [] }));
    const connectCustomer = async (c) => {
      const socket = io(`${cluster.url}/customer`, { ...socketOptions, auth: { inboxKey: c.client.widgetKey } });
      sockets.push(socket);
      c.socket = socket;
      socket.on('message.created', (m) => c.view.hold(m));
      socket.on('visitor.session', (s) => {
        c.visitorToken = s.visitorToken;
        socket.auth = { inboxKey: c.client.widgetKey, visitorToken: s.visitorToken };
      });
      socket.on('connect', () => {
        if (c.connectedOnce) {
          c.view.reconnects++;
          void c.view.catchUp(socket);
        }
        c.connectedOnce = true;
      });
      socket.on('sync.required', () => void c.view.catchUp(socket));
      await new Promise((resolve) => socket.once('visitor.session', resolve));
    };
    for (let i = 0; i < customers.length; i += 50) await Promise.all(customers.slice(i, i + 50).map(connectCustomer));
    say(`${customers.length} customers connected`);

    const sendOne = async (c, j) => {
      const clientMsgId = randomUUID();
      const body = `c${c.index}-m${j}`;
      for (let attempt = 0; !interrupted && Date.now() < hardStop; attempt++) {
        if (!c.socket.connected) {
          await sleep(100);
          continue;
        }
        const ack = await ackOf(c.socket, 'message.send', { clientMsgId, body });
        if (ack.ok) {
          c.view.hold(ack.data);
          c.sentIds.push(ack.data.id);
          stats.sent++;
          return;
        }
        stats.sendRetries++;
        await sleep(200);
      }
    };

    // ---- traffic with chaos ----------------------------------------------------------------------------
    const started = Date.now();
    const endAt = started + o.seconds * 1000;
    hardStop = endAt + o['drain-seconds'] * 1000;
    const events = [];
    const chaos = (async () => {
      const killAt = started + o.seconds * 250;
      const redisAt = started + o.seconds * 600;
      let killed = false;
      let redisCut = false;
      while (Date.now() < endAt && !interrupted) {
        for (let k = 0; k < o['kill-per-tick']; k++) {
          const s = sockets[Math.floor(Math.random() * sockets.length)];
          if (s.connected) {
            s.io.engine.close();
            stats.cuts++;
          }
        }
        if (!killed && Date.now() >= killAt) {
          killed = true;
          events.push(`node 2 SIGKILL at ${((Date.now() - started) / 1000).toFixed(1)} s`);
          await cluster.killNode(1);
          void sleep(3_000).then(async () => {
            const ms = await cluster.startNode(1);
            events.push(`node 2 back (${(ms / 1000).toFixed(1)} s to ready) at ${((Date.now() - started) / 1000).toFixed(1)} s`);
          });
        }
        if (!redisCut && Date.now() >= redisAt) {
          redisCut = true;
          events.push(`Redis cut at ${((Date.now() - started) / 1000).toFixed(1)} s`);
          await cluster.redis.stop();
          void sleep(3_000).then(async () => {
            await cluster.redis.start();
            events.push(`Redis back at ${((Date.now() - started) / 1000).toFixed(1)} s`);
          });
        }
        await sleep(o['kill-every-ms']);
      }
    })();
    // Each customer sends its messages spread over the traffic window (after the first, one every gap).
    const gapMs = Math.max(200, Math.floor((o.seconds * 1000 * 0.8) / o.messages));
    await Promise.all(
      customers.map(async (c) => {
        await sleep(Math.random() * Math.min(gapMs, 5_000));
        for (let j = 0; j < o.messages && !interrupted && Date.now() < hardStop; j++) {
          await sendOne(c, j);
          await sleep(gapMs * (0.5 + Math.random()));
        }
      }),
    );
    await chaos;
    say(`traffic done in ${((Date.now() - started) / 1000).toFixed(0)} s: ${stats.sent} customer messages, ${stats.cuts} sockets cut; ${events.join('; ')}`);

    // ---- settle: every reply written, everyone caught up ----------------------------------------------
    const settleUntil = Math.max(Date.now() + 15_000, hardStop);
    await Promise.all(agents.map((a) => a.reconcile()));
    const expected = async () =>
      withClient(cluster.ownerUrl, async (db) => {
        const { rows } = await db.query(`SELECT count(*) FILTER (WHERE direction = 'inbound')::int AS inbound, count(*) FILTER (WHERE direction = 'outbound')::int AS outbound FROM messages`);
        return rows[0];
      });
    for (;;) {
      const counts = await expected();
      if ((counts.inbound === counts.outbound && counts.inbound >= stats.sent) || Date.now() > settleUntil || interrupted) break;
      await sleep(1_000);
    }
    // Wait until every socket is connected, then a final catch-up round for all.
    while (sockets.some((s) => !s.connected) && Date.now() < settleUntil) await sleep(200);
    await Promise.all(agents.map((a) => a.reconcile()));
    const finalStarted = performance.now();
    await Promise.all([...agents.map((a) => a.view.catchUp(a.socket)), ...customers.map((c) => c.view.catchUp(c.socket))]);
    const finalMs = performance.now() - finalStarted;

    // ---- verdict, from the database --------------------------------------------------------------------
    const verdict = await withClient(cluster.ownerUrl, async (db) => {
      const dupBodies = (await db.query(`SELECT body, count(*)::int AS n FROM messages GROUP BY ticket_id, direction, body HAVING count(*) > 1`)).rows;
      const messages = (await db.query(`SELECT m.id, m.ticket_id, m.direction, m.seq, m.created_at, t.assignee_id FROM messages m JOIN tickets t ON t.id = m.ticket_id`)).rows;
      const twice = (
        await db.query(`SELECT ticket_id FROM offers WHERE status = 'accepted' GROUP BY ticket_id HAVING count(*) > 1
                          UNION SELECT ticket_id FROM ticket_events WHERE type = 'assigned' GROUP BY ticket_id HAVING count(*) > 1`)
      ).rows;
      const unassigned = (await db.query(`SELECT count(*)::int AS n FROM tickets WHERE assignee_id IS NULL`)).rows[0].n;
      return { dupBodies, messages, twice, unassigned };
    });
    const agentById = new Map(agents.map((a) => [a.id, a]));
    const customerByTicket = new Map();
    let shared = 0;
    for (const c of customers) for (const ticketId of c.view.tickets.keys()) (customerByTicket.has(ticketId) && shared++, customerByTicket.set(ticketId, c));
    if (shared) process.stdout.write(`  (${shared} tickets held by more than one customer's view)\n`);
    const why = { 'agent offline at the end': 0, 'agent never heard of the ticket': 0, 'agent knew the ticket, not the line': 0, 'customer offline at the end': 0, 'customer connected, line missing': 0 };
    let lostToAgents = 0;
    let lostToCustomers = 0;
    const lostExamples = [];
    for (const m of verdict.messages) {
      if (m.direction === 'inbound' && m.assignee_id) {
        const agent = agentById.get(m.assignee_id);
        const held = agent?.view.tickets.get(m.ticket_id);
        if (!held?.has(m.id)) {
          lostToAgents++;
          why[!agent?.socket.connected ? 'agent offline at the end' : !held ? 'agent never heard of the ticket' : 'agent knew the ticket, not the line']++;
          if (lostExamples.length < 5) lostExamples.push(`inbound ${m.id} of ticket ${m.ticket_id} not seen by its agent`);
        }
      }
      if (m.direction === 'outbound') {
        const customer = customerByTicket.get(m.ticket_id);
        const held = customer?.view.tickets.get(m.ticket_id);
        if (!held?.has(m.id)) {
          lostToCustomers++;
          why[!customer?.socket.connected ? 'customer offline at the end' : 'customer connected, line missing']++;
          if (lostExamples.length < 5) lostExamples.push(`reply seq ${m.seq} at ${m.created_at.toISOString()} of ticket ${m.ticket_id} not seen by its customer (holds seqs ${held ? [...held.values()].map((x) => x.seq).sort((x, y) => x - y).join(',') : '–'}, settled ${customer?.view.settled.get(m.ticket_id)})`);
        }
      }
    }
    const inbound = verdict.messages.filter((m) => m.direction === 'inbound').length;
    const outbound = verdict.messages.filter((m) => m.direction === 'outbound').length;
    const resync = [...agents, ...customers].flatMap((p) => p.view.resyncMs);
    const reconnects = [...agents, ...customers].reduce((s, p) => s + p.view.reconnects, 0);
    const syncErrors = [...agents, ...customers].flatMap((p) => p.view.syncErrors);
    // Acked but not stored would be a loss; stored but never acked (the ack died with a socket, the retry deduplicated) is not.
    const lost = lostToAgents + lostToCustomers + Math.max(0, stats.sent - inbound);
    const duplicated = verdict.dupBodies.length;
    const rows = [
      ['agents / customers', `${o.agents} / ${o.customers}`],
      ['customer messages acked / stored / planned', `${stats.sent} / ${inbound} / ${o.customers * o.messages} (send retries ${stats.sendRetries}; a send not acked by the end is not counted as sent)`],
      ['agent replies stored', `${outbound} (expected ${inbound}; retries ${stats.replyRetries})`],
      ['sockets cut at random / reconnects', `${stats.cuts} / ${reconnects}`],
      ['chaos', events.join('; ')],
      ['lost', `${lost} (agents missed ${lostToAgents}, customers missed ${lostToCustomers})`],
      ['  of which', Object.entries(why).filter(([, n]) => n).map(([k, n]) => `${k}: ${n}`).join('; ') || '–'],
      ['sockets not connected at the end', String(sockets.filter((x) => !x.connected).length)],
      ['duplicated (same text stored twice)', String(duplicated)],
      ['tickets assigned twice', String(verdict.twice.length)],
      ['tickets never assigned', String(verdict.unassigned)],
      ['catch-ups after reconnect: count / p50 / p99 / max', resync.length ? `${resync.length} / ${percentile(resync, 50).toFixed(0)} ms / ${percentile(resync, 99).toFixed(0)} ms / ${Math.max(...resync).toFixed(0)} ms` : '–'],
      ['final catch-up of everyone', `${finalMs.toFixed(0)} ms`],
      ['catch-up attempts refused, then retried', syncErrors.length ? `${syncErrors.length} (${[...new Set(syncErrors)].join(', ')})` : '0'],
      ['load average before / after (1, 5, 15 min)', `${fmtLoadAverage(load.before)} → ${fmtLoadAverage(loadavg())}`],
    ];
    const width = Math.max(...rows.map((r) => r[0].length));
    process.stdout.write(`\nChaos run (3 nodes, Redis, PostgreSQL; loopback)\n${rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join('\n')}\n`);
    if (lostExamples.length) process.stdout.write(`  examples: ${lostExamples.join('; ')}\n`);
    const pass = lost === 0 && duplicated === 0 && verdict.twice.length === 0 && outbound === inbound;
    process.stdout.write(`\n${pass ? 'PASS' : 'FAIL'}: ${lost} lost, ${duplicated} duplicated, ${verdict.twice.length} assigned twice${outbound === inbound ? '' : `, ${inbound - outbound} customer messages without a reply`}\n`);
    process.exitCode = pass ? 0 : 1;
  } finally {
    for (const s of sockets) s.disconnect();
    await cluster.stop();
    if (!o.keepLogs && process.exitCode === 0) rmSync(work, { recursive: true, force: true });
    else process.stdout.write(`logs kept in ${work}\n`);
  }
}

main().catch((error) => {
  process.stderr.write(`chaos: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
