// The pure parts of `npm run bench:desk`: options, the shape of the seeded timeline, and the printed
// table. No I/O here, so `node --test tools/bench/` can check all of it.
import { UsageError, apiLogOption, databaseUrlOption, fmtMs, fmtRatio, readNumbers, scanArgs } from './bench-lib.mjs';

export const DESK_USAGE = `Usage: npm run bench:desk -- [options]

Builds the API and the agent console, starts the API from dist with the demo data on a throwaway
database (embedded PostgreSQL in a temporary folder, or a new database on the server of DATABASE_URL),
seeds with SQL one Globex chat ticket with a long timeline and one with a short one (both assigned to
agent1@switchboard.demo, Maria Santos), and prints one table: the raw PostgreSQL read of the latest
page beside GET /api/tickets/:id and the paging read, and the console's first screen of the short
ticket beside the long one in headless Chromium (DOM lines rendered, paging back on scroll).

Options (environment variable in brackets):
  --runs <n>            HTTP and SQL reads per figure (default 50) [BENCH_DESK_RUNS]
  --loads <n>           browser loads of each ticket (default 10) [BENCH_DESK_LOADS]
  --lines <n>           timeline lines of the long ticket (default 10000) [BENCH_DESK_LINES]
  --small-lines <n>     timeline lines of the short ticket, the browser baseline (default 10)
  --pages <n>           pages the browser loads back by scrolling to the top (default 3)
  --database-url <url>  a PostgreSQL server to create the throwaway database on (default $DATABASE_URL;
                        unset: embedded PostgreSQL in a temporary folder)
  --chromium <path>     the Chromium binary (default $CHROMIUM_PATH, else /usr/bin/chromium)
  --no-build            use dist/apps/api and dist/apps/agent-console as they are (skip the builds)
  --api-log <level>     the API's LOG_LEVEL (default warn); its output goes to a log file, kept (and
                        named at the end) when a run fails or the level is not warn
  -h, --help            show this text

Exit code: 0 when the run completed (a missed target is reported, not failed); 1 on a real failure
(the API or the browser not starting, a wrong answer, the ticket never showing); 2 for a bad option.
`;

const NUMBER_OPTIONS = {
  runs: { env: 'BENCH_DESK_RUNS', def: 50, min: 1, max: 10_000, integer: true },
  loads: { env: 'BENCH_DESK_LOADS', def: 10, min: 1, max: 1_000, integer: true },
  lines: { env: 'BENCH_DESK_LINES', def: 10_000, min: 101, max: 1_000_000, integer: true },
  'small-lines': { def: 10, min: 1, max: 100, integer: true },
  pages: { def: 3, min: 1, max: 1_000, integer: true },
};
const TEXT_OPTIONS = new Set(['database-url', 'chromium', 'api-log']);
const FLAGS = new Set(['no-build']);

/** Parses argv (without node and the script) against env; `{ help: true }` for -h. Throws UsageError. */
export function parseDeskOptions(argv, env = {}) {
  const raw = scanArgs(argv, { numbers: NUMBER_OPTIONS, texts: TEXT_OPTIONS, flags: FLAGS });
  if (raw.help) return { help: true };
  const options = { help: false, ...readNumbers(raw, env, NUMBER_OPTIONS) };
  options.databaseUrl = databaseUrlOption(raw, env);
  options.chromium = raw.chromium || env.CHROMIUM_PATH || '/usr/bin/chromium';
  options.build = !raw['no-build'];
  options.apiLog = apiLogOption(raw);
  // Paging back needs earlier lines: the first screen holds TIMELINE_PAGE_SIZE of them.
  const pagesAvailable = Math.ceil(options.lines / PAGE_SIZE) - 1;
  if (options.pages > pagesAvailable) throw new UsageError(`--pages (${options.pages}) exceeds the ${pagesAvailable} earlier page(s) a ${options.lines}-line timeline has.`);
  return options;
}

// ---------------------------------------------------------------------------------------------------
// The seeded timeline.

/** What GET /api/tickets/:id returns and each paging read asks for (TIMELINE_PAGE_SIZE in shared-contracts). */
export const PAGE_SIZE = 100;
/** Every NOTE_EVERY-th line is an internal note (the last line never is). */
export const NOTE_EVERY = 20;

/**
 * The direction of line `seq` of an `lines`-line timeline: customer (odd) and agent (even) lines
 * alternate, every 20th line is an internal note, and the last line is always the customer's, so the
 * first screen has a known latest message. timelineSql() writes the same rule in SQL.
 */
export function directionOf(seq, lines) {
  if (seq === lines) return 'inbound';
  if (seq % NOTE_EVERY === 0) return 'note';
  return seq % 2 === 1 ? 'inbound' : 'outbound';
}

/** The SQL twin of directionOf over a generate_series column `g` and the line count parameter. */
export function directionSql(g, lines) {
  return `CASE WHEN ${g} = ${lines} THEN 'inbound' WHEN ${g} % ${NOTE_EVERY} = 0 THEN 'note' WHEN ${g} % 2 = 1 THEN 'inbound' ELSE 'outbound' END`;
}

/** How many lines of each direction an `lines`-line timeline has (the seed is checked against it). */
export function timelineCounts(lines) {
  const notes = Math.floor((lines - (lines % NOTE_EVERY === 0 ? 1 : 0)) / NOTE_EVERY);
  // Odd seqs are the customer's, and so is the last line whatever its parity (notes are even seqs).
  const inbound = Math.ceil(lines / 2) + (lines % 2 === 0 ? 1 : 0);
  return { inbound, outbound: lines - inbound - notes, note: notes };
}

