// The pure parts of `npm run bench:reports`: options, the shape of the generated month, the checks of
// rollup against raw, and the printed table. No I/O here, so `node --test tools/bench/` checks it.
import { UsageError, apiLogOption, databaseUrlOption, fmtInt, fmtMs, fmtRatio, readNumbers, scanArgs } from './bench-lib.mjs';

export const REPORTS_USAGE = `Usage: npm run bench:reports -- [options]

Builds the API, starts it from dist on a throwaway database (embedded PostgreSQL in a temporary folder,
or a new database on the server of DATABASE_URL), generates one client's month with bulk SQL as the
database owner (tickets, contacts and their ticket events), lets the API's own projector turn the
events into ticket facts and rollups, then prints one table: the month's KPI report
(GET /api/reports/clients/:id/kpis for the whole month) beside a raw aggregate scan of the same month's
events and facts, measured in the same run, and whether rollup and raw agree.

Options (environment variable in brackets):
  --tickets <n>         tickets in the month (default 1000000) [BENCH_REPORTS_TICKETS]
  --runs <n>            timed reads of each figure (default 10) [BENCH_REPORTS_RUNS]
  --month <YYYY-MM>     the month generated (default 2026-10)
  --database-url <url>  a PostgreSQL server to create the throwaway database on (default $DATABASE_URL)
  --no-build            use dist/apps/api as it is
  --api-log <level>     the API's LOG_LEVEL (default warn)
  -h, --help            show this text

Every ticket has 10 events (so 1,000,000 tickets = 10,000,000 events). The projection of a million
tickets takes many minutes on a small machine; \`--tickets 20000\` is a smoke run.
Exit code: 0 when the run completed (a missed target is reported, not failed); 1 on a real failure
(the API not starting, rollup and raw disagreeing); 2 for a bad option.
`;

const NUMBER_OPTIONS = {
  tickets: { env: 'BENCH_REPORTS_TICKETS', def: 1_000_000, min: 100, max: 5_000_000, integer: true },
  runs: { env: 'BENCH_REPORTS_RUNS', def: 10, min: 1, max: 1_000, integer: true },
};
const TEXT_OPTIONS = new Set(['database-url', 'api-log', 'month']);
const FLAGS = new Set(['no-build']);

export function parseReportsOptions(argv, env = {}) {
  const raw = scanArgs(argv, { numbers: NUMBER_OPTIONS, texts: TEXT_OPTIONS, flags: FLAGS });
  if (raw.help) return { help: true };
  const month = raw.month ?? '2026-10';
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new UsageError(`--month must be YYYY-MM (got "${month}").`);
  return { ...readNumbers(raw, env, NUMBER_OPTIONS), month, databaseUrl: databaseUrlOption(raw, env), apiLog: apiLogOption(raw), build: !raw['no-build'] };
}

export const TARGET_MS = 500;
export const EVENTS_PER_TICKET = 10;

/** The month's first and last dates and the UTC window (the generated client is on UTC). */
export function monthWindow(month) {
  const [y, m] = month.split('-').map(Number);
  const from = new Date(Date.UTC(y, m - 1, 1));
  const to = new Date(Date.UTC(y, m, 1));
  const last = new Date(to.getTime() - 86_400_000);
  return { fromDate: from.toISOString().slice(0, 10), toDate: last.toISOString().slice(0, 10), from: from.toISOString(), to: to.toISOString(), seconds: (to - from) / 1000 };
}

/**
 * What the generator writes for ticket i (1-based), the same rules as the SQL in reports-db.mjs, so the
 * expected totals can be computed without the database: every 20th ticket is abandoned after its wait;
 * the others are answered after `(i·37) mod 90` seconds; every third answered ticket gets a CSAT
 * survey, answered with 5 when i is even, 2 when odd.
 */
export function generatedTicket(i) {
  const wait = (i * 37) % 90;
  const abandoned = i % 20 === 0;
  const surveyed = !abandoned && i % 3 === 0;
  return { wait, abandoned, surveyed, csat: surveyed ? (i % 2 === 0 ? 5 : 2) : null };
}

