#!/usr/bin/env node
// `npm run bench:reports`: one run, one table, for "the month's KPI query of a client with 1,000,000
// tickets / 10,000,000 events within 500 ms (rollups maintained as events arrive, the raw computation
// kept as the check that they agree)". It builds the API, runs it from dist on a throwaway database and
// a free port, generates the month with bulk SQL as the database owner, waits for the API's projector
// to build facts and rollups, times the report beside raw scans measured in the same run, checks
// rollup == raw, and stops everything it started. `--help` lists the options.
import { cpus, loadavg } from 'node:os';
import { ApiServer, ROOT, buildWithNx } from './bench-api.mjs';
import { withClient } from './bench-db.mjs';
import { fmtInt, fmtLoadAverage, fmtMs, latencySummary, nowMs } from './bench-lib.mjs';
import { BenchRun, optionsOrExit } from './bench-run.mjs';
import { eventScan, factScan, generateMonth, waitForProjection } from './reports-db.mjs';
import { REPORTS_USAGE, compareReports, differences, expectedTotals, monthWindow, parseReportsOptions, reportsRows } from './reports-lib.mjs';

process.chdir(ROOT);

const options = optionsOrExit('bench:reports', parseReportsOptions, REPORTS_USAGE);
const run = new BenchRun('switchboard-reports-bench', { keepLog: options.apiLog !== 'warn', failureDetail: 'first-line' });
const { notes, say, fail } = run;
const runStarted = nowMs();
const result = {};
let api = null;

async function timedGet(token, path, runs) {
  const get = async () => {
    const started = nowMs();
    const response = await fetch(`${api.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    const text = await response.text();
    if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${text.slice(0, 300)}`);
    return { ms: nowMs() - started, body: JSON.parse(text), bytes: Buffer.byteLength(text) };
  };
  await get(); // warm-up
  const times = [];
  let last = null;
  for (let i = 0; i < runs; i++) {
    last = await get();
    times.push(last.ms);
  }
  return { ...latencySummary(times), body: last.body, bytes: last.bytes };
}

run.cleanUpOnInterrupt();

