import { DEFAULT_SERVICE_LEVEL_RULE, type PiiPolicy } from '@switchboard/shared-contracts';
import { qaReport } from './qa-statistics.util';
import { csvCell, csvLine, exportFileName, KPI_EXPORT_COLUMNS, kpiExportRow, slaTargetState, TICKET_EXPORT_COLUMNS, ticketExportRow, type CsvValue } from './report-export.util';
import { goldenDay, jan14, makeFact } from './kpi.spec-fixtures';
import { kpiReport } from './kpi.util';

describe('csvCell', () => {
  const cases: [CsvValue, string][] = [
    ['plain', 'plain'],
    ['=HYPERLINK("http://evil","x")', `"'=HYPERLINK(""http://evil"",""x"")"`],
    ['+1 555 0100', "'+1 555 0100"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', `"'\rcmd"`],
    ['a, b', '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['mid=dle', 'mid=dle'],
    ['', ''],
    [-5, '-5'],
    [12.5, '12.5'],
    [Number.NaN, ''],
    [0, '0'],
    [true, 'true'],
    [null, ''],
    [undefined, ''],
  ];
  it.each(cases)('%j → %s', (value, expected) => expect(csvCell(value)).toBe(expected));

  it('a line joins cells with commas and ends with CRLF', () => {
    expect(csvLine(['a', 1, null, '=x'])).toBe("a,1,,'=x\r\n");
  });
});

describe('exportFileName', () => {
  const cases: [string, string, { from: string; to?: string }, 'csv' | 'pdf', string][] = [
    ['Northwind Traders', 'tickets', { from: '2026-11-01', to: '2026-11-30' }, 'csv', 'northwind-traders-tickets-2026-11-01-to-2026-11-30.csv'],
    ['Globex', 'kpis-by-day', { from: '2026-11-10', to: '2026-11-10' }, 'csv', 'globex-kpis-by-day-2026-11-10.csv'],
    ['Café Ürün & Co.', 'statement', { from: '2026-11' }, 'pdf', 'cafe-urun-co-statement-2026-11.pdf'],
    ['../../etc/passwd', 'tickets', { from: '2026-01-01', to: '2026-01-02' }, 'csv', 'etc-passwd-tickets-2026-01-01-to-2026-01-02.csv'],
    ['株式会社', 'statement', { from: '2026-11' }, 'pdf', 'client-statement-2026-11.pdf'],
  ];
  it.each(cases)('%s %s', (name, what, range, ext, expected) => expect(exportFileName(name, what, range, ext)).toBe(expected));
});

describe('slaTargetState', () => {
  const cases: [string | null, string | null, string, ReturnType<typeof slaTargetState>][] = [
    [null, jan14('09:00:00'), jan14('10:00:00'), null],
    [jan14('09:05:00'), jan14('09:05:00'), jan14('10:00:00'), 'met'],
    [jan14('09:05:00'), jan14('09:05:01'), jan14('10:00:00'), 'missed'],
    [jan14('09:05:00'), null, jan14('10:00:00'), 'missed'],
    [jan14('09:05:00'), null, jan14('09:00:00'), 'pending'],
  ];
  it.each(cases)('due %s done %s as of %s → %s', (due, done, asOf, expected) => expect(slaTargetState(due, done, asOf)).toBe(expected));
});

describe('ticketExportRow', () => {
  const policy: PiiPolicy = { email: 'partial', phone: 'partial' };
  const options = { serviceLevel: DEFAULT_SERVICE_LEVEL_RULE, piiPolicy: policy, asOf: '2026-02-01T00:00:00Z' };
  const column = (row: CsvValue[], name: (typeof TICKET_EXPORT_COLUMNS)[number]) => row[TICKET_EXPORT_COLUMNS.indexOf(name)];

  it('has one value per column', () => {
    for (const fact of goldenDay) expect(ticketExportRow(fact, { number: 1, subject: 's', queueName: null }, options)).toHaveLength(TICKET_EXPORT_COLUMNS.length);
  });

  const answered = makeFact({
    ticketId: 'a',
    createdAt: jan14('09:00:00'),
    firstInboundAt: jan14('09:00:00'),
    queuedAt: jan14('09:00:00'),
    answeredAt: jan14('09:00:10.5'),
    agentReplies: [jan14('09:00:30')],
    resolvedAt: [jan14('09:10:00'), jan14('09:30:00')],
    reopenedAt: [jan14('09:20:00')],
    handleSegments: [{ agentId: 'ag', kind: 'talk', start: jan14('09:00:10'), end: jan14('09:05:00') }, { agentId: 'ag', kind: 'acw', start: jan14('09:05:00'), end: jan14('09:06:00') }],
    csat: { surveyedAt: jan14('09:30:00'), score: 4 },
    firstResponseDueAt: jan14('09:00:20'),
    resolutionDueAt: jan14('10:00:00'),
    topic: 'billing',
  });
  const cases: [string, Parameters<typeof ticketExportRow>[0], string | null, (typeof TICKET_EXPORT_COLUMNS)[number], CsvValue][] = [
    ['answered within', answered, 'Help', 'Service level', 'within'],
    ['wait with milliseconds', answered, 'Help', 'Queue wait (s)', 10.5],
    ['first response', answered, 'Help', 'First response (s)', 30],
    ['first resolution time', answered, 'Help', 'Resolution time (s)', 600],
    ['final resolution', answered, 'Help', 'Resolved', jan14('09:30:00')],
    ['reopens', answered, 'Help', 'Reopened', 1],
    ['handle time = talk + acw', answered, 'Help', 'Handle time (s)', 350],
    ['first response SLA missed (reply after due)', answered, 'Help', 'First response SLA', 'missed'],
    ['resolution SLA met', answered, 'Help', 'Resolution SLA', 'met'],
    ['CSAT score', answered, 'Help', 'CSAT', 4],
    ['topic', answered, 'Help', 'Topic', 'billing'],
    ['card number in subject masked', answered, 'Card 4111 1111 1111 1111 declined', 'Subject', 'Card **** **** **** 1111 declined'],
    ['email in subject masked by policy', answered, 'From ann.lee@example.com', 'Subject', 'From a***@e***.com'],
    ['phone in subject shows last 4 by policy', answered, 'Call +44 20 7946 0958', 'Subject', 'Call •••• 0958'],
    ['no subject', answered, null, 'Subject', null],
    ['bot-resolved: not offered', makeFact({ ticketId: 'b', resolvedAt: [jan14('09:01:00')] }), 'x', 'Service level', 'not_offered'],
    ['never handled: no handle time', makeFact({ ticketId: 'b' }), 'x', 'Handle time (s)', null],
    ['abandoned after 60 s', makeFact({ ticketId: 'c', queuedAt: jan14('09:00:00'), abandonedAt: jan14('09:01:00') }), 'x', 'Service level', 'abandoned'],
    ['no SLA target', makeFact({ ticketId: 'c' }), 'x', 'Resolution SLA', null],
  ];
  it.each(cases)('%s', (_name, fact, subject, name, expected) => {
    expect(column(ticketExportRow(fact, { number: 1042, subject, queueName: 'Support' }, options), name)).toEqual(expected);
  });

  it('a client whose policy shows emails in full gets them in full; card numbers stay masked', () => {
    const row = ticketExportRow(answered, { number: 1, subject: 'ann.lee@example.com 4111 1111 1111 1111', queueName: null }, { ...options, piiPolicy: { email: 'full', phone: 'hidden' } });
    expect(column(row, 'Subject')).toBe('ann.lee@example.com **** **** **** 1111');
  });

  it('a subject that looks like a formula is escaped once written', () => {
    const row = ticketExportRow(answered, { number: 1, subject: '=cmd|calc', queueName: '@queue' }, options);
    expect(csvLine(row)).toContain(",'=cmd|calc,");
    expect(csvLine(row)).toContain(",'@queue,");
  });
});

describe('kpiExportRow', () => {
  it('writes the numbers of the report, one per column, percentages to one decimal', () => {
    const report = kpiReport(goldenDay, { serviceLevel: DEFAULT_SERVICE_LEVEL_RULE, percentileMethod: 'nearest_rank', fcrWindowDays: 7 }, { from: jan14('00:00:00'), to: '2026-01-15T00:00:00Z' });
    const row = kpiExportRow('2026-01-14', null, report);
    expect(row).toHaveLength(KPI_EXPORT_COLUMNS.length);
    const at = (name: (typeof KPI_EXPORT_COLUMNS)[number]) => row[KPI_EXPORT_COLUMNS.indexOf(name)];
    expect(at('Date')).toBe('2026-01-14');
    expect(at('Interval')).toBeNull();
    expect(at('Offered')).toBe(report.offered);
    expect(at('Handled')).toBe(report.handled);
    expect(at('Service level (%)')).toBe(Math.round((report.serviceLevel.value ?? 0) * 10) / 10);
    expect(at('Backlog')).toBe(report.backlog);
    // No QA block (the facts alone): the QA columns are empty.
    expect(KPI_EXPORT_COLUMNS.filter((c) => c.startsWith('QA')).map(at)).toEqual([null, null, null, null, null]);
  });

  it('writes the QA block: random-sample score with its interval, evaluations, coverage in %', () => {
    const report = kpiReport([], { serviceLevel: DEFAULT_SERVICE_LEVEL_RULE, percentileMethod: 'nearest_rank', fcrWindowDays: 7 });
    const qa = { ...qaReport([{ ticketId: 'a', stream: 'random', score: 80, criticalFailed: false, disputed: false }, { ticketId: 'b', stream: 'random', score: 100, criticalFailed: false, disputed: false }], 3) };
    const row = kpiExportRow('2026-01-14', null, { ...report, qa });
    // 80, 100: mean 90, s = 14.14, t(0.975, 1) = 12.706 → ± 127.1, kept within 0–100; 2 of 3 handled = 66.7 %.
    expect(KPI_EXPORT_COLUMNS.filter((c) => c.startsWith('QA')).map((c) => row[KPI_EXPORT_COLUMNS.indexOf(c)])).toEqual([90, 0, 100, 2, 66.7]);
  });
});