/** The totals of tickets 1..n by the rules above (default service level: 20 s, no short-abandon rule). */
export function expectedTotals(n) {
  const t = { offered: n, handled: 0, answeredWithin: 0, abandoned: 0, abandonedWithin: 0, csatSent: 0, csatSatisfied: 0 };
  for (let i = 1; i <= n; i++) {
    const g = generatedTicket(i);
    if (g.abandoned) {
      t.abandoned++;
      if (g.wait <= 20) t.abandonedWithin++;
    } else {
      t.handled++;
      if (g.wait <= 20) t.answeredWithin++;
      if (g.surveyed) {
        t.csatSent++;
        if (g.csat >= 4) t.csatSatisfied++;
      }
    }
  }
  return t;
}

/** The differences between two sets of totals, as "name: a ≠ b" lines (empty when they agree). */
export function differences(label, expected, actual) {
  return Object.keys(expected)
    .filter((k) => expected[k] !== actual[k])
    .map((k) => `${label} ${k}: expected ${expected[k]}, got ${actual[k]}`);
}

const DISTRIBUTIONS = ['firstResponse', 'nextResponse', 'firstResolution', 'finalResolution'];

/**
 * Where a rollup report differs from the exact one beyond what the rollups promise: every field equal
 * except agent-attributed handle time (not rolled up) and the percentiles of durations, which may be
 * up to one bucket above the exact value (1 s under 10 min, 10 s under 1 h, 1 min under a day, 10 min beyond).
 */
export function compareReports(label, exact, rolled) {
  const problems = [];
  const width = (v) => (v <= 600 ? 1 : v <= 3600 ? 10 : v <= 86_400 ? 60 : 600);
  for (const d of DISTRIBUTIONS) {
    for (const p of ['median', 'p90']) {
      const e = exact[d][p];
      const r = rolled[d][p];
      if (e === null ? r !== null : !(r >= e && r - e < width(e))) problems.push(`${label} ${d}.${p}: exact ${e}, rollup ${r}`);
    }
  }
  const strip = (r) => JSON.stringify({
    ...r,
    aht: { ...r.aht, attributedSeconds: null, attributedAht: null },
    ...Object.fromEntries(DISTRIBUTIONS.map((d) => [d, { ...r[d], median: null, p90: null, mean: r[d].mean === null ? null : Math.round(r[d].mean * 1e6) / 1e6 }])),
    asa: { ...r.asa, value: r.asa.value === null ? null : Math.round(r.asa.value * 1e6) / 1e6, numerator: Math.round(r.asa.numerator * 1e3) / 1e3 },
  });
  const a = JSON.parse(strip(exact));
  const b = JSON.parse(strip(rolled));
  for (const key of Object.keys(a)) if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) problems.push(`${label} ${key}: rollup ${JSON.stringify(b[key])} vs exact ${JSON.stringify(a[key])}`);
  return problems;
}

export function reportsRows(r, options) {
  const sys = r.system;
  const verdict = sys?.p50 === undefined ? 'n/a' : sys.p95 <= TARGET_MS ? 'met' : sys.p50 <= TARGET_MS ? 'p50 met, p95 missed' : 'missed';
  const row = (name, s, target, note) => [name, s?.unavailable ? `n/a (${s.unavailable})` : s ? `p50 ${fmtMs(s.p50)}, p95 ${fmtMs(s.p95)}` : '–', target, note];
  return [
    row(`Baseline 1: raw scan of the month's ticket_events (${fmtInt(r.events)} rows, count by type)`, r.baselineEvents, '', 'the log itself, no projection'),
    row(`Baseline 2: raw aggregate over the month's ticket_facts (${fmtInt(r.facts)} rows)`, r.baselineFacts, '', 'offered / answered within 20 s / abandoned / CSAT in one SQL scan'),
    row(`System: GET …/kpis for ${options.month} (rollups; every KPI)`, sys, `≤ ${TARGET_MS} ms`, sys?.p50 ? `${verdict}; ${fmtRatio(r.baselineFacts?.p50 / sys.p50)} faster than baseline 2, ${fmtRatio(r.baselineEvents?.p50 / sys.p50)} than baseline 1` : ''),
    row(`System: GET …/kpis for ${options.month}, groupBy=day (the portal's trend)`, r.systemDays, '', ''),
    ['Rollup == raw', r.agree === undefined ? '–' : r.agree ? 'yes' : 'NO', 'yes', r.agreeNote ?? ''],
    ['Projection of the generated log', r.projection ? `${fmtInt(r.projection.tickets)} tickets in ${(r.projection.ms / 1000).toFixed(0)} s` : '–', '', r.projection ? `${fmtInt(r.projection.tickets / (r.projection.ms / 1000))} tickets/s by the API's projector (facts + rollups)` : ''],
  ];
}
