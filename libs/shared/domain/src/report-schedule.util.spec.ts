import { checkReportSchedule, lastCompletePeriod, nextReportRun } from './report-schedule.util';

describe('checkReportSchedule', () => {
  const ok: [string, unknown, { cadence: string; recipients: string[] }][] = [
    ['weekly, one address', { cadence: 'weekly', recipients: ['ops@globex.example'] }, { cadence: 'weekly', recipients: ['ops@globex.example'] }],
    ['trimmed, lower-cased, each once', { cadence: 'monthly', recipients: [' Ops@Globex.example ', 'ops@globex.example', 'cfo@globex.example'] }, { cadence: 'monthly', recipients: ['ops@globex.example', 'cfo@globex.example'] }],
    ['twenty addresses', { cadence: 'weekly', recipients: Array.from({ length: 20 }, (_, i) => `r${i}@x.example`) }, { cadence: 'weekly', recipients: Array.from({ length: 20 }, (_, i) => `r${i}@x.example`) }],
  ];
  it.each(ok)('%s', (_name, input, expected) => expect(checkReportSchedule(input)).toEqual({ schedule: expected }));

  const refused: [string, unknown, string[]][] = [
    ['not an object', 'weekly', ['body']],
    ['daily', { cadence: 'daily', recipients: ['a@b.example'] }, ['cadence']],
    ['no cadence', { recipients: ['a@b.example'] }, ['cadence']],
    ['no recipients', { cadence: 'weekly', recipients: [] }, ['recipients']],
    ['recipients not a list', { cadence: 'weekly', recipients: 'a@b.example' }, ['recipients']],
    ['twenty-one addresses', { cadence: 'weekly', recipients: Array.from({ length: 21 }, (_, i) => `r${i}@x.example`) }, ['recipients']],
    ['a bad address, named by position', { cadence: 'weekly', recipients: ['a@b.example', 'not-an-email', 'x@y'] }, ['recipients[1]', 'recipients[2]']],
    ['a header injection attempt', { cadence: 'weekly', recipients: ['a@b.example\r\nBcc: evil@x.example'] }, ['recipients[0]']],
    ['a number', { cadence: 'weekly', recipients: [42] }, ['recipients[0]']],
    ['an unknown field', { cadence: 'weekly', recipients: ['a@b.example'], clientId: 'x' }, ['clientId']],
  ];
  it.each(refused)('refuses %s', (_name, input, fields) => {
    const result = checkReportSchedule(input);
    expect('problems' in result && result.problems.map((p) => p.field)).toEqual(fields);
  });
});

describe('lastCompletePeriod', () => {
  const cases: [string, 'weekly' | 'monthly', string, { from: string; to: string }][] = [
    ['a Thursday: last Monday–Sunday', 'weekly', '2026-12-03', { from: '2026-11-23', to: '2026-11-29' }],
    ['a Monday: the week that just ended', 'weekly', '2026-11-30', { from: '2026-11-23', to: '2026-11-29' }],
    ['a Sunday: the week before this one', 'weekly', '2026-11-29', { from: '2026-11-16', to: '2026-11-22' }],
    ['across a year', 'weekly', '2026-01-01', { from: '2025-12-22', to: '2025-12-28' }],
    ['mid-month: last month', 'monthly', '2026-12-03', { from: '2026-11-01', to: '2026-11-30' }],
    ['the 1st: the month that just ended', 'monthly', '2026-03-01', { from: '2026-02-01', to: '2026-02-28' }],
    ['January: December', 'monthly', '2026-01-15', { from: '2025-12-01', to: '2025-12-31' }],
  ];
  it.each(cases)('%s', (_name, cadence, today, expected) => expect(lastCompletePeriod(cadence, today)).toEqual(expected));
});

describe('nextReportRun', () => {
  const cases: [string, 'weekly' | 'monthly', string, string, string][] = [
    ['weekly, UTC: next Monday midnight', 'weekly', '2026-12-03T10:00:00Z', 'UTC', '2026-12-07T00:00:00.000Z'],
    ['weekly on a Monday: the Monday after', 'weekly', '2026-11-30T00:00:00Z', 'UTC', '2026-12-07T00:00:00.000Z'],
    ['weekly, New York: local midnight', 'weekly', '2026-12-03T10:00:00Z', 'America/New_York', '2026-12-07T05:00:00.000Z'],
    ['monthly: the 1st of next month', 'monthly', '2026-12-03T10:00:00Z', 'UTC', '2027-01-01T00:00:00.000Z'],
    ['monthly on the 31st', 'monthly', '2026-01-31T10:00:00Z', 'UTC', '2026-02-01T00:00:00.000Z'],
    ['monthly, London in summer time', 'monthly', '2026-05-20T10:00:00Z', 'Europe/London', '2026-05-31T23:00:00.000Z'],
    ['the client’s date, not UTC’s (Sunday night in New York is Monday in UTC)', 'weekly', '2026-11-30T03:00:00Z', 'America/New_York', '2026-11-30T05:00:00.000Z'],
  ];
  it.each(cases)('%s', (_name, cadence, now, tz, expected) => expect(nextReportRun(cadence, new Date(now), tz)).toBe(expected));
});
