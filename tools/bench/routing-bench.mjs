#!/usr/bin/env node
// `npm run bench:routing`: one run, one table. Two baselines (a bare Socket.IO relay, a bare
// PostgreSQL SKIP LOCKED claim loop on the same database) and the routing engine of the real API
// under load: N agents on /agent, chat tickets through the widget namespace at R/s (offer latency =
// message.send ack → ticket.offered on an agent socket), then a burn-down of a waiting backlog.
// It builds the API, runs it from dist on a throwaway database and a free port, seeds with SQL as the
// database owner, and stops everything it started. `--help` lists the options.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { io } from 'socket.io-client';
import { ApiServer, ROOT, buildWithNx, freePort, openFilesLimit, rerunWithOpenFilesRaised, spawnNode } from './bench-api.mjs';
import { claimBaseline, createThrowawayDatabase, dropDatabase, insertBacklog, seed, startEmbeddedFallback, withClient } from './bench-db.mjs';
import { USAGE, fmtInt, fmtLoadAverage, fmtMs, latencySummary, nowMs, parseOptions, resultRows } from './bench-lib.mjs';
import { BenchRun, optionsOrExit } from './bench-run.mjs';

const here = dirname(fileURLToPath(import.meta.url));
process.chdir(ROOT);

const options = optionsOrExit('bench:routing', parseOptions, USAGE);

// Thousands of sockets: run with the soft open-files limit raised to the hard limit (re-run this
// script once under `ulimit -n`, as the API and the agent processes are).
rerunWithOpenFilesRaised(fileURLToPath(import.meta.url), 16_384);

const VISITOR_LEAD_MS = 1_000;
const ACK_TIMEOUT_MS = 15_000;
const PROBE_TIMEOUT_MS = 10_000;
const OFFER_GRACE_MS = 15_000;
const BURN_STALL_MS = 60_000;
const BURN_CAP_MS = 15 * 60_000;

const result = { relay: null, claim: null, agents: null, systemA: null, systemB: null };
const run = new BenchRun('switchboard-bench', { keepLog: options.apiLog !== 'warn' });
const { notes, cleanups, say, fail, failures } = run;

/** CPU seconds used so far by `pids` (Linux /proc; null elsewhere). A process that has just ended counts 0. */
function cpuSeconds(pids) {
  if (pids.length === 0 || !existsSync('/proc/self/stat')) return null;
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // ended between the listing and the read: its time moves to the parent's cutime
    }
  }
  return ticks / 100;
}

/**
 * CPU seconds of the embedded PostgreSQL: the postmaster's own and its reaped children's (cutime,
 * cstime: backends that ended), plus the backends alive now.
 */
