#!/usr/bin/env node
// `npm run bench`: one run, one table. Baselines (a bare Socket.IO relay, bare PostgreSQL inserts) and
// the system (customer → agent delivery through the real API: persisted, then fanned out), at fixed
// rates and flat out, offer latency, idle sockets one node holds and its RSS per socket, one node vs
// two nodes over Redis — with the ratios. The machine is shared: the load average is printed with it.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { io } from 'socket.io-client';
// The chaos run's cluster of API nodes (tools/chaos is not an Nx project of its own: plain scripts).
// eslint-disable-next-line @nx/enforce-module-boundaries
import { Cluster } from '../chaos/cluster.mjs';
import { buildWithNx, rerunWithOpenFilesRaised, ROOT, spawnNode } from './bench-api.mjs';
import { seed, withClient } from './bench-db.mjs';
import { fmtLoadAverage, nowMs, percentile } from './bench-lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const USAGE = `Usage: npm run bench -- [--rates 100,500,1000] [--seconds 8] [--conversations 50] [--sockets 10000] [--no-build]
  DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres), REDIS_URL (default redis://127.0.0.1:6379).`;
const BODY = 'Hello, my order #1042 has not arrived yet — can you check where it is?';

function options(argv) {
  const o = { rates: [100, 500, 1000], seconds: 8, conversations: 50, sockets: 10_000, build: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    }
    else if (a === '--no-build') o.build = false;
    else if (a === '--rates') o.rates = argv[++i].split(',').map(Number);
    else if (['--seconds', '--conversations', '--sockets'].includes(a)) o[a.slice(2)] = Number(argv[++i]);
    else throw new Error(`unknown option ${a}\n${USAGE}`);
  }
  if (o.rates.some((r) => !(r > 0)) || !(o.seconds > 0) || !(o.conversations > 0) || !(o.sockets >= 0)) throw new Error(USAGE);
  return o;
}
const say = (line) => process.stdout.write(`· ${line}\n`);
const connected = (socket) => new Promise((resolve, reject) => (socket.connected ? resolve() : (socket.once('connect', resolve), socket.once('connect_error', reject))));
const fmt = (ms) => (ms === null || ms === undefined ? '–' : ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`);
const rate = (n) => (n === null || n === undefined ? '–' : `${Math.round(n).toLocaleString('en-US')}/s`);

/** Sends `count` messages at `perSecond` with `send(i)`, paced in 10 ms slices. */
async function paced(count, perSecond, send) {
  const started = nowMs();
  for (let i = 0; i < count; ) {
    const due = Math.min(count, Math.floor(((nowMs() - started) / 1000) * perSecond) + 1);
    for (; i < due; i++) send(i);
    await sleep(10);
  }
}

/** Waits until `done()` or `ms` passed. */
async function settle(done, ms) {
  const until = nowMs() + ms;
  while (!done() && nowMs() < until) await sleep(20);
}

// ---- baselines ---------------------------------------------------------------------------------------

async function relayBaseline(o) {
  const child = spawnNode([join(here, 'relay-server.mjs')], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  try {
    const port = await new Promise((resolve, reject) => {
      child.once('message', (m) => resolve(m.port));
      child.once('exit', (code) => reject(new Error(`relay server exited (${code})`)));
    });
    const url = `http://127.0.0.1:${port}/relay`;
    const sender = io(url, { transports: ['websocket'], forceNew: true });
    const receiver = io(url, { transports: ['websocket'], forceNew: true });
    await Promise.all([connected(sender), connected(receiver)]);
    const got = new Map();
    receiver.on('relayed', (p) => got.set(p.i, nowMs() - p.t));
    const fixed = {};
    let base = 0;
    for (const r of o.rates) {
      const count = Math.round(r * o.seconds);
      await paced(count, r, (i) => sender.emit('relay', { i: base + i, t: nowMs(), body: BODY }));
      await settle(() => got.size >= base + count, 5_000);
      const lat = [...got.entries()].filter(([i]) => i >= base).map(([, l]) => l);
      fixed[r] = { p50: percentile(lat, 50), p99: percentile(lat, 99), lost: count - lat.length };
      base += count;
    }
    // Flat out: a window of in-flight messages as wide as the system's (one per conversation).
    let inFlight = 0;
    let delivered = 0;
    const t0 = nowMs();
    const end = t0 + o.seconds * 1000;
    receiver.off('relayed');
    receiver.on('relayed', () => (inFlight--, delivered++));
    while (nowMs() < end) {
      while (inFlight < o.conversations) {
        inFlight++;
        sender.emit('relay', { i: -1, t: nowMs(), body: BODY });
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    const maxRate = (delivered / (nowMs() - t0)) * 1000;
    sender.disconnect();
    receiver.disconnect();
    return { fixed, maxRate };
  } finally {
    child.send?.({ cmd: 'stop' });
  }
}

async function insertBaseline(ownerUrl, o) {
  const table = `bench_insert_${process.pid}`;
  await withClient(ownerUrl, (c) => c.query(`CREATE TABLE ${table} (id bigserial PRIMARY KEY, ticket_id uuid NOT NULL, seq int NOT NULL, body text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`));
  const workers = 8;
  const clients = await Promise.all(Array.from({ length: workers }, async () => {
    const c = new pg.Client({ connectionString: ownerUrl });
    await c.connect();
    return c;
  }));
  let rows = 0;
  const t0 = nowMs();
  const end = t0 + o.seconds * 1000;
  await Promise.all(clients.map(async (c) => {
    const ticket = randomUUID();
    for (let seq = 1; nowMs() < end; seq++) {
      await c.query(`INSERT INTO ${table} (ticket_id, seq, body) VALUES ($1, $2, $3)`, [ticket, seq, BODY]);
      rows++;
    }
  }));
  const perSecond = (rows / (nowMs() - t0)) * 1000;
  await Promise.all(clients.map((c) => c.end()));
  await withClient(ownerUrl, (c) => c.query(`DROP TABLE ${table}`));
  return { perSecond, workers };
}

// ---- the system --------------------------------------------------------------------------------------

async function conversations(cluster, o, world) {
  const sockets = [];
  const offered = new Map();
  const agents = await Promise.all(world.agents.map(async (a) => {
    const socket = io(`${cluster.nodeUrl(0)}/agent`, { transports: ['websocket'], forceNew: true, auth: { token: a.token } });
    sockets.push(socket);
    socket.on('ticket.offered', (offer) => {
      offered.get(offer.ticketId)?.(nowMs());
      void socket.timeout(10_000).emitWithAck('offer.accept', { offerId: offer.id }).catch(() => undefined);
    });
    await connected(socket);
    await socket.timeout(10_000).emitWithAck('presence.set', { state: 'available' });
    return { ...a, socket };
  }));
  const offerMs = [];
  const customers = [];
  for (let i = 0; i < o.conversations; i++) {
    const socket = io(`${cluster.nodeUrl(0)}/customer`, { transports: ['websocket'], forceNew: true, auth: { inboxKey: world.clients[0].widgetKey } });
    sockets.push(socket);
    await new Promise((resolve) => socket.once('visitor.session', resolve));
    const sentAt = nowMs();
    const ack = await socket.timeout(10_000).emitWithAck('message.send', { clientMsgId: randomUUID(), body: BODY });
    if (!ack.ok) throw new Error(`first message refused: ${ack.error.code}`);
    const ticketId = ack.data.ticketId;
    const ackAt = nowMs();
    offered.set(ticketId, (at) => offerMs.push(at - ackAt));
    customers.push({ socket, ticketId, sentAt });
  }
  // Every conversation assigned before delivery is measured.
  const assigned = async () => (await withClient(cluster.ownerUrl, (c) => c.query(`SELECT count(*)::int AS n FROM tickets WHERE status = 'assigned'`))).rows[0].n;
  for (let i = 0; i < 150 && (await assigned()) < o.conversations; i++) await sleep(200);
  // A conversation still waiting for an agent has nobody to hear it: its messages count as not heard.
  return { agents, customers, sockets, offerMs, assigned: await assigned() };
}

/**
 * A unique message body with no digits: a uuid's digit runs are now and then a Luhn-valid "card
 * number" (about 1 in 400), which intake masks, so the agent hears a different body than was sent
 * and the message counted as not heard.
 */
const uniqueWord = () => randomUUID().replace(/[0-9]/g, (d) => 'ghijklmnop'[Number(d)]);

/** Customer → agent: each customer message, acked once committed, timed until an agent socket hears it. */
function deliveryMeter(agents) {
  const sentAt = new Map();
  const lat = [];
  const handler = (m) => {
    const t = sentAt.get(m.body);
    if (t !== undefined) {
      sentAt.delete(m.body);
      lat.push(nowMs() - t);
    }
  };
  for (const a of agents) a.socket.on('message.created', handler);
  return {
    sentAt,
    lat,
    stop: () => agents.forEach((a) => a.socket.off('message.created', handler)),
  };
}

async function deliveryAt(customers, agents, perSecond, seconds) {
  const meter = deliveryMeter(agents);
  const count = Math.round(perSecond * seconds);
  let refused = 0;
  const t0 = nowMs();
  await paced(count, perSecond, (i) => {
    const c = customers[i % customers.length];
    const body = `m-${uniqueWord()}`;
    meter.sentAt.set(body, nowMs());
    c.socket.timeout(20_000).emitWithAck('message.send', { clientMsgId: randomUUID(), body }).then((ack) => ack.ok || refused++, () => refused++);
  });
  const sendSeconds = (nowMs() - t0) / 1000;
  await settle(() => meter.lat.length + refused >= count, 20_000);
  const elapsed = (nowMs() - t0) / 1000;
  meter.stop();
  return { offered: perSecond, p50: percentile(meter.lat, 50), p99: percentile(meter.lat, 99), delivered: meter.lat.length, count, refused, achieved: meter.lat.length / Math.max(elapsed, sendSeconds) };
}

/** Flat out: every customer sends its next message as soon as the previous one was acked. */
async function deliveryMax(customers, agents, seconds) {
  const meter = deliveryMeter(agents);
  const end = nowMs() + seconds * 1000;
  const t0 = nowMs();
  await Promise.all(customers.map(async (c) => {
    while (nowMs() < end) {
      const body = `x-${uniqueWord()}`;
      meter.sentAt.set(body, nowMs());
      await c.socket.timeout(20_000).emitWithAck('message.send', { clientMsgId: randomUUID(), body }).catch(() => undefined);
    }
  }));
  await settle(() => meter.sentAt.size === 0, 10_000);
  const perSecond = (meter.lat.length / (nowMs() - t0)) * 1000;
  meter.stop();
  return { perSecond, p99: percentile(meter.lat, 99) };
}

async function socketsHeld(cluster, count, widgetKey, node) {
  if (count === 0) return null;
  const before = cluster.rssKb(node);
  const sockets = [];
  let refused = 0;
  for (let i = 0; i < count; i += 250) {
    await Promise.all(Array.from({ length: Math.min(250, count - i) }, async () => {
      const s = io(`${cluster.nodeUrl(node)}/customer`, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { inboxKey: widgetKey } });
      sockets.push(s);
      await new Promise((resolve) => (s.once('visitor.session', resolve), s.once('connect_error', () => (refused++, resolve()))));
    }));
  }
  await sleep(2_000);
  const after = cluster.rssKb(node);
  const held = count - refused;
  for (const s of sockets) s.disconnect();
  return { held, refused, beforeKb: before, afterKb: after, perSocketKb: held ? (after - before) / held : null };
}