async function main() {
  notes.push(`Machine: ${cpus().length} cores; load average ${fmtLoadAverage(loadavg())} (1/5/15 min) when the run started — read each figure beside its baseline.`);
  const window = monthWindow(options.month);
  say(`bench:reports — ${fmtInt(options.tickets)} tickets / ${fmtInt(options.tickets * 10)} events in ${options.month}, ${options.runs} timed reads per figure`);
  if (options.build) {
    const error = buildWithNx(run, ['build', 'api'], { announce: 'building the API (nx build api; cached when unchanged)…', failure: 'the build failed', failureNote: 'The build failed' });
    if (error) throw new Error(error);
  }
  api = new ApiServer(run, { databaseUrl: options.databaseUrl, apiLog: options.apiLog, env: { SEED_DEMO: 'false', SERVE_WEB: 'false', SMTP_ENABLED: 'false', ROUTING_ENABLED: 'false' } });
  await api.start();
  say(`API ready at ${api.url} in ${(api.readyMs / 1000).toFixed(1)} s`);
  const version = await withClient(api.ownerUrl, (c) => c.query('SHOW server_version')).then((r) => r.rows[0].server_version);
  const dbLabel = `${options.databaseUrl ? 'external' : 'embedded'} PostgreSQL ${version}`;

  const generated = await generateMonth(api.ownerUrl, { tickets: options.tickets, month: options.month, window, jwtSecret: api.jwtSecret });
  result.events = generated.events;
  say(`generated ${fmtInt(options.tickets)} tickets in ${(generated.ticketsMs / 1000).toFixed(0)} s and ${fmtInt(generated.events)} events in ${(generated.eventsMs / 1000).toFixed(0)} s`);
  notes.push(`Generation (bulk SQL as the owner): tickets + contacts ${(generated.ticketsMs / 1000).toFixed(0)} s, events ${(generated.eventsMs / 1000).toFixed(0)} s (the event trigger that marks tickets for projection was off during the bulk insert; the marks were then written in one statement).`);

  const projection = await waitForProjection(api.ownerUrl, generated.clientId, { say, timeoutMs: 4 * 3600_000 });
  result.projection = { tickets: options.tickets, ms: projection.ms };
  result.facts = projection.facts;
  say(`projected ${fmtInt(projection.facts)} facts and their rollups in ${(projection.ms / 1000).toFixed(0)} s`);

  const base = `/api/reports/clients/${generated.clientId}/kpis?from=${window.fromDate}&to=${window.toDate}`;
  const system = await timedGet(generated.token, base, options.runs);
  result.system = system;
  say(`system: month report p50 ${fmtMs(system.p50)}, p95 ${fmtMs(system.p95)} (source ${system.body.source}, ${fmtInt(system.bytes)} bytes)`);
  if (system.body.source !== 'rollup') fail(`the month's report came from ${system.body.source}, not the rollups`);
  result.systemDays = await timedGet(generated.token, `${base}&groupBy=day`, options.runs);

  const events = await eventScan(api.ownerUrl, generated.clientId, window, Math.min(options.runs, 5));
  result.baselineEvents = latencySummary(events.times);
  const facts = await factScan(api.ownerUrl, generated.clientId, window, Math.min(options.runs, 5));
  result.baselineFacts = latencySummary(facts.times);
  say(`baselines: event scan p50 ${fmtMs(result.baselineEvents.p50)}, fact scan p50 ${fmtMs(result.baselineFacts.p50)}`);

  // Rollup == raw: the generator's own arithmetic, the raw fact scan, and the API's rollup answer must agree.
  const total = system.body.total;
  const fromApi = {
    offered: total.offered,
    handled: total.handled,
    answeredWithin: total.serviceLevel.answeredWithin,
    abandoned: total.serviceLevel.abandoned,
    abandonedWithin: total.serviceLevel.abandonedWithin,
    csatSent: total.csat.surveysSent,
    csatSatisfied: total.csat.satisfied,
  };
  const problems = [...differences('raw facts vs generator', expectedTotals(options.tickets), facts.rows[0]), ...differences('rollup (API) vs raw facts', facts.rows[0], fromApi)];
  // And one whole day through the API both ways: the exact path (every fact) against the rollups.
  const day = `/api/reports/clients/${generated.clientId}/kpis?from=${window.fromDate}&to=${window.fromDate}`;
  const [exactDay, rolledDay] = [await timedGet(generated.token, `${day}&source=exact`, 1), await timedGet(generated.token, `${day}&source=rollup`, 1)];
  problems.push(...compareReports(`day ${window.fromDate}`, exactDay.body.total, rolledDay.body.total));
  result.agree = problems.length === 0;
  result.agreeNote = result.agree
    ? `month totals (offered, handled, within 20 s, abandoned, CSAT) equal in the generator, a raw SQL scan of the facts and the API's rollup answer; ${window.fromDate} through the API exact == rollup (every KPI but attributed AHT; percentiles within their bucket); exact path for that day p50 ${fmtMs(exactDay.p50)}`
    : problems.join('; ');
  for (const p of problems) fail(p);
  notes.push(`System: GET as a provider admin (token minted as TokenService signs it), one keep-alive connection, after a warm-up read; ${fmtInt(system.bytes)} bytes of JSON. Its numbers: offered ${fmtInt(total.offered)}, service level ${total.serviceLevel.value?.toFixed(2)} %, ASA ${total.asa.value?.toFixed(1)} s, FRT median ${total.firstResponse.median} s, CSAT ${total.csat.value?.toFixed(1)} %, FCR ${total.fcr.value?.toFixed(1)} %.`);
  api.checkAfterRun();
  notes.push(`Load average when the measurements ended: ${fmtLoadAverage(loadavg())}.`);
  return dbLabel;
}

await run.execute(
  main,
  (dbLabel) => ({
    title: `Reports benchmark — the month's KPI report of one client, ${fmtInt(options.tickets)} tickets / ${fmtInt(options.tickets * 10)} events; ${dbLabel || 'no database'}; whole run ${((nowMs() - runStarted) / 1000).toFixed(0)} s`,
    rows: reportsRows(result, options),
  }),
  (error) => {
    result.system ??= { unavailable: error.message.split('\n')[0].slice(0, 120) };
  },
);