/** The text of the last line (the customer's latest message) the first screen must show. */
export function latestLineText(label, lines) {
  return `One last thing before I go: can the replacement still ship today? (${label}, line ${lines.toLocaleString('en-US')})`;
}

// ---------------------------------------------------------------------------------------------------
// The printed result.

export const DESK_TARGETS = { firstScreenMs: 1_000, domLines: PAGE_SIZE };

const fmtLines = (n) => Number(n).toLocaleString('en-US');
const pair = (s, second = 'p95') => (s ? `p50 ${fmtMs(s.p50)} · ${second} ${fmtMs(s[second])}` : '–');
const ratio = (a, b) => (a === null || a === undefined || !b ? null : a / b);
const na = (part) => (part?.unavailable ? `n/a (${part.unavailable})` : 'not run');

/** Is the first-screen target met by a browser summary (p50 and max both within it)? */
export function firstScreenVerdict(summary) {
  if (!summary || summary.count === 0) return 'not measured';
  return summary.p50 <= DESK_TARGETS.firstScreenMs && summary.max <= DESK_TARGETS.firstScreenMs ? 'met' : 'MISSED';
}

/**
 * The one result table. `r` holds baselineA, systemA {detail, paging}, baselineB, systemB (each a
 * latency summary plus extras, or `{ unavailable: reason }`, or null when it did not run).
 */
export function deskRows(r, options) {
  const rows = [];
  const big = fmtLines(options.lines);
  const small = fmtLines(options.smallLines);
  const a0 = r.baselineA && !r.baselineA.unavailable ? r.baselineA : null;
  rows.push([`Baseline A  raw PG: latest ${PAGE_SIZE + 1} of ${big} lines`, a0 ? pair(a0) : na(r.baselineA), '–', a0 ? `${a0.count} runs, as the owner (no RLS), ${a0.database}` : '']);

  const sa = r.systemA && !r.systemA.unavailable ? r.systemA : null;
  if (sa) {
    rows.push([`System A    GET /api/tickets/:id (${big} lines)`, pair(sa.detail), '–', `p50 ${fmtRatio(ratio(sa.detail.p50, a0?.p50))} baseline A; ${sa.detail.count} runs; ${sa.detailLines} lines, hasEarlierMessages ${sa.hasEarlier}`]);
    rows.push([`System A    GET …/messages?before=&limit=${PAGE_SIZE}`, pair(sa.paging), '–', `p50 ${fmtRatio(ratio(sa.paging.p50, a0?.p50))} baseline A; ${sa.paging.count} pages back from line ${fmtLines(sa.pagingFrom)} to ${fmtLines(sa.pagingTo)}`]);
  } else rows.push([`System A    GET /api/tickets/:id (${big} lines)`, na(r.systemA), '–', '']);

  const b0 = r.baselineB && !r.baselineB.unavailable ? r.baselineB : null;
  rows.push([`Baseline B  first screen, ${small}-line ticket`, b0 ? pair(b0.firstScreen, 'max') : na(r.baselineB), '–', b0 ? `${b0.firstScreen.count} loads; ${b0.domLines} lines in the DOM (${fmtLines(b0.domElements)} elements)` : '']);

  const sb = r.systemB && !r.systemB.unavailable ? r.systemB : null;
  if (sb) {
    const verdict = firstScreenVerdict(sb.firstScreen);
    rows.push([`System B    first screen, ${big}-line ticket`, pair(sb.firstScreen, 'max'), `p50 and max ≤ ${fmtMs(DESK_TARGETS.firstScreenMs)} (${verdict})`, `p50 ${fmtRatio(ratio(sb.firstScreen.p50, b0?.firstScreen.p50))} baseline B; ${sb.firstScreen.count} loads`]);
    const domOk = sb.domLines <= DESK_TARGETS.domLines ? 'met' : 'MISSED';
    rows.push([`System B    lines in the DOM on load`, `${fmtLines(sb.domLines)} of ${big} (${fmtLines(sb.domElements)} elements)`, `~${DESK_TARGETS.domLines} (${domOk})`, b0 ? `baseline B: ${b0.domLines} lines, ${fmtLines(b0.domElements)} elements` : '']);
    const p = sb.paging;
    rows.push([
      `System B    scroll to the top → earlier page`,
      p.pagesLoaded ? `${p.pagesLoaded} of ${p.pagesAsked} pages: ${pair(p.summary, 'max')}` : 'no page loaded',
      `loads the previous page (${p.pagesLoaded === p.pagesAsked ? 'met' : 'MISSED'})`,
      p.pagesLoaded ? `then ${fmtLines(p.domLinesAfter)} lines in the DOM (${fmtLines(p.domElementsAfter)} elements); view ${p.viewKept ? 'kept' : 'jumped'} (moved ≤ ${Math.round(p.maxShift ?? 0)} px)` : p.problem ?? '',
    ]);
    if (sb.typing) {
      rows.push([
        `System B    keystroke in the reply → next frame`,
        `${fmtLines(sb.typing.firstLines)} lines: ${pair(sb.typing.first, 'max')}`,
        '–',
        `${fmtLines(sb.typing.pagedLines)} lines shown: ${pair(sb.typing.paged, 'max')}`,
      ]);
    }
  } else rows.push([`System B    first screen, ${big}-line ticket`, na(r.systemB), `p50 and max ≤ ${fmtMs(DESK_TARGETS.firstScreenMs)}`, '']);
  return rows;
}