async function main() {
  const o = options(process.argv.slice(2));
  rerunWithOpenFilesRaised(fileURLToPath(import.meta.url), o.sockets * 2 + 2_000);
  const load = { before: loadavg() };
  if (o.build) {
    const failed = buildWithNx({ say, notes: [] }, ['build', 'api'], { announce: 'building the API (nx build api)', failure: 'the build failed', failureNote: 'nx build api' });
    if (failed) throw new Error(failed);
  }
  const work = mkdtempSync(join(tmpdir(), 'switchboard-bench-'));
  const databaseUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const cluster = new Cluster({
    databaseUrl,
    redisUrl: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
    nodes: 2,
    work,
    say,
    apiLog: 'warn',
    env: {
      RECONNECTS_PER_MINUTE: String(Math.max(120, o.sockets)),
      // A person types at most 100 messages a minute on one connection (the default limit); each of the
      // bench's 50 customers sends up to 20 a second, so the limit would be measured instead of the system.
      SOCKET_RATE_LIMIT_PER_MINUTE: '100000',
      ROUTING_TICK_MS: '250',
      DATABASE_POOL_SIZE: '16',
    },
  });
  const r = {};
  try {
    say(`baseline: bare Socket.IO relay at ${o.rates.join(', ')}/s for ${o.seconds} s each, then flat out…`);
    r.relay = await relayBaseline(o);
    await cluster.start();
    say(`2 nodes on ${cluster.nodes.map((n) => n.port).join(', ')} (Redis Streams adapter), throwaway database`);
    say(`baseline: bare PostgreSQL inserts, 8 connections, ${o.seconds} s…`);
    r.insert = await insertBaseline(cluster.ownerUrl, o);
    const world = await seed(cluster.ownerUrl, { agents: o.conversations, clients: 1, capacity: { chat: 3, email: 5 }, jwtSecret: cluster.jwtSecret });
    say(`${o.conversations} conversations: customers write, the router offers, agents accept…`);
    // Idle sockets first, on a node that has carried no traffic yet: after the delivery runs its heap
    // holds garbage a later collection returns, and RSS growth would read low (even negative).
    say(`${o.sockets.toLocaleString('en-US')} idle widget sockets on node 2…`);
    r.sockets = await socketsHeld(cluster, o.sockets, world.clients[0].widgetKey, 1);
    const c = await conversations(cluster, o, world);
    r.offerMs = c.offerMs;
    r.assigned = c.assigned;
    r.one = { fixed: [] };
    for (const perSecond of o.rates) {
      say(`one node: customer → agent at ${perSecond}/s for ${o.seconds} s…`);
      r.one.fixed.push(await deliveryAt(c.customers, c.agents, perSecond, o.seconds));
    }
    say(`one node: flat out for ${o.seconds} s…`);
    r.one.max = await deliveryMax(c.customers, c.agents, o.seconds);
    // Two nodes: the agents move to node 2, so every message crosses nodes through Redis.
    for (const a of c.agents) a.socket.disconnect();
    c.agents = await Promise.all(world.agents.map(async (a) => {
      const socket = io(`${cluster.nodeUrl(1)}/agent`, { transports: ['websocket'], forceNew: true, auth: { token: a.token } });
      c.sockets.push(socket);
      await connected(socket);
      return { ...a, socket };
    }));
    const top = o.rates[o.rates.length - 1];
    say(`two nodes (customers on 1, agents on 2): at ${top}/s, then flat out…`);
    r.two = { fixed: await deliveryAt(c.customers, c.agents, top, o.seconds), max: await deliveryMax(c.customers, c.agents, o.seconds) };
    for (const s of c.sockets) s.disconnect();
  } finally {
    await cluster.stop();
    rmSync(work, { recursive: true, force: true });
  }
  print(r, o, load);
}

