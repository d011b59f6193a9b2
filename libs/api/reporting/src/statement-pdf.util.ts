import { CONTRACT_KPIS, type Attainment, type BillingUnit, type ExclusionKind, type KpiReportResponse, type MonthlyStatement, type ServiceLevelLine } from '@switchboard/shared-contracts';
import PDFDocument from 'pdfkit';

export interface StatementPdfInput {
  clientName: string;
  statement: MonthlyStatement;
  currency: string;
  /** When the statement was computed (it changes while the month is open). */
  generatedAt: Date;
  /** Uncompressed content streams (tests read the text). */
  compress?: boolean;
}

const UNITS: Record<BillingUnit, string> = { handled_ticket: 'handled tickets', handled_minute: 'handled minutes', agent_hour: 'agent hours' };
const EXCLUSION: Record<ExclusionKind, string> = { client_caused_outage: 'Client-caused outage', volume_above_forecast: 'Volume above forecast' };
const utc = (iso: string) => iso.slice(0, 16).replace('T', ' ');
const ATTAINMENT: Record<Attainment, string> = { met: 'Met', missed: 'Missed', below_minimum: 'Below minimum', no_data: 'No data' };

function monthName(month: string): string {
  return new Date(`${month}-15T12:00:00Z`).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

function termValue(line: ServiceLevelLine, value: number | null): string {
  if (value === null) return '—';
  const unit = CONTRACT_KPIS[line.kpi].unit;
  if (unit === 'percent') return `${value.toFixed(1)} %`;
  if (unit === 'seconds') return `${Math.round(value)} s`;
  return `${value > 0 ? '+' : ''}${Math.round(value)}`;
}

/**
 * The monthly statement as a PDF to attach to an invoice: the same figures as the portal's statement
 * page (billable quantity and invoice, amount at risk, attainment per service level with its credit,
 * key measurements, earn-back, net credit) and the contract version they were computed with. Built in
 * memory: a statement is a page or two.
 */
export function renderStatementPdf(input: StatementPdfInput): Promise<Buffer> {
  const { statement: s, currency } = input;
  const money = (cents: number) => (cents / 100).toLocaleString('en-GB', { style: 'currency', currency });
  const { doc, done } = pdfDocument(`Monthly statement ${s.month} — ${input.clientName}`, `SLA statement, contract version ${s.contractVersion}`, input.compress);

  doc.font('Helvetica-Bold').fontSize(18).text(`Monthly statement · ${monthName(s.month)}`);
  doc.font('Helvetica').fontSize(11).fillColor('#334155').text(`${input.clientName} · SLA contract version ${s.contractVersion}`);
  doc.text(`Computed ${input.generatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`);
  doc.moveDown();

  doc.fillColor('#000000').font('Helvetica-Bold').fontSize(13).text('Summary');
  doc.font('Helvetica').fontSize(11);
  const quantity = s.billableQuantity.toLocaleString('en-GB', { maximumFractionDigits: 2 });
  doc.text(`Billable quantity: ${quantity} ${UNITS[s.billingUnit]} × ${money(s.unitPriceCents)} = ${money(s.invoiceCents)}`);
  doc.text(`At risk: ${money(s.atRiskCents)}`);
  doc.text(`Credits owed: ${money(s.creditsOwedCents)} (capped at the amount at risk)`);
  doc.text(`Earned back: ${money(s.earnedBackCents)}`);
  doc.font('Helvetica-Bold').text(`Net credit: ${money(s.netCreditCents)}`);
  doc.moveDown();

  const table = (title: string, headers: string[], rows: string[][], widths: number[]) => {
    doc.font('Helvetica-Bold').fontSize(13).text(title, 50);
    doc.moveDown(0.3);
    const line = (cells: string[], bold: boolean) => {
      const y = doc.y;
      let x = 50;
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9.5);
      let bottom = y;
      cells.forEach((cell, i) => {
        doc.text(cell, x, y, { width: widths[i] - 6 });
        bottom = Math.max(bottom, doc.y);
        x += widths[i];
      });
      doc.x = 50;
      doc.y = bottom + 3;
    };
    line(headers, true);
    if (!rows.length) line(['None.'], false);
    rows.forEach((row) => line(row, false));
    doc.moveDown();
  };

  const critical = s.lines.filter((l) => l.critical);
  table(
    'Critical service levels',
    ['Service level', 'Target', 'Minimum', 'Achieved', 'Attainment', 'Allocation', 'Credit'],
    critical.map((l) => [l.name, termValue(l, l.target), termValue(l, l.minimum), termValue(l, l.value), ATTAINMENT[l.attainment], `${l.allocationPercent} %`, money(l.creditCents)]),
    [140, 55, 60, 65, 75, 55, 55],
  );
  const key = s.lines.filter((l) => !l.critical);
  if (key.length) {
    table(
      'Key measurements (reported, no credits)',
      ['Measurement', 'Target', 'Minimum', 'Achieved', 'Attainment'],
      key.map((l) => [l.name, termValue(l, l.target), termValue(l, l.minimum), termValue(l, l.value), ATTAINMENT[l.attainment]]),
      [180, 70, 70, 80, 90],
    );
  }
  const exclusions = s.lines.flatMap((l) => l.excluded.map((e) => [l.name, EXCLUSION[e.kind], String(e.contacts), String(e.windows)]));
  if (exclusions.length) table('Left out by the contract’s exclusions', ['Service level', 'Exclusion', 'Contacts', 'Windows'], exclusions, [180, 140, 70, 70]);
  if (s.outages.length) {
    table(
      'Client-caused outages declared (UTC)',
      ['From', 'To', 'Reason'],
      s.outages.map((o) => [utc(o.startsAt), utc(o.endsAt), o.reason]),
      [100, 100, 260],
    );
  }
  if (s.earnedBack.length) {
    const nameOf = (termId: string) => s.lines.find((l) => l.termId === termId)?.name ?? termId;
    table(
      'Earned back this month',
      ['Service level', 'Credit of', 'Amount'],
      s.earnedBack.map((e) => [nameOf(e.termId), monthName(e.creditMonth), money(e.creditCents)]),
      [200, 120, 100],
    );
  }
  doc.end();
  return done;
}

