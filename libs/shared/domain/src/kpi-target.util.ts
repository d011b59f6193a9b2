import type { Attainment, ContractKpi, KpiKey, KpiReport, ServiceLevelTerm, SlaContractVersion } from '@switchboard/shared-contracts';
import { attainmentOf, contractKpiValue } from './sla-contract.util';

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
