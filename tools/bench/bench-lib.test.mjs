// `node --test tools/bench/`: the pure parts both benchmarks share, and those of the routing benchmark.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import {
  ALWAYS_ON,
  PARTS,
  UsageError,
  apiLogOption,
  buildFailure,
  databaseUrlOption,
  fmtLoadAverage,
  formatTable,
  indentLines,
  latencySummary,
  mintAccessToken,
  parseNumber,
  parseOptions,
  percentile,
  readNumbers,
  resultRows,
  scanArgs,
} from './bench-lib.mjs';

const require = createRequire(import.meta.url);

test('defaults match the brief: 2,000 agents, 100/s for 20 s, 10,000 backlog', () => {
  const o = parseOptions([], {});
  assert.equal(o.agents, 2000);
  assert.equal(o.rate, 100);
  assert.equal(o.seconds, 20);
  assert.equal(o.backlog, 10_000);
  assert.equal(o.claimRows, 10_000);
  assert.equal(o.burnMode, 'auto');
  assert.equal(o.fleets, 2);
  assert.equal(o.build, true);
  assert.deepEqual([...o.parts], PARTS);
  assert.equal(o.databaseUrl, null);
});

test('flags, inline values and environment variables', () => {
  const o = parseOptions(['--agents', '50', '--rate=20', '--seconds', '5', '--backlog', '500', '--no-build', '--only', 'relay,claim'], { BENCH_CLIENTS: '3', DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres' });
  assert.equal(o.agents, 50);
  assert.equal(o.rate, 20);
  assert.equal(o.seconds, 5);
  assert.equal(o.backlog, 500);
  assert.equal(o.clients, 3);
  assert.equal(o.fleets, 1);
  assert.equal(o.build, false);
  assert.deepEqual([...o.parts], ['relay', 'claim']);
  assert.equal(o.databaseUrl, 'postgres://postgres@127.0.0.1:5432/postgres');
  assert.equal(parseOptions(['--database-url', 'postgresql://x@h/db'], { DATABASE_URL: 'postgres://y@h/db' }).databaseUrl, 'postgresql://x@h/db');
});

test('bad options are refused with the option named', () => {
  assert.throws(() => parseOptions(['--agents', 'many']), UsageError);
  assert.throws(() => parseOptions(['--agents', '1.5']), /whole number/);
  assert.throws(() => parseOptions(['--frobnicate', '1']), /Unknown option --frobnicate/);
  assert.throws(() => parseOptions(['--burn-mode', 'fast']), /burn-mode/);
  assert.throws(() => parseOptions(['--only', 'everything']), /unknown part/);
  assert.throws(() => parseOptions(['--agents', '2', '--clients', '3']), /cannot exceed/);
  assert.throws(() => parseOptions(['--database-url', 'mysql://x']), /postgres/);
  assert.throws(() => parseOptions(['--rate']), /needs a value/);
  assert.deepEqual(parseOptions(['-h']), { help: true });
});

test('nearest-rank percentiles', () => {
  const values = Array.from({ length: 100 }, (_, i) => 100 - i);
  assert.equal(percentile(values, 50), 50);
  assert.equal(percentile(values, 99), 99);
  assert.equal(percentile(values, 100), 100);
  assert.equal(percentile([], 50), null);
  assert.deepEqual(latencySummary([3, 1, 2]), { count: 3, p50: 2, p95: 3, p99: 3, max: 3 });
});

test('minted access tokens verify the way TokenService verifies them', () => {
  const jwt = require('jsonwebtoken');
  const secret = 'a-test-secret-that-is-long-enough-0123456789';
  const token = mintAccessToken(secret, '11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222');
  const claims = jwt.verify(token, secret, { algorithms: ['HS256'], issuer: 'switchboard', audience: 'switchboard' });
  assert.equal(claims.sub, '11111111-1111-4111-8111-111111111111');
  assert.equal(claims.sid, '22222222-2222-4222-8222-222222222222');
  assert.equal(claims.typ, 'access');
  assert.throws(() => jwt.verify(token, `${secret}x`, { algorithms: ['HS256'] }));
});

test('the bench schedule is on shift every minute of the week and valid for scheduleProblems', () => {
  for (const [day, ranges] of Object.entries(ALWAYS_ON)) {
    for (const r of ranges) assert.notEqual(r.start, r.end, day);
  }
  // Same reading as libs/shared/domain/src/shift-schedule.util.ts#isWithinSchedule, for every minute.
  const toMin = (t) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
  for (let minute = 0; minute < 1440; minute++) {
    const covered =
      ALWAYS_ON.tue.some((r) => (toMin(r.end) > toMin(r.start) ? minute >= toMin(r.start) && minute < toMin(r.end) : minute >= toMin(r.start))) ||
      ALWAYS_ON.mon.some((r) => toMin(r.end) <= toMin(r.start) && minute < toMin(r.end));
    assert.ok(covered, `minute ${minute}`);
  }
});

test('the table shows n/a rows with the reason and targets beside figures', () => {
  const options = parseOptions([], {});
  const rows = resultRows(
    {
      relay: { count: 2000, p50: 0.8, p95: 2, p99: 4 },
      claim: { rowsPerSecond: 2000, rows: 10000, workers: 8, batch: 1, database: 'embedded PostgreSQL 18' },
      agents: { unavailable: 'routing unavailable: build failed' },
      systemA: { unavailable: 'routing unavailable: build failed' },
      systemB: { backlog: 10000, done: 10000, perSecond: 1500, elapsedMs: 6667, doneLabel: 'assigned' },
    },
    options,
  );
  const text = formatTable(['', 'measured', 'target', 'notes'], rows);
  assert.match(text, /n\/a \(routing unavailable: build failed\)/);
  assert.match(text, /≥ 1,000\/s \(met\)/);
  assert.match(text, /75 % of baseline 2/);
});

// ---------------------------------------------------------------------------------------------------
// Shared by both benches.

test('scanArgs reads values, inline values and flags, and knows only the names it is given', () => {
  const spec = { numbers: { runs: {} }, texts: new Set(['only']), flags: new Set(['no-build']) };
  assert.deepEqual(scanArgs(['--runs', '5', '--only=a,b', '--no-build'], spec), { runs: '5', only: 'a,b', 'no-build': true });
  assert.deepEqual(scanArgs(['--only', 'x', '--help', '--bogus'], spec), { help: true });
  assert.deepEqual(scanArgs([], spec), {});
  assert.equal(scanArgs(['--only=--x=1'], spec).only, '--x=1');
  for (const [argv, message] of [
    [['runs'], /Unexpected argument "runs"/],
    [['--bogus', '1'], /Unknown option --bogus/],
    [['--runs'], /--runs needs a value/],
    [['--runs', '--only', 'a'], /--runs needs a value/],
    [['--runs', '1', '--runs', '2'], /--runs is given twice/],
    [['--no-build=yes'], /--no-build takes no value/],
  ]) {
    assert.throws(() => scanArgs(argv, spec), (error) => error instanceof UsageError && message.test(error.message), argv.join(' '));
  }
});

test('readNumbers: command line before environment before default, camelCase keys', () => {
  const numbers = { 'claim-rows': { env: 'ROWS', def: 10, min: 1, max: 100, integer: true }, rate: { def: 2, min: 0.5, max: 10 } };
  assert.deepEqual(readNumbers({}, {}, numbers), { claimRows: 10, rate: 2 });
  assert.deepEqual(readNumbers({}, { ROWS: '20' }, numbers), { claimRows: 20, rate: 2 });
  assert.deepEqual(readNumbers({ 'claim-rows': '30', rate: '2.5' }, { ROWS: '20' }, numbers), { claimRows: 30, rate: 2.5 });
  assert.deepEqual(readNumbers({}, { ROWS: '' }, numbers), { claimRows: 10, rate: 2 });
  assert.throws(() => readNumbers({}, { ROWS: '200' }, numbers), /--claim-rows must be between 1 and 100 \(got 200\)/);
});

test('parseNumber says what kind of number it wants', () => {
  assert.equal(parseNumber('rate', '0.5', { min: 0, max: 1 }), 0.5);
  assert.equal(parseNumber('runs', '1e3', { min: 0, max: 1000, integer: true }), 1000);
  assert.throws(() => parseNumber('rate', 'fast', { min: 0, max: 1 }), /--rate must be a number \(got "fast"\)/);
  assert.throws(() => parseNumber('runs', 'many', { min: 0, max: 1, integer: true }), /--runs must be a whole number \(got "many"\)/);
  assert.throws(() => parseNumber('runs', '1.5', { min: 0, max: 9, integer: true }), /--runs must be a whole number/);
  assert.throws(() => parseNumber('runs', '-1', { min: 0, max: 9, integer: true }), UsageError);
});

test('the database URL and the API log level', () => {
  assert.equal(databaseUrlOption({}, {}), null);
  assert.equal(databaseUrlOption({}, { DATABASE_URL: '' }), null);
  assert.equal(databaseUrlOption({}, { DATABASE_URL: 'postgres://a@h/db' }), 'postgres://a@h/db');
  assert.equal(databaseUrlOption({ 'database-url': 'postgresql://b@h/db' }, { DATABASE_URL: 'postgres://a@h/db' }), 'postgresql://b@h/db');
  assert.throws(() => databaseUrlOption({}, { DATABASE_URL: 'mysql://a@h/db' }), /--database-url must be a postgres:\/\/ URL/);
  assert.equal(apiLogOption({}), 'warn');
  assert.equal(apiLogOption({ 'api-log': 'debug' }), 'debug');
  assert.throws(() => apiLogOption({ 'api-log': 'loud' }), /--api-log must be one of fatal, error, warn/);
});

test('a failed build is cut to its first error line and its last 15 lines', () => {
  const output = ['> nx run api:build', ...Array.from({ length: 20 }, (_, i) => `line ${i}`), '  apps/api/src/main.ts(3,1): error TS2304: Cannot find name x.', 'warning: an error count follows', 'done'].join('\n');
  const { first, tail } = buildFailure(output, 1);
  assert.equal(first, "apps/api/src/main.ts(3,1): error TS2304: Cannot find name x.");
  assert.equal(tail.split('\n').length, 15);
  assert.equal(tail.split('\n').at(-1), '    done');
  assert.equal(buildFailure('x\nerror during build:\nfoo', 1).first, 'error during build:');
  assert.equal(buildFailure('compiling\nsome error happened', 1).first, 'some error happened');
  assert.equal(buildFailure('nothing useful', 137).first, 'exit 137');
  assert.equal(buildFailure(`ERROR in ${'x'.repeat(300)}`, 1).first.length, 200);
});

test('load averages and indented blocks', () => {
  assert.equal(fmtLoadAverage([1.234, 0.05, 12]), '1.2 / 0.1 / 12.0');
  assert.equal(indentLines(['a', 'b']), '    a\n    b');
});