function pdfDocument(title: string, subject: string, compress = true): { doc: PDFKit.PDFDocument; done: Promise<Buffer> } {
  const doc = new PDFDocument({ size: 'A4', margin: 50, compress, info: { Title: title, Author: 'Switchboard', Subject: subject } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, done };
}

const percent = (v: number | null) => (v === null ? '—' : `${v.toFixed(1)} %`);
const secs = (v: number | null) => (v === null ? '—' : `${Math.round(v)} s`);

/** A period's KPI summary as a PDF (what the scheduled email attaches): the totals the portal's tiles show. */
export function renderKpiSummaryPdf(input: { report: KpiReportResponse; generatedAt: Date; compress?: boolean }): Promise<Buffer> {
  const r = input.report;
  const t = r.total;
  const period = r.from === r.to ? r.from : `${r.from} to ${r.to}`;
  const { doc, done } = pdfDocument(`KPI report ${period} — ${r.clientName}`, 'KPI report', input.compress);
  doc.font('Helvetica-Bold').fontSize(18).text(`KPI report · ${period}`);
  doc.font('Helvetica').fontSize(11).fillColor('#334155').text(`${r.clientName} · ${r.contractVersion === null ? 'no SLA contract (default rules)' : `SLA contract version ${r.contractVersion}`} · dates in ${r.timeZone}`);
  doc.text(`Computed ${input.generatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`);
  doc.moveDown().fillColor('#000000').fontSize(11);
  const lines: [string, string][] = [
    ['Offered', String(t.offered)],
    ['Handled', String(t.handled)],
    [`Service level (${r.serviceLevelRule.thresholdSeconds} s)`, `${percent(t.serviceLevel.value)} (${t.serviceLevel.numerator} of ${t.serviceLevel.denominator})`],
    ['Average speed of answer', secs(t.asa.value)],
    ['Abandonment', percent(t.abandonment.value)],
    ['First response (median / p90)', `${secs(t.firstResponse.median)} / ${secs(t.firstResponse.p90)}`],
    ['Resolution time (median / p90)', `${secs(t.firstResolution.median)} / ${secs(t.firstResolution.p90)}`],
    ['Average handle time', secs(t.aht.aht)],
    ['First contact resolution', percent(t.fcr.value)],
    ['CSAT', `${percent(t.csat.value)} (${t.csat.responses} responses of ${t.csat.surveysSent} surveys)`],
    ['NPS', t.nps.value === null ? '—' : String(Math.round(t.nps.value))],
    ['Backlog at the end', t.backlog === null ? '—' : String(t.backlog)],
  ];
  for (const [name, value] of lines) {
    const y = doc.y;
    doc.font('Helvetica').text(name, 50, y, { width: 250 });
    doc.font('Helvetica-Bold').text(value, 300, y, { width: 245 });
    doc.x = 50;
    doc.moveDown(0.2);
  }
  doc.end();
  return done;
}
