#!/usr/bin/env node
// A child process of routing-bench.mjs holding a share of the agents' `/agent` sockets
// (socket.io-client, one real connection each). It timestamps every `ticket.offered` the moment it
// arrives, accepts offers at once when told to, resolves accepted tickets over HTTP after a hold time,
// and reports to the parent over IPC in small batches. Commands arrive as `{ id, cmd, ... }` and are
// answered with `{ id, reply }`.
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { io } from 'socket.io-client';
import { nowMs } from './bench-lib.mjs';

/**
 * A lean socket.io parser for the agents: `ticket.updated` broadcasts (every change of every ticket
 * goes to every agent of its client) are counted but their payload is not JSON-parsed — the bench
 * never reads it, and parsing two million of them would spend a core of this 2-core machine that the
 * API under test needs. Every byte is still received over a real socket.io-client connection; every
 * other packet is decoded as usual. Falls back to the stock parser when socket.io-parser (a dependency
 * of socket.io-client) cannot be loaded, or when the parent asks for full parsing.
 */
const SKIPPED_EVENTS = ['ticket.updated'];
async function leanParser() {
  try {
    const parser = await import('socket.io-parser');
    const prefixes = SKIPPED_EVENTS.map((event) => [event, `${parser.PacketType.EVENT}/agent,["${event}"`]);
    class LeanDecoder extends parser.Decoder {
      add(chunk) {
        if (typeof chunk === 'string') {
          for (const [event, prefix] of prefixes) {
            if (chunk.startsWith(prefix)) return this.emitReserved('decoded', { type: parser.PacketType.EVENT, nsp: '/agent', data: [event, null] });
          }
        }
        return super.add(chunk);
      }
    }
    return { Encoder: parser.Encoder, Decoder: LeanDecoder };
  } catch {
    return null;
  }
}
let parser = null;

const CONNECT_TIMEOUT_MS = 30_000;
const ACK_TIMEOUT_MS = 15_000;
const FLUSH_EVERY_MS = 25;

let url = '';
/** @type {{ id: string, token: string, socket: import('socket.io-client').Socket | null }[]} */
let agents = [];
const behaviour = { accept: false, resolve: false, holdMs: 0 };
let closing = false;
let pendingResolves = 0;
let pendingAccepts = 0;
const counts = {};
const errors = new Map();
let outbox = [];
const lag = monitorEventLoopDelay({ resolution: 10 });
lag.enable();

function emitUp(event) {
  outbox.push(event);
}
setInterval(() => {
  if (!outbox.length || !process.connected) return;
  const batch = outbox;
  outbox = [];
  process.send({ events: batch });
}, FLUSH_EVERY_MS).unref();

function fail(kind, detail) {
  const known = errors.get(kind);
  if (known) known.count++;
  else errors.set(kind, { count: 1, first: String(detail).slice(0, 300) });
  emitUp({ type: 'error', kind, detail: String(detail).slice(0, 300) });
}

function count(event) {
  counts[event] = (counts[event] ?? 0) + 1;
}

function emitAck(socket, event, payload) {
  return new Promise((resolve, reject) => {
    socket.timeout(ACK_TIMEOUT_MS).emit(event, payload, (error, ack) => (error ? reject(new Error(`no ack to ${event} within ${ACK_TIMEOUT_MS / 1000} s`)) : resolve(ack)));
  });
}

function connectAgent(agent) {
  return new Promise((resolve) => {
    const socket = io(`${url}/agent`, { auth: { token: agent.token }, transports: ['websocket'], reconnection: false, forceNew: true, timeout: CONNECT_TIMEOUT_MS, ...(parser ? { parser } : {}) });
    agent.socket = socket;
    socket.onAny((event) => count(event));
    socket.on('ticket.offered', (offer) => onOffered(agent, offer));
    socket.on('ticket.assigned', (event) => {
      if (event.agentId === agent.id) emitUp({ type: 'assigned', ticketId: event.ticketId, agentId: agent.id, via: event.via, at: nowMs() });
    });
    socket.on('offer.closed', (event) => emitUp({ type: 'closed', ticketId: event.ticketId, offerId: event.offerId, status: event.status, reason: event.reason, agentId: agent.id, at: nowMs() }));
    socket.on('session.ended', (event) => fail('session.ended', `${agent.id}: ${event?.code} ${event?.message}`));
    socket.once('connect', () => {
      socket.on('disconnect', (reason) => !closing && fail('disconnected', `${agent.id}: ${reason}`));
      resolve(true);
    });
    socket.once('connect_error', (error) => {
      const code = error?.data?.code;
      fail(code ? `connect_error ${code}` : 'connect_error', error?.data?.message ?? error?.message ?? String(error));
      socket.close();
      agent.socket = null;
      resolve(false);
    });
  });
}

