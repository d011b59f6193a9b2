// The pure parts of the benchmarks. Shared by `npm run bench:routing` and `npm run bench:desk`: reading
// a command line, percentiles, the figures' formats, the table, the gist of a failed build. Routing's
// own: its options, access tokens, schedules and its table's rows (the desk's are in desk-lib.mjs).
// No I/O here, so `node --test tools/bench/` can check all of it.
import { createHmac } from 'node:crypto';
import { performance } from 'node:perf_hooks';

export const USAGE = `Usage: npm run bench:routing -- [options]

Builds the API, starts it on a throwaway database (embedded PostgreSQL in a temporary folder, or a new
database on the server of DATABASE_URL), seeds agents, clients and queues with SQL, and prints one
table: two baselines (bare Socket.IO relay, bare PostgreSQL SKIP LOCKED claims) and the routing
engine under load (offer latency at a steady ticket rate, and a burn-down of a waiting backlog).

Options (environment variable in brackets):
  --agents <n>          agents connected to /agent (default 2000) [BENCH_AGENTS]
  --rate <n>            new chat tickets per second in system A and relay messages per second in
                        baseline 1 (default 100) [BENCH_RATE]
  --seconds <s>         how long tickets arrive in system A, and baseline 1 runs (default 20) [BENCH_SECONDS]
  --backlog <n>         waiting tickets burned down in system B (default 10000) [BENCH_BACKLOG]
  --clients <n>         clients (tenants) the agents are spread over, one client each (default 1) [BENCH_CLIENTS]
  --burn-mode <m>       system B: auto = email queue with auto-accept (default), accept = chat queue,
                        agents accept every offer at once [BENCH_BURN_MODE]
  --hold <s>            system A: an agent resolves an accepted ticket after this many seconds (default 3)
  --claim-rows <n>      baseline 2: rows in the throwaway table (default 10000)
  --claim-workers <n>   baseline 2: concurrent workers (default 8)
  --claim-batch <n>     baseline 2: rows claimed per transaction (default 1)
  --fleets <n>          child processes holding the agent sockets (default: 1 per 1000 agents, at most 4)
  --pool-size <n>       the API's DATABASE_POOL_SIZE (default: the product's default)
  --database-url <url>  a PostgreSQL server to create the throwaway database on (default $DATABASE_URL;
                        unset: embedded PostgreSQL in a temporary folder)
  --only <list>         run only some parts: relay, claim, system-a, system-b (comma-separated)
  --no-build            use dist/apps/api as it is (skip \`nx build api\`)
  --parse-all           agents JSON-parse every ticket.updated too (default: counted, not parsed,
                        so the load generator leaves the CPU to the API)
  --api-log <level>     the API's LOG_LEVEL (default warn); its output goes to a log file, kept (and
                        named at the end) when a run fails or the level is not warn
  -h, --help            show this text

Exit code: 0 when the run completed (a missed target is reported, not failed); 1 on a real failure
(lost offers, refused sockets, errors, the API not starting); 2 for a bad option.
`;

const NUMBER_OPTIONS = {
  agents: { env: 'BENCH_AGENTS', def: 2000, min: 1, max: 100_000, integer: true },
  rate: { env: 'BENCH_RATE', def: 100, min: 0.1, max: 10_000 },
  seconds: { env: 'BENCH_SECONDS', def: 20, min: 1, max: 3600 },
  backlog: { env: 'BENCH_BACKLOG', def: 10_000, min: 0, max: 1_000_000, integer: true },
  clients: { env: 'BENCH_CLIENTS', def: 1, min: 1, max: 1000, integer: true },
  hold: { def: 3, min: 0, max: 3600 },
  'claim-rows': { def: 10_000, min: 1, max: 10_000_000, integer: true },
  'claim-workers': { def: 8, min: 1, max: 200, integer: true },
  'claim-batch': { def: 1, min: 1, max: 10_000, integer: true },
  fleets: { def: 0, min: 1, max: 64, integer: true },
  'pool-size': { def: 0, min: 1, max: 200, integer: true },
};
const TEXT_OPTIONS = new Set(['burn-mode', 'database-url', 'only', 'api-log']);
const FLAGS = new Set(['no-build', 'parse-all']);
export const PARTS = ['relay', 'claim', 'system-a', 'system-b'];

