#!/usr/bin/env node
// `npm run bench:desk`: one run, one table, for "a ticket with 10,000 messages shows its first screen
// within 1 s". Baselines beside the system, measured in the same run: the bare PostgreSQL read of the
// latest page beside GET /api/tickets/:id and the paging read; the console's first screen of a
// 10-line ticket beside the 10,000-line one in headless Chromium (lines in the DOM, paging back on
// scroll). It builds the API and the agent console, runs the API from dist with the demo data on a
// throwaway database and a free port, seeds with SQL as the database owner, and stops everything it
// started. `--help` lists the options.
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApiServer, ROOT, buildWithNx } from './bench-api.mjs';
import { withClient } from './bench-db.mjs';
import { fmtInt, fmtLoadAverage, fmtMs, latencySummary, nowMs } from './bench-lib.mjs';
import { BenchRun, optionsOrExit } from './bench-run.mjs';
import { DESK_AGENT_EMAIL, latestPageBaseline, seedDeskTickets } from './desk-db.mjs';
import { DESK_USAGE, PAGE_SIZE, deskRows, firstScreenVerdict, parseDeskOptions } from './desk-lib.mjs';

process.chdir(ROOT);

const options = optionsOrExit('bench:desk', parseDeskOptions, DESK_USAGE);

const DEMO_PASSWORD = 'demo-password';
/** The flags e2e/playwright.config.ts launches Chromium with. */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];
const LOAD_TIMEOUT_MS = 20_000;

const result = { baselineA: null, systemA: null, baselineB: null, systemB: null };
const run = new BenchRun('switchboard-desk-bench', { keepLog: options.apiLog !== 'warn', failureDetail: 'first-line' });
const { notes, cleanups, say, fail } = run;
const runStarted = nowMs();

// ---------------------------------------------------------------------------------------------------
// Build, database, API.

function build() {
  if (!options.build) return null;
  return buildWithNx(run, ['run-many', '-t', 'build', '-p', 'api', 'agent-console'], {
    announce: 'building the API and the agent console (nx run-many -t build -p api agent-console; cached when unchanged)…',
    failure: 'the build failed',
    failureNote: 'The build failed',
  });
}

let api = null;

async function startApi() {
  const consoleIndex = join(ROOT, 'dist', 'apps', 'agent-console', 'index.html');
  api = new ApiServer(run, {
    databaseUrl: options.databaseUrl,
    apiLog: options.apiLog,
    env: { SEED_DEMO: 'true', SERVE_WEB: 'true', WEB_DIST_DIR: join(ROOT, 'dist', 'apps') },
    publicUrl: true,
    requires: [[consoleIndex, 'build the agent console first']],
  });
  await api.start();
  say(`API ready at ${api.url} in ${(api.readyMs / 1000).toFixed(1)} s (${options.databaseUrl ? 'external' : 'embedded'} PostgreSQL, demo data, console served from dist/apps)`);
  return api;
}

// ---------------------------------------------------------------------------------------------------
// Baseline A and system A: the database read and the HTTP reads.

