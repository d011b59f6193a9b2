import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UsageError } from './bench-lib.mjs';
import { compareReports, differences, expectedTotals, generatedTicket, monthWindow, parseReportsOptions, reportsRows } from './reports-lib.mjs';

test('options: defaults, environment, and bad input', () => {
  assert.deepEqual(parseReportsOptions([], {}), { tickets: 1_000_000, runs: 10, month: '2026-10', databaseUrl: null, apiLog: 'warn', build: true });
  assert.equal(parseReportsOptions(['--tickets', '20000'], {}).tickets, 20_000);
  assert.equal(parseReportsOptions([], { BENCH_REPORTS_TICKETS: '500' }).tickets, 500);
  assert.equal(parseReportsOptions(['--no-build'], {}).build, false);
  assert.deepEqual(parseReportsOptions(['--help'], {}), { help: true });
  assert.throws(() => parseReportsOptions(['--tickets', '10'], {}), UsageError);
  assert.throws(() => parseReportsOptions(['--month', '2026-13'], {}), UsageError);
  assert.throws(() => parseReportsOptions(['--speed', '1'], {}), UsageError);
});

test('the month window of a UTC client', () => {
  assert.deepEqual(monthWindow('2026-02'), { fromDate: '2026-02-01', toDate: '2026-02-28', from: '2026-02-01T00:00:00.000Z', to: '2026-03-01T00:00:00.000Z', seconds: 28 * 86_400 });
});

test('the generator rules and the totals they give', () => {
  assert.deepEqual(generatedTicket(20), { wait: 740 % 90, abandoned: true, surveyed: false, csat: null });
  assert.deepEqual(generatedTicket(3), { wait: 21, abandoned: false, surveyed: true, csat: 2 });
  const t = expectedTotals(60);
  assert.equal(t.offered, 60);
  assert.equal(t.abandoned, 3);
  assert.equal(t.handled, 57);
  assert.equal(t.csatSent, 19); // multiples of 3 up to 60, less 60 (abandoned)
  assert.deepEqual(differences('x', { a: 1, b: 2 }, { a: 1, b: 3 }), ['x b: expected 2, got 3']);
});

test('compareReports allows one bucket on percentiles, nothing elsewhere', () => {
  const dist = (median) => ({ n: 2, mean: 700, median, p90: median, method: 'nearest_rank' });
  const report = (median, offered = 5) => ({ offered, asa: { value: 1, numerator: 1, denominator: 1 }, aht: { attributedSeconds: 3 }, firstResponse: dist(median), nextResponse: dist(null), firstResolution: dist(median), finalResolution: dist(median) });
  assert.deepEqual(compareReports('d', report(1283), { ...report(1290), aht: { attributedSeconds: null } }), []);
  assert.equal(compareReports('d', report(1283), report(1300)).length, 6); // three distributions × median and p90
  assert.equal(compareReports('d', report(1283), report(1283, 6)).length, 1);
});

test('the table has a row for each figure and says whether the target was met', () => {
  const rows = reportsRows({ system: { p50: 120, p95: 300 }, baselineFacts: { p50: 1200, p95: 1300 }, baselineEvents: { p50: 9000, p95: 9100 }, agree: true, events: 100, facts: 10, projection: { tickets: 10, ms: 1000 } }, { month: '2026-10' });
  assert.equal(rows.length, 6);
  assert.match(rows[2][3], /^met/);
  assert.equal(rows[4][1], 'yes');
});