/** Parses argv (without node and the script) against env; `{ help: true }` for -h. Throws UsageError. */
export function parseOptions(argv, env = {}) {
  const raw = scanArgs(argv, { numbers: NUMBER_OPTIONS, texts: TEXT_OPTIONS, flags: FLAGS });
  if (raw.help) return { help: true };
  const options = { help: false, ...readNumbers(raw, env, NUMBER_OPTIONS) };
  options.burnMode = oneOf('burn-mode', raw['burn-mode'] ?? env.BENCH_BURN_MODE ?? 'auto', ['auto', 'accept']);
  options.databaseUrl = databaseUrlOption(raw, env);
  options.build = !raw['no-build'];
  options.parseAll = Boolean(raw['parse-all']);
  options.apiLog = apiLogOption(raw);
  const only = (raw.only ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  for (const part of only) if (!PARTS.includes(part)) throw new UsageError(`--only: unknown part "${part}"; the parts are ${PARTS.join(', ')}.`);
  options.parts = new Set(only.length ? only : PARTS);
  if (!options.fleets) options.fleets = Math.min(4, Math.max(1, Math.ceil(options.agents / 1000)));
  options.fleets = Math.min(options.fleets, options.agents);
  if (!options.poolSize) options.poolSize = null;
  if (options.clients > options.agents) throw new UsageError(`--clients (${options.clients}) cannot exceed --agents (${options.agents}): every client needs an agent.`);
  return options;
}

// ---------------------------------------------------------------------------------------------------
// Command lines (both benches).

/** A bad command line: the message names the option; the runner prints it with the usage hint and exits 2. */
export class UsageError extends Error {}

/**
 * Reads argv (without node and the script) against the names a bench knows: `numbers` (name → spec),
 * `texts` (names that take a value) and `flags` (names that take none). Returns the raw values by name
 * (true for a flag), or `{ help: true }` for -h / --help. Throws UsageError.
 */
export function scanArgs(argv, { numbers = {}, texts = new Set(), flags = new Set() }) {
  const raw = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') return { help: true };
    const match = /^--([a-z-]+)(?:=(.*))?$/s.exec(arg);
    if (!match) throw new UsageError(`Unexpected argument "${arg}".`);
    const [, name, inline] = match;
    if (flags.has(name)) {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value.`);
      raw[name] = true;
      continue;
    }
    if (!(name in numbers) && !texts.has(name)) throw new UsageError(`Unknown option --${name}.`);
    let value = inline;
    if (value === undefined) {
      value = argv[i + 1];
      if (value === undefined || /^--[a-z]/.test(value)) throw new UsageError(`--${name} needs a value.`);
      i++;
    }
    if (name in raw) throw new UsageError(`--${name} is given twice.`);
    raw[name] = value;
  }
  return raw;
}

/**
 * Every number option of `numbers` ({ env?, def, min, max, integer? } by name): from the command line,
 * else its environment variable, else its default; keyed in camelCase (`claim-rows` → claimRows).
 */
export function readNumbers(raw, env, numbers) {
  const options = {};
  for (const [name, spec] of Object.entries(numbers)) {
    const text = raw[name] ?? (spec.env ? env[spec.env] : undefined);
    options[camel(name)] = text === undefined || text === '' ? spec.def : parseNumber(name, String(text), spec);
  }
  return options;
}

const camel = (name) => name.replace(/-([a-z])/g, (_, c) => c.toUpperCase());

export function oneOf(name, value, allowed) {
  if (!allowed.includes(value)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')} (got "${value}").`);
  return value;
}

export function parseNumber(name, text, { min, max, integer = false }) {
  const value = Number(text);
  const kind = integer ? 'a whole number' : 'a number';
  if (!/^\s*[\d.]+(e\d+)?\s*$/i.test(text) || !Number.isFinite(value)) throw new UsageError(`--${name} must be ${kind} (got "${text}").`);
  if (integer && !Number.isInteger(value)) throw new UsageError(`--${name} must be a whole number (got "${text}").`);
  if (value < min || value > max) throw new UsageError(`--${name} must be between ${min} and ${max} (got ${text}).`);
  return value;
}

/** --database-url, else DATABASE_URL: the server to create the throwaway database on; null for embedded PostgreSQL. */
export function databaseUrlOption(raw, env) {
  const databaseUrl = raw['database-url'] ?? env.DATABASE_URL;
  if (databaseUrl !== undefined && databaseUrl !== '' && !/^postgres(ql)?:\/\/.+/.test(databaseUrl)) throw new UsageError('--database-url must be a postgres:// URL.');
  return databaseUrl || null;
}

/** --api-log: the API's LOG_LEVEL (default warn). */
export const apiLogOption = (raw) => oneOf('api-log', raw['api-log'] ?? 'warn', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

// ---------------------------------------------------------------------------------------------------
// Figures (both benches).

/** Epoch milliseconds with sub-millisecond resolution, comparable between processes on one machine. */
export const nowMs = () => performance.timeOrigin + performance.now();

/** Nearest-rank percentile (p in 0–100) of numbers; null for none. `sorted` skips the sort. */
export function percentile(values, p, sorted = false) {
  if (values.length === 0) return null;
  const list = sorted ? values : [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * list.length));
  return list[Math.min(rank, list.length) - 1];
}

export function latencySummary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return { count: sorted.length, p50: percentile(sorted, 50, true), p95: percentile(sorted, 95, true), p99: percentile(sorted, 99, true), max: sorted.at(-1) ?? null };
}

