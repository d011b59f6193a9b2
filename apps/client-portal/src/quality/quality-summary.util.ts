import type { MeanInterval, ProportionInterval, QaReportRow } from '@switchboard/shared-contracts';

const one = (value: number) => value.toFixed(1);
const percent = (value: number) => `${(value * 100).toFixed(1)} %`;

/** "82.5 (95 % CI 70.1–94.9)" — or "82.5 (one evaluation: no interval)". */
export function scoreLine(score: MeanInterval | null): string {
  if (!score) return '—';
  if (score.low === null || score.high === null) return `${one(score.mean)} (${score.n === 1 ? 'one evaluation' : `${score.n} evaluations`}: no interval)`;
  return `${one(score.mean)} (${Math.round(score.level * 100)} % CI ${one(score.low)}–${one(score.high)})`;
}

/** "10.0 % (5 of 50; 95 % CI 4.3–21.4 %)". */
export function proportionLine(value: ProportionInterval | null): string {
  if (!value) return '—';
  return `${percent(value.rate)} (${value.successes} of ${value.n}; ${Math.round(value.level * 100)} % CI ${(value.low * 100).toFixed(1)}–${(value.high * 100).toFixed(1)} %)`;
}

/** What a client reads of its QA report: the random sample's headline, coverage, critical fails and disputes, the targeted stream apart. */
export interface QualitySummary {
  score: string;
  evaluations: number;
  coverage: string;
  criticalFails: string;
  disputes: string;
  disputeOutcome: string;
  targeted: string;
}

/** The figures the card and the tables share: the headline with its n, critical fails and disputes. */
function headlineFigures({ report, disputes }: QaReportRow): Pick<QualitySummary, 'score' | 'evaluations' | 'criticalFails' | 'disputes'> {
  return {
    score: scoreLine(report.headline.score),
    evaluations: report.headline.evaluations,
    criticalFails: proportionLine(report.headline.criticalFailRate),
    disputes: proportionLine(disputes.rate),
  };
}

const coverageOf = (report: QaReportRow['report'], what = '') => (report.coverage === null ? '—' : `${percent(report.coverage)} (${report.evaluatedTickets} of ${report.handledTickets}${what})`);

export function qualitySummary(row: QaReportRow | undefined): QualitySummary | null {
  if (!row) return null;
  const { report, disputes } = row;
  const resolved = disputes.upheld + disputes.adjusted;
  return {
    ...headlineFigures(row),
    coverage: coverageOf(report, ' handled tickets evaluated'),
    disputeOutcome: disputes.raised === 0 ? 'No dispute raised' : `${disputes.raised} raised: ${disputes.upheld} upheld, ${disputes.adjusted} adjusted, ${disputes.open} open${resolved ? ` (${percent(disputes.adjusted / resolved)} of those settled were adjusted)` : ''}`,
    targeted: report.targeted.evaluations === 0 ? 'None' : `${report.targeted.evaluations} evaluation${report.targeted.evaluations === 1 ? '' : 's'}, ${scoreLine(report.targeted.score)} — chosen for a reason (AutoQA flags, low CSAT…), so never in the headline`,
  };
}

/** One line of the portal's Quality tables (per queue, per agent): the random-sample headline, then the targeted reviews apart. */
export interface QualityTableRow extends QualitySummary {
  key: string;
  label: string;
}

/** The rows of a per-queue or per-agent report, by name ("No queue" last), as the Quality page reads them (short cells; `targeted` never part of `score`). */
export function qualityTableRows(rows: readonly QaReportRow[]): QualityTableRow[] {
  return [...rows]
    .sort((a, b) => Number(a.key === null) - Number(b.key === null) || a.label.localeCompare(b.label))
    .map((row) => {
      const { report, disputes } = row;
      return {
        key: row.key ?? 'none',
        label: row.label,
        ...headlineFigures(row),
        coverage: coverageOf(report),
        disputeOutcome: disputes.raised === 0 ? 'None raised' : `${disputes.upheld} upheld, ${disputes.adjusted} adjusted, ${disputes.open} open`,
        targeted: report.targeted.evaluations === 0 ? 'None' : `${report.targeted.evaluations} · ${scoreLine(report.targeted.score)}`,
      };
    });
}
