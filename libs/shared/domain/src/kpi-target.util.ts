import type { Attainment, ContractKpi, KpiKey, KpiReport, ServiceLevelTerm, SlaContractVersion } from '@switchboard/shared-contracts';
import { attainmentOf } from './sla-contract.util';

/**
 * A report tile against the client's contract: which contract KPIs a tile shows, the value a KPI report
 * gives for each, and how the tile's numbers stand against the targets of the version in force.
 */

/** The contract KPIs each tile speaks for (a tile may carry several: FRT median, p90 and attainment). */
export const TILE_CONTRACT_KPIS: Record<KpiKey, readonly ContractKpi[]> = {
  offered: [],
  handled: [],
  service_level: ['service_level'],
  asa: ['asa'],
  abandonment: ['abandonment_rate'],
  first_response: ['frt_median', 'frt_p90', 'frt_attainment'],
  next_response: ['nrt_median', 'nrt_p90', 'nrt_attainment'],
  resolution: ['resolution_median', 'resolution_p90', 'resolution_attainment'],
  aht: ['aht'],
  fcr: ['fcr'],
  csat: ['csat', 'csat_response_rate'],
  nps: ['nps'],
  backlog: [],
  qa_score: ['qa_score', 'qa_coverage'],
};

/**
 * The value of a contract KPI in a KPI report (the same reading the monthly statement makes); undefined
 * for KPIs a ticket report does not carry (occupancy, schedule adherence; QA without its QA block), null when nothing was measured.
 */
export function contractKpiValue(report: KpiReport, kpi: ContractKpi): number | null | undefined {
  switch (kpi) {
    case 'service_level':
      return report.serviceLevel.value;
    case 'asa':
      return report.asa.value;
    case 'abandonment_rate':
      return report.abandonment.value;
    case 'frt_median':
      return report.firstResponse.median;
    case 'frt_p90':
      return report.firstResponse.p90;
    case 'nrt_median':
      return report.nextResponse.median;
    case 'nrt_p90':
      return report.nextResponse.p90;
    case 'resolution_median':
      return report.firstResolution.median;
    case 'resolution_p90':
      return report.firstResolution.p90;
    case 'aht':
      return report.aht.aht;
    case 'fcr':
      return report.fcr.value;
    case 'csat':
      return report.csat.value;
    case 'csat_response_rate':
      return report.csat.responseRate;
    case 'nps':
      return report.nps.value;
    case 'frt_attainment':
      return report.slaAttainment.first_response.value;
    case 'nrt_attainment':
      return report.slaAttainment.next_response.value;
    case 'resolution_attainment':
      return report.slaAttainment.resolution.value;
    // QA only where the report carries its QA block (the KPI report does; the facts alone do not).
    case 'qa_score':
      return report.qa === null ? undefined : (report.qa.headline.score?.mean ?? null);
    case 'qa_coverage':
      return report.qa === null ? undefined : report.qa.coverage === null ? null : report.qa.coverage * 100;
    default:
      return undefined;
  }
}

export interface TileTarget {
  term: ServiceLevelTerm;
  /** A critical service level (carries credits) or a key measurement (reported only). */
  critical: boolean;
  /** The report's value for the term's KPI; null = nothing measured; undefined = not in this report. */
  value: number | null | undefined;
  attainment: Attainment;
  /**
   * The term measures one channel or queue only: the tile's all-channel value is then no verdict on it
   * (the monthly statement measures it exactly); attainment is `no_data` unless the report is filtered to it.
   */
  scoped: boolean;
}

/**
 * The targets of a contract version that a tile speaks for, each with the report's value and attainment
 * (met / missed / below_minimum / no_data). A term restricted to a channel or queue is judged only when the
 * report is filtered to exactly that channel / queue.
 */
export function tileTargets(version: SlaContractVersion | null, tile: KpiKey, report: KpiReport, filters: { channel?: string | null; queueId?: string | null } = {}): TileTarget[] {
  if (!version) return [];
  const kpis = TILE_CONTRACT_KPIS[tile];
  const terms = [
    ...version.criticalServiceLevels.map((term) => ({ term, critical: true })),
    ...version.keyMeasurements.map((term) => ({ term, critical: false })),
  ].filter(({ term }) => kpis.includes(term.kpi));
  return terms.map(({ term, critical }) => {
    const restricted = Boolean(term.channel || term.queueId);
    const matches = (!term.channel || term.channel === filters.channel) && (!term.queueId || term.queueId === filters.queueId);
    const unfilteredElsewhere = !restricted && Boolean(filters.channel || filters.queueId);
    const scoped = restricted ? !matches : unfilteredElsewhere;
    const value = scoped ? undefined : contractKpiValue(report, term.kpi);
    return { term, critical, value, attainment: scoped ? 'no_data' : attainmentOf(term, value), scoped };
  });
}