// ---------------------------------------------------------------------------------------------------
// What the API trusts (routing seeds its agents with tokens).

const b64url = (value) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/**
 * An access token exactly as libs/api/identity's TokenService signs it: HS256, `sub` = user, `sid` =
 * session, `typ: access`, issuer and audience `switchboard`. The session row must exist (not revoked).
 */
export function mintAccessToken(secret, userId, sessionId, ttlSeconds = 4 * 3600, now = Date.now()) {
  const iat = Math.floor(now / 1000);
  const header = b64url({ alg: 'HS256', typ: 'JWT' });
  const payload = b64url({ sid: sessionId, typ: 'access', iat, exp: iat + ttlSeconds, aud: 'switchboard', iss: 'switchboard', sub: userId });
  const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
/**
 * On shift around the clock: shift-schedule.util reads a range whose end is not after its start as
 * running past midnight, and calls equal start and end invalid, so each day is 00:00–23:59 plus
 * 23:59–00:00 (the last minute, ending at the next midnight).
 */
export const ALWAYS_ON = Object.fromEntries(WEEKDAYS.map((day) => [day, [{ start: '00:00', end: '23:59' }, { start: '23:59', end: '00:00' }]]));

// ---------------------------------------------------------------------------------------------------
// The printed result (both benches).

export const fmtMs = (value) => (value === null || value === undefined ? '–' : Math.abs(value) < 10 ? `${value.toFixed(1)} ms` : `${Math.round(value)} ms`);
export const fmtInt = (value) => (value === null || value === undefined ? '–' : Math.round(value).toLocaleString('en-US'));
export const fmtRatio = (value) => (value === null || value === undefined || !Number.isFinite(value) ? '–' : value >= 10 ? `${Math.round(value)}×` : `${value.toFixed(1)}×`);

/** Pads a table of rows (arrays of strings) into aligned columns with a header rule. */
export function formatTable(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells) => cells.map((c, i) => (c ?? '').padEnd(widths[i])).join('  ').trimEnd();
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** A load average (os.loadavg()) as "1.2 / 0.8 / 0.5". */
export const fmtLoadAverage = (values) => values.map((l) => l.toFixed(1)).join(' / ');

/** Lines of a log, each indented four spaces (a block under a note or a failure). */
export const indentLines = (lines) => lines.map((l) => `    ${l}`).join('\n');

/**
 * The gist of a failed build's output: the first line that reads like the error (TypeScript, webpack,
 * Vite), else the first that says "error", else the exit status; and its last 15 lines.
 */
export function buildFailure(output, status) {
  const lines = output.split('\n').map((l) => l.trim());
  const first = lines.find((l) => /\bTS\d{4}\b|error TS|Module not found|ERROR in|error during build/i.test(l)) ?? lines.find((l) => /error/i.test(l)) ?? `exit ${status}`;
  return { first: first.slice(0, 200), tail: indentLines(output.trim().split('\n').slice(-15)) };
}

// ---------------------------------------------------------------------------------------------------
// Routing's table.

export const TARGETS = { agents: 2000, offerP99Ms: 50, offerRate: 100, burnDownPerSecond: 1000 };

/**
 * The one result table. `r` holds what ran: relay, claim, agents, systemA, systemB; a part that did not
 * run is null or `{ unavailable: reason }`.
 */
export function resultRows(r, options) {
  const rows = [];
  const na = (part) => (part?.unavailable ? `n/a (${part.unavailable})` : 'not run');
  const relayP99 = r.relay && !r.relay.unavailable ? r.relay.p99 : null;
  const claimRate = r.claim && !r.claim.unavailable ? r.claim.rowsPerSecond : null;

  if (r.relay && !r.relay.unavailable) {
    rows.push(['Baseline 1  raw Socket.IO relay', `p50 ${fmtMs(r.relay.p50)} · p95 ${fmtMs(r.relay.p95)} · p99 ${fmtMs(r.relay.p99)}`, '–', `${fmtInt(r.relay.count)} msgs at ${options.rate}/s`]);
  } else rows.push(['Baseline 1  raw Socket.IO relay', na(r.relay), '–', '']);
  if (r.claim && !r.claim.unavailable) {
    rows.push(['Baseline 2  raw PG SKIP LOCKED claims', `${fmtInt(r.claim.rowsPerSecond)} rows/s`, '–', `${fmtInt(r.claim.rows)} rows, ${r.claim.workers} workers × ${r.claim.batch}/tx, ${r.claim.database}`]);
  } else rows.push(['Baseline 2  raw PG SKIP LOCKED claims', na(r.claim), '–', '']);

  if (r.agents && !r.agents.unavailable) {
    const met = r.agents.connected < r.agents.requested ? 'MISSED' : r.agents.connected >= TARGETS.agents ? 'met' : 'below target scale';
    rows.push(['System     agents connected to /agent', `${fmtInt(r.agents.connected)} / ${fmtInt(r.agents.requested)}`, `${fmtInt(TARGETS.agents)} (${met})`, `in ${(r.agents.connectMs / 1000).toFixed(1)} s over ${r.agents.fleets} process(es); available in ${(r.agents.availableMs / 1000).toFixed(1)} s`]);
  } else rows.push(['System     agents connected to /agent', na(r.agents), fmtInt(TARGETS.agents), '']);

  const a = r.systemA;
  if (a && !a.unavailable) {
    const atTargetRate = options.rate >= TARGETS.offerRate;
    const met = a.p99 !== null && a.p99 <= TARGETS.offerP99Ms ? 'met' : 'MISSED';
    rows.push([
      `System A   offer latency at ${options.rate}/s`,
      `p50 ${fmtMs(a.p50)} · p95 ${fmtMs(a.p95)} · p99 ${fmtMs(a.p99)}`,
      `p99 ≤ ${TARGETS.offerP99Ms} ms at ${TARGETS.offerRate}/s (${atTargetRate ? met : `${met}, below target rate`})`,
      `p99 ${fmtRatio(relayP99 ? a.p99 / relayP99 : null)} baseline 1`,
    ]);
    rows.push(['System A   tickets acked → offered', `${fmtInt(a.offered)} / ${fmtInt(a.acked)}`, 'all', `lost ${a.lost}, errors ${a.errors}; ack p99 ${fmtMs(a.ackP99)}, accept p99 ${fmtMs(a.acceptP99)}`]);
  } else rows.push([`System A   offer latency at ${options.rate}/s`, na(a), `p99 ≤ ${TARGETS.offerP99Ms} ms`, '']);

  const b = r.systemB;
  if (b && !b.unavailable) {
    const met = b.done < b.backlog ? 'MISSED, incomplete' : b.perSecond >= TARGETS.burnDownPerSecond ? 'met' : 'MISSED';
    rows.push([
      `System B   burn-down of ${fmtInt(b.backlog)}`,
      `${fmtInt(b.perSecond)} tickets/s`,
      `≥ ${fmtInt(TARGETS.burnDownPerSecond)}/s (${met})`,
      `${claimRate ? `${((b.perSecond / claimRate) * 100).toFixed(0)} % of baseline 2` : '–'}; all ${b.doneLabel} in ${(b.elapsedMs / 1000).toFixed(2)} s`,
    ]);
  } else rows.push([`System B   burn-down of ${fmtInt(options.backlog)}`, na(b), `≥ ${fmtInt(TARGETS.burnDownPerSecond)}/s`, '']);
  return rows;
}
