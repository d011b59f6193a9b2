import type { DisputeStatus, QaDisputeOutcome, QaReport, QaStreamReport } from '@switchboard/shared-contracts';
import { krippendorffAlpha, qaReport, wilsonInterval, type ReportedEvaluation } from './qa-statistics.util';

/**
 * QA reports per agent, team, queue or client (KPIS.md: QA score of the random sample with its 95 %
 * interval, targeted and hand-picked evaluations apart, coverage, critical-fail rate, dispute rate and
 * outcome, reviewer agreement). A row is a group key; a ticket, evaluation or calibration unit belongs
 * to every group key it lists (an agent in two teams counts in both), and `null` is a group of its own
 * (tickets with no queue).
 */

export interface QaReportEvaluation {
  ticketId: string;
  stream: 'random' | 'targeted' | 'manual';
  score: number | null;
  criticalFailed: boolean;
  /** The status of each dispute raised on the evaluation. */
  disputes: readonly DisputeStatus[];
  groups: readonly (string | null)[];
}

export interface QaReportTicket {
  ticketId: string;
  groups: readonly (string | null)[];
}

/** One calibration unit (a ticket × question of a closed session): each reviewer's question score (0–100), null when N/A. */
export interface QaReportCalibrationUnit {
  scores: readonly (number | null)[];
  groups: readonly (string | null)[];
}

export interface QaGroupReport {
  key: string | null;
  report: QaReport;
  manual: QaStreamReport;
  disputes: QaDisputeOutcome;
  agreement: { alpha: number | null; units: number };
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** The dispute rate (evaluations with a dispute / evaluations, Wilson interval) and what became of the disputes. */
export function disputeOutcome(evaluations: readonly Pick<QaReportEvaluation, 'disputes'>[], level = 0.95): QaDisputeOutcome {
  const all = evaluations.flatMap((e) => e.disputes);
  const upheld = all.filter((d) => d === 'upheld').length;
  const adjusted = all.filter((d) => d === 'adjusted').length;
  const rate = wilsonInterval(evaluations.filter((e) => e.disputes.length > 0).length, evaluations.length, level);
  return {
    rate: rate && { ...rate, rate: round4(rate.rate), low: round4(rate.low), high: round4(rate.high) },
    raised: all.length,
    open: all.filter((d) => d === 'open').length,
    upheld,
    adjusted,
    adjustedShare: upheld + adjusted > 0 ? round4(adjusted / (upheld + adjusted)) : null,
  };
}

/**
 * One report row per group key found among the handled tickets and the evaluations, in the order keys
 * first appear (handled tickets first). The headline and targeted streams come from `qaReport` (random
 * only in the headline); hand-picked (`manual`) evaluations are reported apart like the targeted stream;
 * coverage counts a ticket evaluated in any stream once; agreement is Krippendorff's alpha (interval)
 * over the group's calibration units (null with fewer than two units).
 */
export function qaGroupReports(
  evaluations: readonly QaReportEvaluation[],
  handled: readonly QaReportTicket[],
  calibration: readonly QaReportCalibrationUnit[] = [],
  level = 0.95,
): QaGroupReport[] {
  const keys: (string | null)[] = [];
  const add = (key: string | null) => {
    if (!keys.includes(key)) keys.push(key);
  };
  for (const t of handled) t.groups.forEach(add);
  for (const e of evaluations) e.groups.forEach(add);
  return keys.map((key) => {
    const mine = evaluations.filter((e) => e.groups.includes(key));
    const handledHere = new Set(handled.filter((t) => t.groups.includes(key)).map((t) => t.ticketId));
    const reported = (e: QaReportEvaluation, stream: 'random' | 'targeted'): ReportedEvaluation => ({ ticketId: e.ticketId, stream, score: e.score, criticalFailed: e.criticalFailed, disputed: e.disputes.length > 0 });
    const streams = qaReport(
      mine.filter((e) => e.stream !== 'manual').map((e) => reported(e, e.stream as 'random' | 'targeted')),
      handledHere.size,
      level,
    );
    const evaluated = new Set(mine.map((e) => e.ticketId)).size;
    const report: QaReport = { ...streams, evaluatedTickets: evaluated, coverage: handledHere.size > 0 ? round4(evaluated / handledHere.size) : null };
    const manual = qaReport(
      mine.filter((e) => e.stream === 'manual').map((e) => reported(e, 'random')),
      0,
      level,
    ).headline;
    const units = calibration.filter((u) => u.groups.includes(key)).map((u) => u.scores);
    const alpha = krippendorffAlpha(units, 'interval');
    return { key, report, manual, disputes: disputeOutcome(mine, level), agreement: { alpha: alpha.units >= 2 && alpha.alpha !== null ? round4(alpha.alpha) : null, units: alpha.units } };
  });
}
