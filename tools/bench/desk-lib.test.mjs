// `node --test tools/bench/`: the pure parts of the desk benchmark.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UsageError, formatTable, latencySummary } from './bench-lib.mjs';
import { DESK_TARGETS, NOTE_EVERY, deskRows, directionOf, directionSql, firstScreenVerdict, latestLineText, parseDeskOptions, timelineCounts } from './desk-lib.mjs';

test('defaults match the brief: 10,000 lines, ~50 reads, ~10 loads, embedded PostgreSQL, Debian Chromium', () => {
  const o = parseDeskOptions([], {});
  assert.equal(o.lines, 10_000);
  assert.equal(o.smallLines, 10);
  assert.equal(o.runs, 50);
  assert.equal(o.loads, 10);
  assert.equal(o.pages, 3);
  assert.equal(o.build, true);
  assert.equal(o.databaseUrl, null);
  assert.equal(o.chromium, '/usr/bin/chromium');
});

test('flags, inline values and environment variables', () => {
  const o = parseDeskOptions(['--runs', '20', '--loads=3', '--lines', '2000', '--no-build', '--chromium', '/opt/chromium'], { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres', CHROMIUM_PATH: '/ignored' });
  assert.equal(o.runs, 20);
  assert.equal(o.loads, 3);
  assert.equal(o.lines, 2000);
  assert.equal(o.build, false);
  assert.equal(o.chromium, '/opt/chromium');
  assert.equal(o.databaseUrl, 'postgres://postgres@127.0.0.1:5432/postgres');
  assert.equal(parseDeskOptions([], { CHROMIUM_PATH: '/usr/lib/chromium/chromium', BENCH_DESK_RUNS: '7' }).chromium, '/usr/lib/chromium/chromium');
  assert.equal(parseDeskOptions([], { BENCH_DESK_RUNS: '7' }).runs, 7);
  assert.equal(parseDeskOptions(['--database-url', 'postgresql://x@h/db'], { DATABASE_URL: 'postgres://y@h/db' }).databaseUrl, 'postgresql://x@h/db');
  assert.deepEqual(parseDeskOptions(['--help']), { help: true });
});

test('bad options are refused with the option named', () => {
  assert.throws(() => parseDeskOptions(['--runs', 'many']), UsageError);
  assert.throws(() => parseDeskOptions(['--runs', 'many']), /--runs must be a whole number \(got "many"\)/);
  assert.throws(() => parseDeskOptions(['--runs', '1.5']), /whole number/);
  assert.throws(() => parseDeskOptions(['--lines', '100']), /between 101/);
  assert.throws(() => parseDeskOptions(['--small-lines', '101']), /between 1 and 100/);
  assert.throws(() => parseDeskOptions(['--agents', '5']), /Unknown option --agents/);
  assert.throws(() => parseDeskOptions(['--database-url', 'mysql://x']), /postgres/);
  assert.throws(() => parseDeskOptions(['--loads']), /needs a value/);
  assert.throws(() => parseDeskOptions(['--no-build=yes']), /takes no value/);
  assert.throws(() => parseDeskOptions(['--api-log', 'loud']), /api-log/);
  assert.throws(() => parseDeskOptions(['--lines', '1000', '--pages', '10']), /exceeds the 9 earlier page/);
  assert.equal(parseDeskOptions(['--lines', '1000', '--pages', '9']).pages, 9);
});

test('the timeline alternates customer and agent, a note every 20th line, and ends with the customer', () => {
  assert.deepEqual([1, 2, 3, 4].map((seq) => directionOf(seq, 10_000)), ['inbound', 'outbound', 'inbound', 'outbound']);
  assert.equal(directionOf(NOTE_EVERY, 10_000), 'note');
  assert.equal(directionOf(10_000, 10_000), 'inbound');
  assert.equal(directionOf(9_999, 10_000), 'inbound');
  assert.equal(directionOf(9_998, 10_000), 'outbound');
  assert.equal(directionOf(10, 10), 'inbound');
});

test('timelineCounts agrees with directionOf line by line, for every length', () => {
  for (const lines of [1, 2, 3, 10, 19, 20, 21, 40, 101, 999, 1000, 10_000]) {
    const brute = { inbound: 0, outbound: 0, note: 0 };
    for (let seq = 1; seq <= lines; seq++) brute[directionOf(seq, lines)]++;
    assert.deepEqual(timelineCounts(lines), brute, `${lines} lines`);
  }
});

test('the SQL twin of directionOf has the same branches in the same order (the seed also checks the counts it wrote)', () => {
  const sql = directionSql('g', '$5::int');
  assert.equal(sql, `CASE WHEN g = $5::int THEN 'inbound' WHEN g % ${NOTE_EVERY} = 0 THEN 'note' WHEN g % 2 = 1 THEN 'inbound' ELSE 'outbound' END`);
});

test('each ticket has its own latest line to look for', () => {
  assert.notEqual(latestLineText('long-thread', 10_000), latestLineText('short-thread', 10));
  assert.match(latestLineText('long-thread', 10_000), /line 10,000\)$/);
});

test('the first-screen target needs p50 and max within 1 s', () => {
  assert.equal(firstScreenVerdict(latencySummary([400, 500, 900])), 'met');
  assert.equal(firstScreenVerdict(latencySummary([400, 500, 1_001])), 'MISSED');
  assert.equal(firstScreenVerdict(latencySummary([])), 'not measured');
  assert.equal(DESK_TARGETS.firstScreenMs, 1_000);
});

test('the table puts each system figure beside its baseline, and says why a part is missing', () => {
  const options = parseDeskOptions([], {});
  const rows = deskRows(
    {
      baselineA: { ...latencySummary([2, 2, 3]), database: 'embedded PostgreSQL 18.4' },
      systemA: { detail: latencySummary([20, 22, 30]), paging: latencySummary([10, 12, 14]), detailLines: 100, hasEarlier: true, pagingFrom: 9_901, pagingTo: 8_901 },
      baselineB: { firstScreen: latencySummary([300, 320, 400]), domLines: 10, domElements: 235 },
      systemB: {
        firstScreen: latencySummary([400, 450, 1_200]),
        domLines: 100,
        domElements: 597,
        paging: { pagesAsked: 3, pagesLoaded: 3, summary: latencySummary([70, 80, 90]), domLinesAfter: 400, domElementsAfter: 1_798, viewKept: true, maxShift: 3 },
        typing: { first: latencySummary([12, 14, 30]), firstLines: 100, paged: latencySummary([15, 18, 40]), pagedLines: 400 },
      },
    },
    options,
  );
  const text = formatTable(['', 'measured', 'target', 'notes'], rows);
  assert.match(text, /p50 22 ms · p95 30 ms .*p50 11× baseline A/);
  assert.match(text, /p50 450 ms · max 1200 ms\s+p50 and max ≤ 1000 ms \(MISSED\)\s+p50 1\.4× baseline B/);
  assert.match(text, /100 of 10,000 \(597 elements\)\s+~100 \(met\)/);
  assert.match(text, /3 of 3 pages: p50 80 ms · max 90 ms\s+loads the previous page \(met\)/);
  assert.match(text, /view kept \(moved ≤ 3 px\)/);
  assert.match(text, /keystroke in the reply → next frame\s+100 lines: p50 14 ms · max 30 ms\s+–\s+400 lines shown: p50 18 ms · max 40 ms/);

  const failed = formatTable(['', 'measured', 'target', 'notes'], deskRows({ baselineA: null, systemA: { unavailable: 'the build failed' }, baselineB: { unavailable: 'no Chromium' }, systemB: { unavailable: 'no Chromium' } }, options));
  assert.match(failed, /n\/a \(the build failed\)/);
  assert.match(failed, /n\/a \(no Chromium\)/);
  assert.match(failed, /not run/);
});