async function login() {
  const response = await fetch(`${api.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: DESK_AGENT_EMAIL, password: DEMO_PASSWORD }),
  });
  if (!response.ok) throw new Error(`POST /api/auth/login as ${DESK_AGENT_EMAIL}: ${response.status} ${await response.text()}`);
  return (await response.json()).accessToken;
}

/** GET `path` as the agent: the parsed body, its size and the time to the last byte. */
async function timedGet(token, path) {
  const started = nowMs();
  const response = await fetch(`${api.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const text = await response.text();
  const ms = nowMs() - started;
  if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${text.slice(0, 300)}`);
  return { ms, bytes: Buffer.byteLength(text), body: JSON.parse(text) };
}

async function runBaselineA(ownerUrl, big, dbLabel) {
  const { times, rows, plan } = await latestPageBaseline(ownerUrl, big.id, options.runs);
  if (rows !== PAGE_SIZE + 1) throw new Error(`baseline A read ${rows} rows, expected ${PAGE_SIZE + 1}`);
  notes.push(`Baseline A: the same columns timelinePage selects, one connection as the owner (row-level security does not apply to the owner), after 5 warm-up reads; plan: ${plan}.`);
  const s = latencySummary(times);
  say(`baseline A: raw read p50 ${fmtMs(s.p50)}, p95 ${fmtMs(s.p95)}`);
  return { ...s, database: dbLabel };
}

async function runSystemA(big) {
  const token = await login();
  const detailPath = `/api/tickets/${big.id}`;
  for (let i = 0; i < 5; i++) await timedGet(token, detailPath); // warm-up: plans, pools, JIT
  const detailTimes = [];
  let detail = null;
  for (let i = 0; i < options.runs; i++) {
    const got = await timedGet(token, detailPath);
    detailTimes.push(got.ms);
    detail ??= got;
  }
  const messages = detail.body.messages;
  const firstSeq = messages[0]?.seq;
  if (messages.length !== PAGE_SIZE || messages.at(-1).seq !== big.lines || firstSeq !== big.lines - PAGE_SIZE + 1 || detail.body.hasEarlierMessages !== true) {
    throw new Error(`GET /api/tickets/:id returned ${messages.length} lines (seq ${firstSeq}–${messages.at(-1)?.seq}), hasEarlierMessages ${detail.body.hasEarlierMessages}; expected the latest ${PAGE_SIZE} of ${big.lines} and true`);
  }
  // Paging back from the first line shown, a page further each time (wrapping before line 1).
  const pagingTimes = [];
  let before = firstSeq;
  let deepest = before;
  for (let i = 0; i < options.runs; i++) {
    const got = await timedGet(token, `/api/tickets/${big.id}/messages?before=${before}&limit=${PAGE_SIZE}`);
    pagingTimes.push(got.ms);
    const page = got.body.messages;
    const expected = Math.min(PAGE_SIZE, before - 1);
    if (page.length !== expected || page.at(-1)?.seq !== before - 1 || got.body.hasMore !== before - 1 > PAGE_SIZE) {
      throw new Error(`GET …/messages?before=${before} returned ${page.length} lines ending at ${page.at(-1)?.seq}, hasMore ${got.body.hasMore}; expected ${expected} ending at ${before - 1}`);
    }
    deepest = Math.min(deepest, before);
    before = got.body.hasMore ? page[0].seq : firstSeq;
  }
  notes.push(`System A: as ${DESK_AGENT_EMAIL} (logged in through POST /api/auth/login), one keep-alive connection, after 5 warm-up reads; time to the last byte of the body. The detail answer is ${fmtInt(detail.bytes)} bytes (summary, contact, earlier tickets and ${PAGE_SIZE} lines).`);
  const s = { detail: latencySummary(detailTimes), paging: latencySummary(pagingTimes) };
  say(`system A: detail p50 ${fmtMs(s.detail.p50)}, p95 ${fmtMs(s.detail.p95)}; paging p50 ${fmtMs(s.paging.p50)}, p95 ${fmtMs(s.paging.p95)}`);
  return { ...s, detailLines: messages.length, hasEarlier: detail.body.hasEarlierMessages, pagingFrom: firstSeq, pagingTo: Math.max(1, deepest - PAGE_SIZE) };
}

// ---------------------------------------------------------------------------------------------------
// Baseline B and system B: the console's first screen in headless Chromium.

/**
 * Runs in every page before its own scripts: each animation frame, looks at the last lines of the
 * list named "Conversation" for one of `texts`, laid out inside the list's visible box, and keeps the
 * time of the first frame that shows it (performance.now(): milliseconds since navigation start).
 */
function firstScreenProbe(texts) {
  const found = {};
  window.__deskBench = { found };
  const started = performance.now();
  const inView = (el, box) => {
    const r = el.getBoundingClientRect();
    return r.height > 0 && r.bottom > box.top && r.top < box.bottom && r.top < window.innerHeight && (!el.checkVisibility || el.checkVisibility());
  };
  const check = () => {
    const list = document.querySelector('ol[aria-label="Conversation"]');
    if (list) {
      const box = list.getBoundingClientRect();
      let line = list.lastElementChild;
      for (let i = 0; line && i < 5; i++, line = line.previousElementSibling) {
        const text = texts.find((t) => found[t] === undefined && line.textContent.includes(t));
        if (text && inView(line, box)) found[text] = performance.now();
      }
    }
    if (performance.now() - started < 60_000 && texts.some((t) => found[t] === undefined)) requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}

async function launchBrowser() {
  if (!existsSync(options.chromium)) throw new Error(`no Chromium at ${options.chromium} (install it, or set CHROMIUM_PATH / --chromium)`);
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: options.chromium, args: CHROMIUM_ARGS, headless: true });
  cleanups.push(() => browser.close());
  return browser;
}

async function signIn(browser, texts) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addInitScript(firstScreenProbe, texts);
  const page = await context.newPage();
  await page.goto(`${api.url}/login`);
  await page.getByLabel('Email').fill(DESK_AGENT_EMAIL);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/tickets/, { timeout: LOAD_TIMEOUT_MS });
  return page;
}

/** One full load of /tickets/<id>: the probe's first-screen time, the wall time seen from here, and where the time went. */
async function loadTicket(page, ticket) {
  const started = nowMs();
  await page.goto(`${api.url}/tickets/${ticket.id}`, { waitUntil: 'commit', timeout: LOAD_TIMEOUT_MS });
  const handle = await page
    .waitForFunction((text) => window.__deskBench?.found[text] ?? null, ticket.latestText, { timeout: LOAD_TIMEOUT_MS, polling: 50 })
    .catch(() => null);
  const wallMs = nowMs() - started;
  if (!handle) {
    const lines = await page.locator('ol[aria-label="Conversation"] > li').count().catch(() => 0);
    throw new Error(`${ticket.reference}: its latest message was not on screen after ${LOAD_TIMEOUT_MS / 1000} s (${lines} lines in the conversation list; at ${page.url()})`);
  }
  const firstScreenMs = await handle.jsonValue();
  const timing = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const detail = performance.getEntriesByType('resource').find((e) => /\/api\/tickets\/[0-9a-f-]{36}$/.test(new URL(e.name).pathname));
    return { domContentLoaded: nav?.domContentLoadedEventEnd ?? null, detailStart: detail?.startTime ?? null, detailEnd: detail?.responseEnd ?? null, detailBytes: detail?.decodedBodySize ?? null, detailStatus: detail?.responseStatus ?? null };
  });
  return { firstScreenMs, wallMs, ...timing };
}

async function domCounts(page) {
  return await page.evaluate(() => {
    const list = document.querySelector('ol[aria-label="Conversation"]');
    return { lines: list?.children.length ?? 0, elements: document.getElementsByTagName('*').length, listElements: list?.getElementsByTagName('*').length ?? 0 };
  });
}

/** Scrolls the conversation to the top `pages` times; each time, how long until the earlier page is in the DOM, and whether the view stayed put. */
async function pageBack(page) {
  const asked = options.pages;
  const requests = [];
  const onRequest = (request) => {
    if (/\/messages\?before=\d+/.test(request.url())) requests.push(new URL(request.url()).search);
  };
  page.on('request', onRequest);
  const times = [];
  let viewKept = true;
  let maxShift = 0;
  let maxShiftPage = null;
  let problem = null;
  try {
    for (let i = 0; i < asked; i++) {
      const step = await page.evaluate(async (timeoutMs) => {
        const list = document.querySelector('ol[aria-label="Conversation"]');
        // The list is a sliding window (at most 300 lines): a page back puts lines before the first one
        // shown (and may drop as many at the bottom), so "loaded" is: another line is first.
        const anchor = list.firstElementChild;
        const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
        list.scrollTop = 0;
        await frame();
        const anchorAtTop = anchor.getBoundingClientRect().top;
        const started = performance.now();
        while (list.firstElementChild === anchor) {
          if (performance.now() - started > timeoutMs) return { timeout: true, lines: list.children.length };
          await frame();
        }
        const ms = performance.now() - started;
        // The component puts the lines that were in view back where they were after the page renders.
        await frame();
        await frame();
        return { ms, lines: list.children.length, added: Array.prototype.indexOf.call(list.children, anchor), scrollTop: list.scrollTop, anchorShift: anchor.getBoundingClientRect().top - anchorAtTop };
      }, LOAD_TIMEOUT_MS);
      if (step.timeout) {
        problem = `scrolled to the top, no earlier page after ${LOAD_TIMEOUT_MS / 1000} s (${step.lines} lines)`;
        break;
      }
      times.push(step.ms);
      if (Math.abs(step.anchorShift) > maxShift) [maxShift, maxShiftPage] = [Math.abs(step.anchorShift), i + 1];
      // Kept: the line that was at the top is still within about one line (3rem) of where it was.
      if (Math.abs(step.anchorShift) > 48 || step.scrollTop <= 0) viewKept = false;
      if (step.added !== PAGE_SIZE) problem = `a page added ${step.added} lines, not ${PAGE_SIZE}`;
      await sleep(300); // let the scroll handler settle before the next scroll to the top
    }
  } finally {
    page.off('request', onRequest);
  }
  const after = await domCounts(page);
  return { pagesAsked: asked, pagesLoaded: times.length, summary: times.length ? latencySummary(times) : null, domLinesAfter: after.lines, domElementsAfter: after.elements, viewKept, maxShift, maxShiftPage, problem, requests };
}

/** Types into the reply box: per keystroke, keydown → the frame after it (the composer and everything it re-renders). */
async function typingLatency(page) {
  await page.evaluate(() => {
    window.__deskKeys = [];
    if (window.__deskKeysHooked) return;
    window.__deskKeysHooked = true;
    document.addEventListener(
      'keydown',
      () => {
        const t = performance.now();
        requestAnimationFrame(() => setTimeout(() => window.__deskKeys.push(performance.now() - t), 0));
      },
      true,
    );
  });
  const box = page.getByRole('textbox', { name: 'Reply' });
  await box.focus();
  await page.keyboard.type('Checking the parcel', { delay: 60 });
  await sleep(300);
  const keys = await page.evaluate(() => window.__deskKeys);
  await box.fill('');
  return latencySummary(keys);
}

async function runBrowser(small, big) {
  const browser = await launchBrowser();
  say(`browser: ${options.chromium} (${browser.version()}), headless, signing in as ${DESK_AGENT_EMAIL}…`);
  const page = await signIn(browser, [small.latestText, big.latestText]);
  // One load of each first (its figures are kept out of the table): the console's code comes from the cache afterwards, as for an agent who works all day.
  const warm = { small: await loadTicket(page, small), big: await loadTicket(page, big) };
  notes.push(`Browser warm-up loads (not in the table): ${small.reference} ${fmtMs(warm.small.firstScreenMs)}, ${big.reference} ${fmtMs(warm.big.firstScreenMs)}.`);
  const loads = { small: [], big: [] };
  // Interleaved, so a slow moment of the shared machine hits both tickets alike.
  for (let i = 0; i < options.loads; i++) {
    loads.small.push(await loadTicket(page, small));
    loads.big.push(await loadTicket(page, big));
  }
  const smallDom = await (async () => {
    await loadTicket(page, small);
    return await domCounts(page);
  })();
  await loadTicket(page, big);
  const bigDom = await domCounts(page);
  // Playwright's own reading of the accessible names: the list named "Conversation" shows the latest line.
  const latestVisible = await page.getByRole('list', { name: 'Conversation' }).getByText(big.latestText).isVisible();
  if (!latestVisible) fail(`${big.reference}: getByRole('list', { name: 'Conversation' }).getByText(latest) is not visible after the load`);
  await sleep(500); // the desk's other reads (my tickets, presence, socket) settle
  const typingFirst = await typingLatency(page);
  const paging = await pageBack(page);
  const typingPaged = await typingLatency(page);
  if (paging.problem) notes.push(`System B paging: ${paging.problem}.`);
  if (paging.pagesLoaded < paging.pagesAsked) fail(`system B: scrolling to the top loaded ${paging.pagesLoaded} of ${paging.pagesAsked} earlier pages`);

  const part = (list, dom) => {
    const mid = (key) => {
      const values = list.map((l) => l[key]).filter((v) => v !== null && v !== undefined);
      return values.length ? latencySummary(values).p50 : null;
    };
    return {
      firstScreen: latencySummary(list.map((l) => l.firstScreenMs)),
      wall: latencySummary(list.map((l) => l.wallMs)),
      domContentLoaded: mid('domContentLoaded'),
      detailStart: mid('detailStart'),
      detailEnd: mid('detailEnd'),
      detailBytes: mid('detailBytes'),
      detailStatuses: [...new Set(list.map((l) => l.detailStatus ?? '?'))].join('/'),
      domLines: dom.lines,
      domElements: dom.elements,
      listElements: dom.listElements,
    };
  };
  const b = part(loads.small, smallDom);
  const s = { ...part(loads.big, bigDom), paging, typing: { first: typingFirst, firstLines: bigDom.lines, paged: typingPaged, pagedLines: paging.domLinesAfter } };
  for (const [name, p, t] of [
    ['Baseline B', b, small],
    ['System B', s, big],
  ]) {
    notes.push(
      `${name} (${t.reference}, ${fmtInt(t.lines)} lines), medians from navigation start: DOMContentLoaded ${fmtMs(p.domContentLoaded)}, GET /api/tickets/:id sent ${fmtMs(p.detailStart)} and answered ${fmtMs(p.detailEnd)} (HTTP ${p.detailStatuses}, ${fmtInt(p.detailBytes)} bytes of JSON${p.detailStatuses.includes('304') ? '; 304: revalidated by ETag, the API still read and serialised it' : ''}), latest line on screen ${fmtMs(p.firstScreen.p50)}; ` +
        `as seen from the bench (goto → probe answered, ±50 ms polling) p50 ${fmtMs(p.wall.p50)}; the conversation list holds ${p.domLines} lines (${fmtInt(p.listElements)} elements of the page's ${fmtInt(p.domElements)}).`,
    );
  }
  notes.push(
    `System B paging: each scroll to the top asked one page (${paging.requests.length <= 5 ? paging.requests.join(', ') : `${paging.requests.slice(0, 2).join(', ')} … ${paging.requests.at(-1)}, ${paging.requests.length} requests`}); time from scrollTop = 0 to the earlier page in the DOM. ` +
      `The list is a sliding window: ${fmtInt(paging.domLinesAfter)} lines (${fmtInt(paging.domElementsAfter)} elements in the page) in the DOM after ${paging.pagesLoaded} page(s) back, of ${fmtInt(big.lines)}. Largest shift of the lines in view after a page: ${Math.round(paging.maxShift)} px${paging.maxShiftPage ? ` (page ${paging.maxShiftPage} of ${paging.pagesLoaded})` : ''}.`,
  );
  say(`browser: first screen ${small.reference} p50 ${fmtMs(b.firstScreen.p50)} max ${fmtMs(b.firstScreen.max)}; ${big.reference} p50 ${fmtMs(s.firstScreen.p50)} max ${fmtMs(s.firstScreen.max)} (${firstScreenVerdict(s.firstScreen)}); ${s.domLines} lines in the DOM`);
  return { baselineB: b, systemB: s };
}

// ---------------------------------------------------------------------------------------------------
// The run.

run.cleanUpOnInterrupt();

async function main() {
  notes.push(`Machine: ${cpus().length} cores; load average ${fmtLoadAverage(loadavg())} (1/5/15 min) when the run started — other work on the machine skews the figures; read each one beside its baseline.`);
  say(`bench:desk — a ${fmtInt(options.lines)}-line and a ${fmtInt(options.smallLines)}-line chat ticket; ${options.runs} reads per HTTP figure, ${options.loads} browser loads per ticket`);
  const buildError = build();
  if (buildError) throw new Error(buildError);
  await startApi();
  const version = await withClient(api.ownerUrl, (c) => c.query('SHOW server_version')).then((r) => r.rows[0].server_version);
  const dbLabel = `${options.databaseUrl ? 'external' : 'embedded'} PostgreSQL ${version}`;
  const seeded = await seedDeskTickets(api.ownerUrl, { lines: options.lines, smallLines: options.smallLines });
  const { big, small } = seeded;
  say(`seeded ${big.reference} (${fmtInt(big.lines)} lines) and ${small.reference} (${fmtInt(small.lines)} lines) for ${seeded.agent.displayName} in ${(seeded.seedMs / 1000).toFixed(1)} s`);
  notes.push(
    `Seed (SQL as the owner, one transaction, ${(seeded.seedMs / 1000).toFixed(1)} s): Globex chat tickets ${big.reference} (${fmtInt(big.lines)} lines over 8 hours) and ${small.reference} (${fmtInt(small.lines)} lines over 1 hour), assigned to ${seeded.agent.displayName}; customer and agent lines alternate, every 20th is an internal note, with their ticket_events.`,
  );

  result.baselineA = await runBaselineA(api.ownerUrl, big, dbLabel).catch((error) => (fail(`baseline A: ${error.message}`), { unavailable: error.message.split('\n')[0] }));
  result.systemA = await runSystemA(big).catch((error) => (fail(`system A: ${error.message}`), { unavailable: error.message.split('\n')[0] }));
  try {
    Object.assign(result, await runBrowser(small, big));
  } catch (error) {
    fail(`browser: ${error.stack ?? error.message}`);
    result.baselineB ??= { unavailable: error.message.split('\n')[0].slice(0, 120) };
    result.systemB ??= { unavailable: error.message.split('\n')[0].slice(0, 120) };
  }
  api.checkAfterRun();
  notes.push(`Load average when the measurements ended: ${fmtLoadAverage(loadavg())}.`);
  return dbLabel;
}

await run.execute(
  main,
  (dbLabel) => ({
    title: `Desk benchmark — first screen of a ${fmtInt(options.lines)}-line chat ticket; ${dbLabel || 'no database'}; whole run ${((nowMs() - runStarted) / 1000).toFixed(0)} s`,
    rows: deskRows(result, options),
  }),
  (error) => {
    for (const key of Object.keys(result)) result[key] ??= { unavailable: error.message.split('\n')[0].slice(0, 120) };
  },
);