function postgresCpuSeconds() {
  const pids = postgresPids();
  if (pids.length === 0) return null;
  try {
    const stat = readFileSync(`/proc/${pids[0]}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const reaped = (Number(fields[13]) + Number(fields[14])) / 100;
    return reaped + (cpuSeconds(pids) ?? 0);
  } catch {
    return null;
  }
}

/** The postmaster of the embedded cluster and its backends. */
function postgresPids() {
  if (!api?.embeddedDataDir) return [];
  try {
    const master = Number(readFileSync(join(api.embeddedDataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
    const children = readdirSync('/proc')
      .filter((d) => /^\d+$/.test(d))
      .filter((d) => {
        try {
          return /\nPPid:\s+(\d+)/.exec(readFileSync(`/proc/${d}/status`, 'utf8'))?.[1] === String(master);
        } catch {
          return false;
        }
      })
      .map(Number);
    return [master, ...children];
  } catch {
    return [];
  }
}

const benchLag = monitorEventLoopDelay({ resolution: 10 });
benchLag.enable();

/**
 * What one phase cost and how responsive things stayed: CPU of the API process, PostgreSQL (embedded
 * only), the agent processes and this process, as % of one core; the API's answer time to a route
 * that touches no database (its event loop), sampled every 200 ms; this process's event-loop delay.
 */
async function phaseMeter() {
  const apiPids = api?.child?.pid ? [api.child.pid] : [];
  const fleetCpu = async () => (fleets.length ? (await allFleets('stats')).reduce((s, st) => s + st.cpuSeconds, 0) : null);
  const started = { at: nowMs(), api: cpuSeconds(apiPids), pg: postgresCpuSeconds(), fleets: await fleetCpu(), bench: process.cpuUsage() };
  benchLag.reset();
  const probes = [];
  let timedOut = 0;
  let probing = true;
  const probeLoop = (async () => {
    while (probing && api && !api.exited) {
      const t = nowMs();
      const response = await fetch(`${api.url}/bench-event-loop-probe`, { signal: AbortSignal.timeout(60_000) }).catch(() => null);
      if (!response) timedOut++;
      await response?.arrayBuffer().catch(() => undefined);
      probes.push(nowMs() - t);
      await sleep(200);
    }
  })();
  // What the database is busy with: pg_stat_activity sampled every 250 ms (non-idle sessions of this database).
  const activity = new Map();
  let samples = 0;
  const sampler = api?.ownerUrl
    ? (async () => {
        const client = new pg.Client({ connectionString: api.ownerUrl });
        await client.connect();
        try {
          while (probing) {
            const { rows } = await client.query(
              `SELECT state, coalesce(wait_event_type || ':' || wait_event, 'cpu') AS wait, left(regexp_replace(query, '\\s+', ' ', 'g'), 90) AS query
                 FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend' AND state <> 'idle'`,
            );
            samples++;
            for (const row of rows) {
              const key = `${row.state === 'idle in transaction' ? '[idle in tx] ' : `[${row.wait}] `}${row.query}`;
              activity.set(key, (activity.get(key) ?? 0) + 1);
            }
            await sleep(250);
          }
        } finally {
          await client.end().catch(() => undefined);
        }
      })().catch(() => undefined)
    : Promise.resolve();
  return async () => {
    probing = false;
    await probeLoop;
    await sampler;
    const seconds = (nowMs() - started.at) / 1000;
    const pct = (a, b) => (a === null || b === null ? null : Math.round(((b - a) / seconds) * 100));
    const used = (a, b) => (a === null || b === null ? null : b - a);
    const bench = process.cpuUsage(started.bench);
    const apiNow = cpuSeconds(apiPids);
    const pgNow = started.pg !== null ? postgresCpuSeconds() : null;
    return {
      api: pct(started.api, apiNow),
      pg: started.pg !== null ? pct(started.pg, pgNow) : null,
      // CPU seconds used in the phase: divided by the tickets, the work each took whatever else ran on the machine.
      apiSeconds: used(started.api, apiNow),
      pgSeconds: started.pg !== null ? used(started.pg, pgNow) : null,
      fleets: pct(started.fleets, await fleetCpu()),
      bench: Math.round(((bench.user + bench.system) / 1e6 / seconds) * 100),
      apiProbe: latencySummary(probes),
      apiProbeFailed: timedOut,
      benchLagP99: benchLag.percentile(99) / 1e6,
      busySessions: samples ? [...activity.values()].reduce((a, b) => a + b, 0) / samples : null,
      topActivity: [...activity.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 4)
        .map(([query, n]) => `${(n / samples).toFixed(1)}× ${query}`),
    };
  };
}
/** CPU time per ticket of a phase (API and PostgreSQL): unlike latency, it does not grow when other work shares the cores. */
const fmtCpuPerTicket = (m, tickets) =>
  tickets > 0 && m.apiSeconds !== null
    ? ` CPU per ticket: API ${((m.apiSeconds / tickets) * 1000).toFixed(1)} ms, PostgreSQL ${m.pgSeconds !== null ? `${((m.pgSeconds / tickets) * 1000).toFixed(1)} ms` : '?'}.`
    : '';
const fmtPhase = (m) =>
  `CPU (% of one core; ${cpus().length} cores here): API ${m.api ?? '?'}, PostgreSQL ${m.pg ?? (api?.embeddedDataDir ? '?' : 'not measured (external server)')}, agent processes ${m.fleets ?? '?'}, bench ${m.bench}. ` +
  `API event loop (a no-database route, every 200 ms): p50 ${fmtMs(m.apiProbe.p50)}, p99 ${fmtMs(m.apiProbe.p99)}, max ${fmtMs(m.apiProbe.max)}${m.apiProbeFailed ? ` (${m.apiProbeFailed} probe(s) failed without an answer, after up to 60 s)` : ''}. Bench event-loop delay p99 ${fmtMs(m.benchLagP99)}.` +
  (m.busySessions !== null ? ` Database sessions busy on average: ${m.busySessions.toFixed(1)}${m.topActivity.length ? `; most often: ${m.topActivity.join(' | ')}` : ''}.` : '');

// ---------------------------------------------------------------------------------------------------
// Build, database, API.

function build() {
  if (!options.build) return null;
  return buildWithNx(run, ['build', 'api'], { announce: 'building the API (npx nx build api)…', failure: 'nx build api failed', failureNote: 'nx build api failed' });
}

let api = null;

async function startApi() {
  // Every widget visitor of the load generator connects from 127.0.0.1: the per-address allowance for
  // first visits (RECONNECTS_PER_MINUTE × 20 a minute, a burst of × 10) is meant for many visitors
  // behind one NAT, not for a whole day's traffic; left at its default it refused all but the first
  // ~300 visitors plus 10/s (at 100/s for 20 s, 3 of 4 sends never reached the router).
  const env = { RECONNECTS_PER_MINUTE: '100000', ...(options.poolSize ? { DATABASE_POOL_SIZE: String(options.poolSize) } : {}) };
  api = new ApiServer(run, { databaseUrl: options.databaseUrl, apiLog: options.apiLog, env });
  await api.start();
  say(`API ready at ${api.url} in ${(api.readyMs / 1000).toFixed(1)} s (${options.databaseUrl ? 'external PostgreSQL' : 'embedded PostgreSQL'}; open files limit ${openFilesLimit(api.child.pid) ?? '?'})`);
  return api;
}

// ---------------------------------------------------------------------------------------------------
// Agent fleets: child processes holding the /agent sockets.

