import { indexFactWindows } from './fact-window.util';
import { goldenDay, jan14, makeFact } from './kpi.spec-fixtures';
import { kpiReport, type KpiOptions } from './kpi.util';

const options: KpiOptions = { serviceLevel: { variant: 'answered_abandoned_within', thresholdSeconds: 20, shortAbandonSeconds: 5 }, percentileMethod: 'nearest_rank', fcrWindowDays: 7 };

/** Every 30-minute window of 2026-01-13 12:00 to 2026-01-15 12:00 (UTC), then whole days and the lot. */
function windows(): { from: string; to: string }[] {
  const out: { from: string; to: string }[] = [];
  const start = Date.parse('2026-01-13T12:00:00Z');
  for (let t = start; t < start + 48 * 3_600_000; t += 1_800_000) out.push({ from: new Date(t).toISOString(), to: new Date(t + 1_800_000).toISOString() });
  out.push({ from: '2026-01-13T00:00:00Z', to: '2026-01-14T00:00:00Z' }, { from: '2026-01-14T00:00:00Z', to: '2026-01-15T00:00:00Z' }, { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' });
  return out;
}

describe('indexFactWindows', () => {
  it('gives every KPI of every window the same value as all the facts do (the golden day, 99 windows)', () => {
    const index = indexFactWindows(goldenDay);
    for (const window of windows()) {
      const all = goldenDay.filter((f) => Date.parse(f.createdAt) < Date.parse(window.to));
      expect({ window, report: kpiReport(index.touching(window), options, window, goldenDay) }).toEqual({ window, report: kpiReport(all, options, window, goldenDay) });
    }
  });

  it('leaves out what changes no number of a window, and keeps what does', () => {
    const resolvedBefore = makeFact({ ticketId: 'done', createdAt: jan14('08:00:00'), queuedAt: jan14('08:00:00'), answeredAt: jan14('08:00:10'), resolvedAt: [jan14('08:20:00')] });
    const openSinceMorning = makeFact({ ticketId: 'open', createdAt: jan14('08:00:00'), queuedAt: jan14('08:00:00'), answeredAt: jan14('08:00:10') });
    const reopened = makeFact({ ticketId: 'reopened', createdAt: jan14('07:00:00'), resolvedAt: [jan14('07:10:00')], reopenedAt: [jan14('07:30:00')] });
    const abandoned = makeFact({ ticketId: 'gone', createdAt: jan14('08:00:00'), queuedAt: jan14('08:00:00'), abandonedAt: jan14('08:01:00') });
    const surveyedInWindow = makeFact({ ticketId: 'survey', createdAt: jan14('06:00:00'), resolvedAt: [jan14('06:30:00')], csat: { surveyedAt: jan14('10:05:00'), score: 5 } });
    const handledAcross = makeFact({ ticketId: 'call', channel: 'voice', createdAt: jan14('09:50:00'), resolvedAt: [jan14('09:55:00')], handleSegments: [{ agentId: 'a', kind: 'acw', start: jan14('09:55:00'), end: jan14('10:10:00') }] });
    const later = makeFact({ ticketId: 'later', createdAt: jan14('11:00:00') });
    const index = indexFactWindows([later, resolvedBefore, openSinceMorning, reopened, abandoned, surveyedInWindow, handledAcross]);
    const ids = index.touching({ from: jan14('10:00:00'), to: jan14('10:30:00') }).map((f) => f.ticketId);
    expect(ids.sort()).toEqual(['call', 'open', 'reopened', 'survey']);
  });
});
