import type { KpiDefinition, KpiKey, KpiReport } from '@switchboard/shared-contracts';
import { formatDuration } from '@switchboard/web-ui';

/** What each report tile shows of a KpiReport: its headline number, the line under it, and its unit. */
export interface TileReading {
  /** The headline number (percent, seconds, count or points); null = nothing to measure. */
  value: number | null;
  /** The counts or spread behind it, in words. */
  detail: string;
}

export type TileUnit = KpiDefinition['unit'];

/** The tiles of the reports page, in reading order. */
export const REPORT_TILES: readonly KpiKey[] = ['service_level', 'asa', 'abandonment', 'first_response', 'resolution', 'aht', 'fcr', 'csat', 'offered', 'handled', 'next_response', 'nps', 'backlog', 'qa_score'];

export const TILE_UNITS: Record<KpiKey, TileUnit> = {
  offered: 'count',
  handled: 'count',
  service_level: 'percent',
  asa: 'seconds',
  abandonment: 'percent',
  first_response: 'seconds',
  next_response: 'seconds',
  resolution: 'seconds',
  aht: 'seconds',
  fcr: 'percent',
  csat: 'percent',
  nps: 'points',
  backlog: 'count',
  qa_score: 'percent',
};

/** Fallback names when a report comes without definitions. */
export const TILE_LABELS: Record<KpiKey, string> = {
  offered: 'Offered',
  handled: 'Handled',
  service_level: 'Service level',
  asa: 'Average speed of answer',
  abandonment: 'Abandonment',
  first_response: 'First response (median)',
  next_response: 'Next response (median)',
  resolution: 'Resolution time (median)',
  aht: 'Average handle time',
  fcr: 'First contact resolution',
  csat: 'Customer satisfaction',
  nps: 'Net promoter score',
  backlog: 'Backlog',
  qa_score: 'QA score',
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "85.0 %", "—" for no value. */
export function formatPercent(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${value.toFixed(1)} %`;
}

/** "45s", "4m 05s", "2h 03m" (seconds in, like the reports). */
export function formatSeconds(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : formatDuration(Math.round(value) * 1000);
}

export function formatValue(value: number | null | undefined, unit: TileUnit): string {
  if (value === null || value === undefined) return '—';
  if (unit === 'percent') return formatPercent(value);
  if (unit === 'seconds') return formatSeconds(value);
  if (unit === 'points') return `${value > 0 ? '+' : ''}${Math.round(value)}`;
  return value.toLocaleString('en-GB');
}

/** A tile's reading of a report. */
export function tileReading(key: KpiKey, report: KpiReport): TileReading {
  switch (key) {
    case 'offered':
      return { value: report.offered, detail: `${report.handled} handled` };
    case 'handled':
      return { value: report.handled, detail: `of ${report.offered} offered` };
    case 'service_level': {
      const sl = report.serviceLevel;
      const short = sl.shortAbandons ? `, ${plural(sl.shortAbandons, 'short abandon')} left out` : '';
      return { value: sl.value, detail: `${sl.numerator} of ${sl.denominator} within ${sl.rule.thresholdSeconds} s${short}` };
    }
    case 'asa':
      return { value: report.asa.value, detail: `over ${plural(report.asa.denominator, 'answered contact')}` };
    case 'abandonment':
      return { value: report.abandonment.value, detail: `${report.abandonment.numerator} of ${report.abandonment.denominator} offered` };
    case 'first_response':
      return { value: report.firstResponse.median, detail: `p90 ${formatSeconds(report.firstResponse.p90)} · ${plural(report.firstResponse.n, 'ticket')}` };
    case 'next_response':
      return { value: report.nextResponse.median, detail: `p90 ${formatSeconds(report.nextResponse.p90)} · ${plural(report.nextResponse.n, 'follow-up')}` };
    case 'resolution':
      return { value: report.firstResolution.median, detail: `p90 ${formatSeconds(report.firstResolution.p90)} · final ${formatSeconds(report.finalResolution.median)}` };
    case 'aht':
      return { value: report.aht.aht, detail: `agent-attributed ${formatSeconds(report.aht.attributedAht)} · ${plural(report.aht.handled, 'handled ticket')}` };
    case 'fcr':
      return { value: report.fcr.value, detail: `${report.fcr.numerator} of ${plural(report.fcr.denominator, 'resolved ticket')}` };
    case 'csat': {
      const csat = report.csat;
      return { value: csat.value, detail: `response rate ${formatPercent(csat.responseRate)} (${csat.responses} of ${plural(csat.surveysSent, 'survey')})` };
    }
    case 'nps':
      return { value: report.nps.value, detail: `${report.nps.promoters} promoters, ${report.nps.detractors} detractors of ${plural(report.nps.responses, 'response')}` };
    case 'backlog':
      return { value: report.backlog, detail: 'open at the end of the range' };
    case 'qa_score': {
      const qa = report.qa;
      if (!qa) return { value: null, detail: 'not in this report' };
      const score = qa.headline.score;
      const interval = score && score.low !== null && score.high !== null ? `95 % CI ${score.low.toFixed(1)}–${score.high.toFixed(1)}` : score ? 'one review: no interval yet' : 'no random-sample review';
      const coverage = `coverage ${formatPercent(qa.coverage === null ? null : qa.coverage * 100)} (${qa.evaluatedTickets} of ${plural(qa.handledTickets, 'handled ticket')})`;
      const targeted = qa.targeted.evaluations ? ` · ${plural(qa.targeted.evaluations, 'targeted review')} apart` : '';
      return { value: score?.mean ?? null, detail: `${interval} · ${plural(qa.headline.evaluations, 'random review')} · ${coverage}${targeted}` };
    }
  }
}

/** Drill-down outcome filters offered per tile (see ReportTicketOutcome in the contract). */
export const TILE_OUTCOMES: Record<KpiKey, readonly string[]> = {
  offered: ['within', 'outside', 'abandoned', 'abandoned_within', 'short_abandon', 'waiting'],
  handled: ['within', 'outside'],
  service_level: ['within', 'outside', 'abandoned', 'abandoned_within', 'short_abandon'],
  asa: ['within', 'outside'],
  abandonment: ['abandoned', 'abandoned_within', 'short_abandon'],
  first_response: ['responded', 'pending', 'met', 'missed'],
  next_response: ['responded', 'pending', 'met', 'missed'],
  resolution: ['resolved', 'pending', 'met', 'missed'],
  aht: ['within', 'outside'],
  fcr: ['first_contact', 'repeat'],
  csat: ['satisfied', 'neutral', 'dissatisfied', 'no_response'],
  nps: ['promoter', 'passive', 'detractor', 'no_response'],
  backlog: ['open'],
  qa_score: ['random', 'targeted', 'manual'],
};

const OUTCOME_LABELS: Record<string, string> = {
  within: 'Answered within target',
  outside: 'Answered outside target',
  abandoned: 'Abandoned',
  abandoned_within: 'Abandoned within threshold',
  short_abandon: 'Short abandon (left out)',
  waiting: 'Still waiting',
  responded: 'Responded',
  resolved: 'Resolved',
  pending: 'Pending',
  met: 'Target met',
  missed: 'Target missed',
  first_contact: 'Resolved first contact',
  repeat: 'Repeat contact',
  satisfied: 'Satisfied (4–5)',
  neutral: 'Neutral (3)',
  dissatisfied: 'Dissatisfied (1–2)',
  no_response: 'No response',
  promoter: 'Promoter (9–10)',
  passive: 'Passive (7–8)',
  detractor: 'Detractor (0–6)',
  open: 'Open',
  random: 'Random sample',
  targeted: 'Targeted review',
  manual: 'Chosen by a lead',
};

export const outcomeLabel = (outcome: string): string => OUTCOME_LABELS[outcome] ?? outcome.replace(/_/g, ' ');

/** Which tiles' value is "better" higher (for target colouring without a contract there is none). */
export const isKpiKey = (value: unknown): value is KpiKey => typeof value === 'string' && value in TILE_UNITS;
