import type { SlaContractVersionInput } from '@switchboard/shared-contracts';
import { ownerQuery } from './test-app';

/**
 * An SLA contract version for specs: from `effectiveFrom`, open-ended, 10 % at risk, no earn-back, on
 * the clock, 7-day FCR window, nearest-rank percentiles, billed 10.00 € per handled ticket, no terms —
 * each spec overrides what it tests.
 */
export function contractVersion(effectiveFrom: string, over: Partial<SlaContractVersionInput> = {}): SlaContractVersionInput {
  return {
    effectiveFrom,
    effectiveTo: null,
    atRiskPercent: 10,
    earnBackPeriods: 0,
    businessHoursOnly: false,
    fcrWindowDays: 7,
    percentileMethod: 'nearest_rank',
    billing: { unit: 'handled_ticket', unitPriceCents: 1000, currency: 'EUR' },
    criticalServiceLevels: [],
    keyMeasurements: [],
    ...over,
  };
}

/**
 * Writes `version` as the client's version 1 straight into the table, as the service writes it: for a
 * contract that began in a past month (the API refuses a new version starting in the past).
 */
export async function insertPastContract(clientId: string, version: SlaContractVersionInput): Promise<void> {
  const { effectiveTo, ...definition } = version;
  await ownerQuery('INSERT INTO sla_contract_versions (client_id, version, effective_from, effective_to, definition) VALUES ($1, 1, $2, $3, $4)', [clientId, version.effectiveFrom, effectiveTo, JSON.stringify({ ...definition, effectiveTo })]);
}