class Fleet {
  constructor(index, onEvents) {
    this.index = index;
    this.nextId = 1;
    this.pending = new Map();
    this.child = spawnNode([join(here, 'agent-fleet.mjs')], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('message', (message) => {
      if (message.events) onEvents(message.events, this);
      if (message.id && this.pending.has(message.id)) {
        const { resolve, reject } = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.error) reject(new Error(`fleet ${index}: ${message.error}`));
        else resolve(message.reply);
      }
    });
    this.child.once('exit', (code, signal) => {
      this.exited = true;
      for (const { reject } of this.pending.values()) reject(new Error(`fleet ${index} exited (${code ?? signal})`));
      this.pending.clear();
    });
  }

  call(cmd, payload = {}) {
    if (this.exited) return Promise.reject(new Error(`fleet ${this.index} is not running`));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ id, cmd, ...payload });
    });
  }

  async stop() {
    if (this.exited) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    await this.call('close').catch(() => undefined);
    await Promise.race([exited, sleep(5_000, undefined, { ref: false }).then(() => this.child.kill('SIGKILL'))]);
  }
}

/** Everything the fleets report, routed to whichever phase listens. */
const listeners = new Set();
const fleetErrors = new Map();
/** The first ticket.offered of every ticket, whichever phase is running. */
const firstOffers = new Map();
function onFleetEvents(events) {
  for (const event of events) {
    if (event.type === 'offered' && !firstOffers.has(event.ticketId)) firstOffers.set(event.ticketId, event);
    if (event.type === 'error') {
      const known = fleetErrors.get(event.kind);
      if (known) known.count++;
      else fleetErrors.set(event.kind, { count: 1, first: event.detail });
    }
    for (const listener of listeners) listener(event);
  }
}
function errorSummary(since = new Map()) {
  return [...fleetErrors.entries()]
    .map(([kind, e]) => [kind, e.count - (since.get(kind)?.count ?? 0), e.first])
    .filter(([, n]) => n > 0)
    .map(([kind, n, first]) => `${kind} ×${n} (first: ${first})`);
}
/** Socket events the agents received, summed over the fleets (minus an earlier snapshot). */
function receivedCounts(stats, before = {}) {
  const total = {};
  for (const st of stats) for (const [k, v] of Object.entries(st.counts)) total[k] = (total[k] ?? 0) + v;
  for (const [k, v] of Object.entries(before)) total[k] = (total[k] ?? 0) - v;
  for (const k of Object.keys(total)) if (!total[k]) delete total[k];
  return total;
}
const snapshotErrors = () => new Map([...fleetErrors.entries()].map(([k, v]) => [k, { count: v.count }]));

let fleets = [];
async function allFleets(cmd, payload) {
  return await Promise.all(fleets.map((f) => f.call(cmd, payload)));
}

// ---------------------------------------------------------------------------------------------------
// Pacing and the widget side.

/** Calls `fn(i, dueAt)` `count` times, `1000 / rate` ms apart (open loop: never waits for fn). */
async function paced(count, rate, fn, startAt = nowMs()) {
  for (let i = 0; i < count; i++) {
    const due = startAt + (i * 1000) / rate;
    const wait = due - nowMs();
    if (wait > 1) await sleep(wait);
    fn(i, due);
  }
}

function openVisitor(widgetKey) {
  return new Promise((resolve, reject) => {
    const socket = io(`${api.url}/customer`, { auth: { inboxKey: widgetKey }, transports: ['websocket'], reconnection: false, forceNew: true, timeout: ACK_TIMEOUT_MS });
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error(`no visitor.session within ${ACK_TIMEOUT_MS / 1000} s`));
    }, ACK_TIMEOUT_MS);
    socket.once('visitor.session', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('connect_error', (error) => {
      clearTimeout(timer);
      socket.close();
      reject(new Error(`connect_error ${error?.data?.code ?? ''} ${error?.data?.message ?? error.message}`.trim()));
    });
  });
}

function emitAck(socket, event, payload) {
  return new Promise((resolve, reject) => {
    socket.timeout(ACK_TIMEOUT_MS).emit(event, payload, (error, ack) => {
      if (error) return reject(new Error(`no ack to ${event} within ${ACK_TIMEOUT_MS / 1000} s`));
      if (ack?.ok) return resolve(ack.data);
      reject(new Error(`${event}: ${ack?.error?.code ?? 'BAD_ACK'} ${ack?.error?.message ?? JSON.stringify(ack)}`));
    });
  });
}

const clientMsgId = () => `bench-${randomBytes(9).toString('base64url')}`;
const CHAT_TEXT = 'Hello, my parcel has not arrived yet and the tracking page has not changed for three days. Can you help me?';

// ---------------------------------------------------------------------------------------------------
// Baselines.