async function onOffered(agent, offer) {
  const at = nowMs();
  emitUp({ type: 'offered', ticketId: offer.ticketId, offerId: offer.id, agentId: agent.id, autoAccepted: Boolean(offer.autoAccepted), at });
  if (!behaviour.accept || offer.autoAccepted) return;
  pendingAccepts++;
  try {
    const ack = await emitAck(agent.socket, 'offer.accept', { offerId: offer.id });
    if (!ack?.ok) return fail(`offer.accept ${ack?.error?.code ?? 'BAD_ACK'}`, `${offer.id}: ${ack?.error?.message ?? JSON.stringify(ack)}`);
    const acceptedAt = nowMs();
    emitUp({ type: 'accepted', ticketId: offer.ticketId, offerId: offer.id, agentId: agent.id, at: acceptedAt, rtt: acceptedAt - at });
    if (behaviour.resolve) scheduleResolve(agent, offer.ticketId);
  } catch (error) {
    fail('offer.accept timeout', `${offer.id}: ${error.message}`);
  } finally {
    pendingAccepts--;
  }
}

/** Resolves not yet done; `behave` with resolve off cancels them (the phase that wanted them is over). */
const resolves = new Set();

function scheduleResolve(agent, ticketId) {
  pendingResolves++;
  const hold = behaviour.holdMs * (0.5 + Math.random());
  const job = { abort: new AbortController(), timer: null };
  resolves.add(job);
  job.timer = setTimeout(async () => {
    try {
      const response = await fetch(`${url}/api/tickets/${ticketId}/status`, {
        method: 'POST',
        headers: { authorization: `Bearer ${agent.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ status: 'resolved' }),
        signal: AbortSignal.any([job.abort.signal, AbortSignal.timeout(ACK_TIMEOUT_MS)]),
      });
      const text = await response.text();
      if (response.ok) emitUp({ type: 'resolved', ticketId, agentId: agent.id, at: nowMs() });
      else {
        let code = '';
        try {
          code = JSON.parse(text)?.error?.code ?? '';
        } catch {
          // not JSON: the status says enough
        }
        fail(`resolve HTTP ${response.status}${code ? ` ${code}` : ''}`, `${ticketId}: ${text.slice(0, 200)}`);
      }
    } catch (error) {
      if (!job.abort.signal.aborted) fail('resolve failed', `${ticketId}: ${error?.cause?.code ?? error.message}`);
    } finally {
      if (resolves.delete(job)) pendingResolves--;
    }
  }, hold);
}

function cancelResolves() {
  for (const job of resolves) {
    clearTimeout(job.timer);
    job.abort.abort();
    pendingResolves--;
  }
  resolves.clear();
}

function openFilesLimit() {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
    return Number(line.split(/\s{2,}/)[1]);
  } catch {
    return null;
  }
}

/** Runs `work` over `items` with at most `limit` in flight. */
async function pool(items, limit, work) {
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]);
  });
  await Promise.all(runners);
}

const commands = {
  async init(message) {
    url = message.url;
    agents = message.agents.map((a) => ({ ...a, socket: null }));
    parser = message.parseAll ? null : await leanParser();
    const started = nowMs();
    let connected = 0;
    await pool(agents, message.concurrency ?? 50, async (agent) => {
      if (await connectAgent(agent)) connected++;
    });
    return { connected, failed: agents.length - connected, ms: nowMs() - started, openFiles: openFilesLimit(), leanParser: Boolean(parser) };
  },
  async presence(message) {
    const started = nowMs();
    let ok = 0;
    let failed = 0;
    let firstError = null;
    const live = agents.filter((a) => a.socket?.connected);
    await pool(live, message.concurrency ?? 100, async (agent) => {
      try {
        const ack = await emitAck(agent.socket, 'presence.set', message.reason ? { state: message.state, reason: message.reason } : { state: message.state });
        if (ack?.ok) ok++;
        else {
          failed++;
          firstError ??= `${ack?.error?.code}: ${ack?.error?.message}`;
        }
      } catch (error) {
        failed++;
        firstError ??= error.message;
      }
    });
    return { ok, failed, firstError, ms: nowMs() - started, lastAckAt: nowMs() };
  },
  async behave(message) {
    Object.assign(behaviour, message.behaviour);
    if (!behaviour.resolve) cancelResolves();
    return { ...behaviour };
  },
  async stats() {
    return {
      counts: { ...counts },
      errors: Object.fromEntries(errors),
      pendingResolves,
      pendingAccepts,
      connected: agents.filter((a) => a.socket?.connected).length,
      cpuSeconds: (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
      lagP99Ms: lag.percentile(99) / 1e6,
      lagMaxMs: lag.max / 1e6,
    };
  },
  async resetLag() {
    lag.reset();
    return true;
  },
  async close() {
    closing = true;
    for (const agent of agents) agent.socket?.close();
    setTimeout(() => process.exit(0), 100);
    return true;
  },
};

process.on('message', async (message) => {
  const handler = commands[message?.cmd];
  if (!handler) return process.send({ id: message?.id, error: `unknown command ${message?.cmd}` });
  try {
    const reply = await handler(message);
    // Events observed before the reply go up first, so the parent never sees a reply ahead of them.
    if (outbox.length) {
      process.send({ events: outbox });
      outbox = [];
    }
    process.send({ id: message.id, reply });
  } catch (error) {
    process.send({ id: message.id, error: String(error?.stack ?? error) });
  }
});
process.on('disconnect', () => {
  closing = true;
  process.exit(0);
});
