// `node --test tools/bench/`: the pure parts of the routing benchmark.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { ALWAYS_ON, PARTS, UsageError, formatTable, latencySummary, mintAccessToken, parseOptions, percentile, resultRows } from './bench-lib.mjs';

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