async function relayBaseline() {
  say(`baseline 1: bare Socket.IO relay at ${options.rate}/s for ${options.seconds} s…`);
  const child = spawnNode([join(here, 'relay-server.mjs')], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const stopChild = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.send({ cmd: 'stop' });
    await Promise.race([exited, sleep(3_000, undefined, { ref: false }).then(() => child.kill('SIGKILL'))]);
  };
  try {
    const port = await new Promise((resolve, reject) => {
      child.once('message', (m) => resolve(m.port));
      child.once('exit', (code) => reject(new Error(`relay server exited (${code})`)));
    });
    const url = `http://127.0.0.1:${port}/relay`;
    const connect = () =>
      new Promise((resolve, reject) => {
        const socket = io(url, { transports: ['websocket'], reconnection: false, forceNew: true });
        socket.once('connect', () => resolve(socket));
        socket.once('connect_error', reject);
      });
    const [sender, receiver] = [await connect(), await connect()];
    const latencies = [];
    receiver.on('relayed', (payload) => latencies.push(nowMs() - payload.t));
    const count = Math.round(options.rate * options.seconds);
    await paced(count, options.rate, (i) => sender.emit('relay', { i, t: nowMs(), body: CHAT_TEXT }));
    const deadline = nowMs() + 5_000;
    while (latencies.length < count && nowMs() < deadline) await sleep(50);
    sender.close();
    receiver.close();
    if (latencies.length < count) fail(`baseline 1: ${count - latencies.length} of ${count} relayed messages never arrived`);
    const summary = latencySummary(latencies);
    say(`baseline 1: p50 ${fmtMs(summary.p50)}, p95 ${fmtMs(summary.p95)}, p99 ${fmtMs(summary.p99)} over ${summary.count} messages`);
    return summary;
  } finally {
    await stopChild();
  }
}

async function runClaimBaseline(ownerUrl, label) {
  say(`baseline 2: ${fmtInt(options.claimRows)} rows claimed by ${options.claimWorkers} workers, ${options.claimBatch} per transaction…`);
  const claim = await claimBaseline(ownerUrl, { rows: options.claimRows, workers: options.claimWorkers, batch: options.claimBatch });
  claim.database = label;
  say(`baseline 2: ${fmtInt(claim.rowsPerSecond)} rows/s (${(claim.elapsedMs / 1000).toFixed(2)} s)`);
  return claim;
}

// ---------------------------------------------------------------------------------------------------
// System: agents, A (offer latency), B (burn-down).

let world = null;

async function seedWorld() {
  const perAgent = Math.ceil(options.backlog / options.agents) + 1;
  const capacity = {
    voice: 1,
    chat: options.burnMode === 'accept' ? Math.max(3, perAgent) : 3,
    email: options.burnMode === 'auto' ? Math.max(5, perAgent) : 5,
    social: 3,
  };
  const started = nowMs();
  world = await seed(api.ownerUrl, { agents: options.agents, clients: options.clients, capacity, jwtSecret: api.jwtSecret });
  world.capacity = capacity;
  say(`seeded ${options.clients} client(s), ${fmtInt(options.agents)} agents with sessions and tokens in ${((nowMs() - started) / 1000).toFixed(1)} s (capacity ${JSON.stringify(capacity)})`);
}

async function connectAgents() {
  say(`connecting ${fmtInt(options.agents)} agents to /agent from ${options.fleets} process(es)…`);
  fleets = Array.from({ length: options.fleets }, (_, i) => new Fleet(i, onFleetEvents));
  cleanups.push(() => Promise.all(fleets.map((f) => f.stop())));
  const shares = fleets.map(() => []);
  world.agents.forEach((agent, i) => shares[i % fleets.length].push({ id: agent.id, token: agent.token }));
  const meter = await phaseMeter();
  const started = nowMs();
  const replies = await Promise.all(fleets.map((f, i) => f.call('init', { url: api.url, agents: shares[i], concurrency: 25, parseAll: options.parseAll })));
  if (replies.every((r) => r.leanParser)) notes.push('Agent sockets count ticket.updated broadcasts without JSON-parsing their payload (the bench never reads it); --parse-all parses them too.');
  const connectMs = nowMs() - started;
  const connected = replies.reduce((s, r) => s + r.connected, 0);
  for (const [i, r] of replies.entries()) {
    if (r.openFiles && r.openFiles < shares[i].length + 64) notes.push(`fleet ${i} may run out of file descriptors: open files limit ${r.openFiles} for ${shares[i].length} sockets (raise ulimit -n).`);
  }
  if (connected < options.agents) fail(`${options.agents - connected} of ${options.agents} agent sockets were refused or timed out: ${errorSummary().join('; ')}`);
  say(`${fmtInt(connected)} agents connected in ${(connectMs / 1000).toFixed(1)} s; setting them available…`);
  const availableStarted = nowMs();
  const presence = await allFleets('presence', { state: 'available' });
  const availableMs = nowMs() - availableStarted;
  const refused = presence.reduce((s, r) => s + r.failed, 0);
  if (refused) fail(`presence.set available failed for ${refused} agents: ${presence.find((r) => r.firstError)?.firstError}`);
  say(`available in ${(availableMs / 1000).toFixed(1)} s`);
  notes.push(`Agents: ${fmtInt(connected)} connected in ${(connectMs / 1000).toFixed(1)} s (${fmtInt((connected / connectMs) * 1000)}/s, ${options.fleets * 25} connects in flight), available in ${(availableMs / 1000).toFixed(1)} s. ${fmtPhase(await meter())}`);
  result.agents = { requested: options.agents, connected, connectMs, availableMs, fleets: options.fleets };
}