function print(r, o, load) {
  const top = o.rates[o.rates.length - 1];
  const oneTop = r.one.fixed.find((f) => f.offered === top);
  const rows = [
    ['baseline', 'bare Socket.IO relay, p50 / p99 at ' + o.rates.map((x) => `${x}/s`).join(', '), o.rates.map((x) => `${fmt(r.relay.fixed[x].p50)} / ${fmt(r.relay.fixed[x].p99)}`).join(' · '), ''],
    ['baseline', `bare Socket.IO relay, flat out (${o.conversations} in flight)`, rate(r.relay.maxRate), ''],
    ['baseline', `bare PostgreSQL single-row inserts (${r.insert.workers} connections)`, rate(r.insert.perSecond), ''],
    ...r.one.fixed.map((f) => ['1 node', `customer → agent at ${f.offered}/s: p50 / p99 (achieved)`, `${fmt(f.p50)} / ${fmt(f.p99)} (${rate(f.achieved)}${f.refused ? `, ${f.refused} refused` : ''}${f.delivered + f.refused < f.count ? `, ${f.count - f.delivered - f.refused} not heard` : ''})`, f.offered === top ? `p99 ≤ 50 ms at ${top}/s: ${f.p99 !== null && f.p99 <= 50 ? 'met' : 'NOT met'}` : '']),
    ['1 node', 'customer → agent, max sustained (persisted, then fanned out)', `${rate(r.one.max.perSecond)} (p99 ${fmt(r.one.max.p99)})`, `${((r.one.max.perSecond / r.relay.maxRate) * 100).toFixed(1)} % of the bare relay (target ≥ 40 %); ${((r.one.max.perSecond / r.insert.perSecond) * 100).toFixed(0)} % of bare inserts`],
    ['2 nodes', `customer → agent across nodes at ${top}/s: p50 / p99 (achieved)`, `${fmt(r.two.fixed.p50)} / ${fmt(r.two.fixed.p99)} (${rate(r.two.fixed.achieved)})`, oneTop?.p99 ? `p99 ${(r.two.fixed.p99 / oneTop.p99).toFixed(1)}× one node's` : ''],
    ['2 nodes', 'customer → agent across nodes, max sustained', `${rate(r.two.max.perSecond)} (p99 ${fmt(r.two.max.p99)})`, `${(r.two.max.perSecond / r.one.max.perSecond).toFixed(2)}× one node`],
    ['system', `offer latency (first message acked → ticket.offered), ${r.offerMs.length} tickets: p50 / p99`, `${fmt(percentile(r.offerMs, 50))} / ${fmt(percentile(r.offerMs, 99))}`, `${r.assigned} of ${o.conversations} conversations assigned before delivery was measured`],
    ['system', 'idle widget sockets held by one node / RSS per socket', r.sockets ? `${r.sockets.held.toLocaleString('en-US')}${r.sockets.refused ? ` (${r.sockets.refused} refused)` : ''} / ${r.sockets.perSocketKb?.toFixed(1)} KB (RSS ${Math.round(r.sockets.beforeKb / 1024)} → ${Math.round(r.sockets.afterKb / 1024)} MB)` : '–', r.sockets ? `10,000 at ≤ 30 KB: ${r.sockets.held >= 10_000 && r.sockets.perSocketKb <= 30 ? 'met' : 'NOT met'}` : ''],
  ];
  const w = [0, 1, 2].map((i) => Math.max(...rows.map((row) => row[i].length)));
  process.stdout.write(`\nScale-out benchmark (${o.seconds} s per figure, ${o.conversations} conversations; 2 cores)\n`);
  for (const row of rows) process.stdout.write(`  ${row[0].padEnd(w[0])}  ${row[1].padEnd(w[1])}  ${row[2].padEnd(w[2])}  ${row[3]}\n`);
  process.stdout.write(`\nLoad average (1, 5, 15 min) before / after: ${fmtLoadAverage(load.before)} → ${fmtLoadAverage(loadavg())}; node ${process.version}; the load generator shares the CPU with the API, PostgreSQL and Redis.\n`);
}

main().catch((error) => {
  process.stderr.write(`bench: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