/** One chat ticket through the widget; resolves with { ackAt, ticketId } and the visitor socket. */
async function sendChat(client) {
  const socket = await openVisitor(client.widgetKey);
  try {
    const sentAt = nowMs();
    const message = await emitAck(socket, 'message.send', { clientMsgId: clientMsgId(), body: CHAT_TEXT });
    return { socket, sentAt, ackAt: nowMs(), ticketId: message.ticketId };
  } catch (error) {
    socket.close();
    throw error;
  }
}

/** Waits for `ticket.offered` of one ticket; null after `timeoutMs`. */
function waitForOffer(ticketId, timeoutMs) {
  return new Promise((resolve) => {
    if (firstOffers.has(ticketId)) return resolve(firstOffers.get(ticketId));
    const listener = (event) => {
      if (event.type === 'offered' && event.ticketId === ticketId) done(event);
    };
    const timer = setTimeout(() => done(null), timeoutMs);
    function done(value) {
      clearTimeout(timer);
      listeners.delete(listener);
      resolve(value);
    }
    listeners.add(listener);
  });
}

async function systemA() {
  await allFleets('behave', { behaviour: { accept: true, resolve: true, holdMs: options.hold * 1000 } });
  // Probe: does routing answer at all? One ticket, PROBE_TIMEOUT_MS to be offered.
  say('system A: probe ticket…');
  const errorsBefore = snapshotErrors();
  let probe;
  try {
    probe = await sendChat(world.clients[0]);
  } catch (error) {
    return { unavailable: `routing unavailable: the probe chat message failed: ${error.message}` };
  }
  const offer = await waitForOffer(probe.ticketId, PROBE_TIMEOUT_MS);
  probe.socket.close();
  if (!offer) {
    const status = await withClient(api.ownerUrl, (c) => c.query('SELECT status, queue_id FROM tickets WHERE id = $1', [probe.ticketId])).then((r) => r.rows[0]);
    return { unavailable: `routing unavailable: no ticket.offered within ${PROBE_TIMEOUT_MS / 1000} s of a chat ticket (ticket ${status?.status ?? '?'}, queue ${status?.queue_id ? 'set' : 'not set'})` };
  }
  say(`system A: probe offered after ${fmtMs(offer.at - probe.ackAt)}; ${Math.round(options.rate * options.seconds)} tickets at ${options.rate}/s…`);
  await sleep(Math.max(1_000, options.hold * 1_500));
  await allFleets('resetLag');

  const count = Math.round(options.rate * options.seconds);
  const tickets = new Map(); // ticketId → record
  const early = new Map(); // ticketId → offered event that beat its ack
  const accepts = [];
  let acked = 0;
  let offered = 0;
  let lastProgress = nowMs();
  const sendErrors = new Map();
  const sendError = (kind, detail) => {
    const known = sendErrors.get(kind);
    if (known) known.count++;
    else sendErrors.set(kind, { count: 1, first: detail });
  };
  const offerClosed = [];
  const listener = (event) => {
    if (event.type === 'offered') {
      const record = tickets.get(event.ticketId);
      if (!record) return void (early.has(event.ticketId) || early.set(event.ticketId, event));
      if (record.offeredAt !== undefined) return;
      record.offeredAt = event.at;
      offered++;
      lastProgress = nowMs();
      record.socket?.close();
    } else if (event.type === 'accepted' && tickets.has(event.ticketId)) {
      accepts.push(event.rtt);
    } else if (event.type === 'closed' && tickets.has(event.ticketId)) {
      offerClosed.push(event);
    }
  };
  listeners.add(listener);
  const countsBefore = receivedCounts(await allFleets('stats'));
  const meter = await phaseMeter();
  const sendLags = [];
  const connectTimes = [];
  const inFlight = [];
  const runStart = nowMs() + VISITOR_LEAD_MS;
  await paced(
    count,
    options.rate,
    (i) => {
      const client = world.clients[i % world.clients.length];
      const dueAt = runStart + (i * 1000) / options.rate;
      inFlight.push(
        (async () => {
          let socket;
          try {
            const connectStarted = nowMs();
            socket = await openVisitor(client.widgetKey);
            connectTimes.push(nowMs() - connectStarted);
          } catch (error) {
            return sendError('visitor connect', error.message);
          }
          const wait = dueAt - nowMs();
          if (wait > 1) await sleep(wait);
          const sentAt = nowMs();
          sendLags.push(sentAt - dueAt);
          try {
            const message = await emitAck(socket, 'message.send', { clientMsgId: clientMsgId(), body: CHAT_TEXT });
            const ackAt = nowMs();
            acked++;
            lastProgress = nowMs();
            const record = { socket, sentAt, ackAt };
            tickets.set(message.ticketId, record);
            const before = early.get(message.ticketId);
            if (before) {
              record.offeredAt = before.at;
              offered++;
              socket.close();
            }
          } catch (error) {
            socket.close();
            sendError('message.send', error.message);
          }
        })(),
      );
    },
    runStart - VISITOR_LEAD_MS,
  );
  await Promise.all(inFlight);
  while (offered < acked && nowMs() - lastProgress < OFFER_GRACE_MS) await sleep(50);
  const phase = await meter();
  listeners.delete(listener);
  for (const record of tickets.values()) record.socket?.close();

  const latencies = [...tickets.values()].filter((r) => r.offeredAt !== undefined).map((r) => r.offeredAt - r.ackAt);
  const summary = latencySummary(latencies);
  const fromSend = latencySummary([...tickets.values()].filter((r) => r.offeredAt !== undefined).map((r) => r.offeredAt - r.sentAt));
  const acks = latencySummary([...tickets.values()].map((r) => r.ackAt - r.sentAt));
  const lost = acked - offered;
  const sendFailures = [...sendErrors.values()].reduce((s, e) => s + e.count, 0);
  if (lost > 0) fail(`system A: ${lost} of ${acked} acknowledged tickets were never offered (waited ${OFFER_GRACE_MS / 1000} s after the last offer)`);
  if (sendFailures) fail(`system A: ${sendFailures} chat messages failed: ${[...sendErrors.entries()].map(([k, e]) => `${k} ×${e.count} (first: ${e.first})`).join('; ')}`);
  if (offerClosed.length) fail(`system A: ${offerClosed.length} offers closed before the agent's accept (first: ${offerClosed[0].status} ${offerClosed[0].reason ?? ''})`);

  // Resolves: wait until every accepted ticket is resolved (they free the agents' capacity for B).
  const deadline = nowMs() + options.hold * 1500 + 20_000;
  let pendingResolves = 1;
  while (nowMs() < deadline) {
    const stats = await allFleets('stats');
    pendingResolves = stats.reduce((s, st) => s + st.pendingResolves, 0);
    if (pendingResolves === 0) break;
    await sleep(250);
  }
  const stats = await allFleets('stats');
  const newErrors = errorSummary(errorsBefore);
  if (newErrors.length) fail(`system A: agent side errors: ${newErrors.join('; ')}`);
  if (pendingResolves) fail(`system A: ${pendingResolves} resolves still pending`);
  const statuses = await withClient(api.ownerUrl, (c) => c.query(`SELECT status, count(*)::int AS n FROM tickets WHERE channel = 'chat' GROUP BY status ORDER BY status`)).then((r) => r.rows);
  const createdInA = statuses.reduce((sum, row) => sum + row.n, 0) - 1; // minus the probe
  const received = receivedCounts(stats, countsBefore);
  const lagP99 = Math.max(...stats.map((st) => st.lagP99Ms));
  const sendLag = latencySummary(sendLags);
  const connects = latencySummary(connectTimes);
  const accepted = latencySummary(accepts);
  notes.push(
    `System A: chat tickets by status afterwards: ${statuses.map((s) => `${s.status} ${s.n}`).join(', ')}. ` +
      `Widget connect p50 ${fmtMs(connects.p50)}, p99 ${fmtMs(connects.p99)}; message.send ack p50 ${fmtMs(acks.p50)}, p99 ${fmtMs(acks.p99)}; ` +
      `offer.accept ack p50 ${fmtMs(accepted.p50)}, p99 ${fmtMs(accepted.p99)}. ${latencies.filter((l) => l < 0).length} offers arrived before their message's ack ` +
      `(the ack follows the commit, the offer a routing round; the customer-felt send → offered, which adds the intake transaction and waiting for a pool connection, is p50 ${fmtMs(fromSend.p50)}, p95 ${fmtMs(fromSend.p95)}, p99 ${fmtMs(fromSend.p99)}). ` +
      `Sends started late (widget connect slower than the ${VISITOR_LEAD_MS} ms lead): ${sendLags.filter((l) => l > 5).length}, worst ${fmtMs(sendLag.max)}.`,
  );
  notes.push(`System A: ${fmtPhase(phase)} Agent processes' event-loop delay p99 ${fmtMs(lagP99)}.${fmtCpuPerTicket(phase, createdInA)}`);
  notes.push(
    `System A: agent sockets received ${Object.entries(received)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ×${fmtInt(v)}`)
      .join(', ')}` +
      (received['ticket.updated'] && createdInA
        ? ` — ${fmtInt(received['ticket.updated'] / createdInA)} ticket.updated emits per ticket created (${createdInA}), ${(received['ticket.updated'] / createdInA / options.agents).toFixed(1)} per ticket per agent socket (a ticket's changes go to its client's leads, its assignee and whoever watches it).`
        : '.'),
  );
  say(`system A: offer latency p50 ${fmtMs(summary.p50)}, p95 ${fmtMs(summary.p95)}, p99 ${fmtMs(summary.p99)}; ${offered}/${acked} offered`);
  return { ...summary, acked, offered, lost, errors: sendFailures + offerClosed.length + newErrors.length, ackP99: acks.p99, acceptP99: latencySummary(accepts).p99 };
}

async function systemB() {
  const channel = options.burnMode === 'auto' ? 'email' : 'chat';
  // What A left in flight (resolves not yet sent, accepts not yet answered) is cancelled or settles first.
  await allFleets('behave', { behaviour: { accept: false, resolve: false, holdMs: 0 } });
  for (const settleBy = nowMs() + 20_000; nowMs() < settleBy; ) {
    if ((await allFleets('stats')).every((st) => st.pendingAccepts === 0)) break;
    await sleep(250);
  }
  const errorsBefore = snapshotErrors();
  await allFleets('behave', { behaviour: { accept: options.burnMode === 'accept', resolve: false, holdMs: 0 } });
  const leftovers = await withClient(api.ownerUrl, (c) =>
    c.query(`UPDATE tickets SET status = 'closed', closed_at = now(), updated_at = now() WHERE status IN ('new', 'queued', 'assigned', 'pending') RETURNING id`),
  ).then((r) => r.rowCount);
  if (leftovers) notes.push(`System B: ${leftovers} tickets left open by earlier phases were closed with SQL first, so the backlog is all that waits.`);
  say('system B: agents away, inserting the backlog…');
  const away = await allFleets('presence', { state: 'away', reason: 'break' });
  if (away.some((r) => r.failed)) fail(`presence.set away failed: ${away.find((r) => r.firstError)?.firstError}`);
  await sleep(1_000);
  const agentsPerClient = world.clients.map((_, i) => world.agents.filter((a) => a.clientIndex === i).length);
  const insertStarted = nowMs();
  const ids = await insertBacklog(api.ownerUrl, { count: options.backlog, world: world.clients, agentsPerClient, channel });
  say(`system B: ${fmtInt(ids.length)} waiting ${channel} tickets inserted in ${((nowMs() - insertStarted) / 1000).toFixed(1)} s`);
  const backlog = new Set(ids);
  const offeredAt = new Map();
  const doneAt = new Map();
  let lastProgress = nowMs();
  const listener = (event) => {
    if (!backlog.has(event.ticketId)) return;
    if (event.type === 'offered' && !offeredAt.has(event.ticketId)) offeredAt.set(event.ticketId, event.at);
    if ((event.type === 'assigned' || event.type === 'accepted') && !doneAt.has(event.ticketId)) {
      doneAt.set(event.ticketId, event.at);
      lastProgress = nowMs();
    }
  };
  listeners.add(listener);
  await sleep(2_000);
  if (offeredAt.size || doneAt.size) fail(`system B: ${Math.max(offeredAt.size, doneAt.size)} backlog tickets were offered while every agent was away`);
  offeredAt.clear();
  doneAt.clear();

  const countsBefore = receivedCounts(await allFleets('stats'));
  const meter = await phaseMeter();
  const started = nowMs();
  lastProgress = started;
  say(`system B: agents available, burning down (${options.burnMode === 'auto' ? 'email queue, auto-accept' : 'chat queue, agents accept at once'})…`);
  const presence = await allFleets('presence', { state: 'available', concurrency: 200 });
  const presenceMs = nowMs() - started;
  if (presence.some((r) => r.failed)) fail(`presence.set available failed: ${presence.find((r) => r.firstError)?.firstError}`);
  while (doneAt.size < backlog.size && nowMs() - lastProgress < BURN_STALL_MS && nowMs() - started < BURN_CAP_MS) await sleep(50);
  const phase = await meter();
  const received = receivedCounts(await allFleets('stats'), countsBefore);
  listeners.delete(listener);
  const times = [...doneAt.values()];
  const lastAt = times.length ? Math.max(...times) : nowMs();
  const elapsedMs = lastAt - started;
  const assignedInDb = await withClient(api.ownerUrl, (c) => c.query(`SELECT count(*)::int AS n FROM tickets WHERE id = ANY ($1::uuid[]) AND status = 'assigned'`, [ids])).then((r) => r.rows[0].n);
  if (doneAt.size < backlog.size) fail(`system B: only ${doneAt.size} of ${backlog.size} backlog tickets were assigned (${nowMs() - lastProgress >= BURN_STALL_MS ? `no progress for ${BURN_STALL_MS / 1000} s` : 'time cap'}); ${assignedInDb} assigned in the database`);
  else if (assignedInDb !== backlog.size) fail(`system B: agents heard of ${doneAt.size} assignments but the database shows ${assignedInDb} of ${backlog.size} backlog tickets assigned`);
  const newErrors = errorSummary(errorsBefore);
  if (newErrors.length) fail(`system B: agent side errors: ${newErrors.join('; ')}`);
  const offeredTimes = [...offeredAt.values()];
  const sortedDone = [...times].sort((a, b) => a - b);
  const half = sortedDone[Math.floor(sortedDone.length / 2)];
  let bursts = sortedDone.length ? 1 : 0;
  for (let i = 1; i < sortedDone.length; i++) if (sortedDone[i] - sortedDone[i - 1] > 250) bursts++;
  notes.push(
    `System B: ${options.burnMode === 'auto' ? 'email queue with auto-accept (the engine assigns without an agent round trip; done = ticket.assigned on the agent socket)' : 'chat queue, every agent accepts each offer at once (done = accept ack or ticket.assigned)'}; ` +
      `clock starts when the ${fmtInt(options.agents)} presence.set available are sent (all acked after ${(presenceMs / 1000).toFixed(2)} s); ` +
      `first assignment after ${times.length ? fmtMs(Math.min(...times) - started) : '–'}, half after ${half ? fmtMs(half - started) : '–'}` +
      `, in ${bursts} burst(s) (gaps over 250 ms: one dispatch round's assignments arrive together)` +
      `${offeredTimes.length ? `, last ticket.offered after ${fmtMs(Math.max(...offeredTimes) - started)}` : ', no ticket.offered events (auto-accepted offers may go out as ticket.assigned only)'}; ` +
      `${assignedInDb} of ${backlog.size} assigned in the database.`,
  );
  notes.push(`System B: ${fmtPhase(phase)}${fmtCpuPerTicket(phase, backlog.size)}`);
  notes.push(`System B: agent sockets received ${Object.entries(received).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ×${fmtInt(v)}`).join(', ')}.`);
  const perSecond = elapsedMs > 0 ? (doneAt.size / elapsedMs) * 1000 : 0;
  say(`system B: ${fmtInt(doneAt.size)} assigned in ${(elapsedMs / 1000).toFixed(2)} s → ${fmtInt(perSecond)} tickets/s`);
  return { backlog: backlog.size, done: doneAt.size, elapsedMs, perSecond, doneLabel: doneAt.size === backlog.size ? 'assigned' : `${doneAt.size} assigned (incomplete)` };
}

// ---------------------------------------------------------------------------------------------------
// The run.

run.cleanUpOnInterrupt();

async function main() {
  notes.push(`Machine: ${cpus().length} cores; load average ${fmtLoadAverage(loadavg())} (1/5/15 min) when the run started — other work on the machine skews the figures.`);
  say(`bench:routing — ${fmtInt(options.agents)} agents, ${options.rate}/s for ${options.seconds} s, backlog ${fmtInt(options.backlog)}, ${options.clients} client(s), burn-down ${options.burnMode}`);
  const buildError = build();
  let systemBlocked = null;
  let ownerUrl = null;
  try {
    if (buildError) {
      say(`${buildError}; the system parts cannot run, the baselines use the database alone`);
      throw new Error(buildError);
    }
    await startApi();
    ownerUrl = api.ownerUrl;
  } catch (error) {
    systemBlocked = `routing unavailable: ${error.message.split('\n')[0]}`;
    if (error.message.includes('\n')) notes.push(`The API did not start:\n${error.message.split('\n').slice(1).join('\n')}`);
    await api?.stop();
    if (api?.ownerUrl && options.databaseUrl) {
      ownerUrl = api.ownerUrl;
    } else if (options.databaseUrl) {
      const database = await createThrowawayDatabase(options.databaseUrl);
      cleanups.push(() => dropDatabase(options.databaseUrl, database.name));
      ownerUrl = database.url;
    } else {
      // The baselines still need the database the system would use: the same embedded PostgreSQL.
      const fallback = await startEmbeddedFallback(join(run.work, 'fallback-data'), await freePort());
      cleanups.push(fallback.stop);
      ownerUrl = fallback.ownerUrl;
    }
  }
  const version = await withClient(ownerUrl, (c) => c.query('SHOW server_version')).then((r) => r.rows[0].server_version);
  const dbLabel = `${options.databaseUrl ? 'external' : 'embedded'} PostgreSQL ${version}`;

  if (options.parts.has('claim')) result.claim = await runClaimBaseline(ownerUrl, dbLabel).catch((error) => (fail(`baseline 2: ${error.message}`), { unavailable: error.message }));
  if (options.parts.has('relay')) result.relay = await relayBaseline().catch((error) => (fail(`baseline 1: ${error.message}`), { unavailable: error.message }));

  const wantsSystem = options.parts.has('system-a') || options.parts.has('system-b');
  if (wantsSystem && systemBlocked) {
    result.agents = { unavailable: systemBlocked };
    if (options.parts.has('system-a')) result.systemA = { unavailable: systemBlocked };
    if (options.parts.has('system-b')) result.systemB = { unavailable: systemBlocked };
    failures.push(systemBlocked);
  } else if (wantsSystem) {
    try {
      await seedWorld();
      await connectAgents();
      if (options.parts.has('system-a')) {
        result.systemA = await systemA();
        if (result.systemA.unavailable) {
          failures.push(result.systemA.unavailable);
          if (options.parts.has('system-b')) result.systemB = { unavailable: result.systemA.unavailable };
        }
      }
      if (options.parts.has('system-b') && !result.systemB) {
        if (options.backlog > 0) result.systemB = await systemB();
        else result.systemB = { unavailable: '--backlog 0' };
      }
    } catch (error) {
      fail(`system: ${error.stack ?? error.message}`);
      result.systemA ??= { unavailable: `failed: ${error.message.split('\n')[0]}` };
      result.systemB ??= { unavailable: `failed: ${error.message.split('\n')[0]}` };
    }
  }
  api?.checkAfterRun();
  return dbLabel;
}

await run.execute(main, (dbLabel) => ({
  title: `Routing benchmark — ${fmtInt(options.agents)} agents over ${options.clients} client(s), ${options.rate} tickets/s for ${options.seconds} s, backlog ${fmtInt(options.backlog)}; ${dbLabel || 'no database'}`,
  rows: resultRows(result, options),
}));
