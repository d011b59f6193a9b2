import type { SlaContractVersionInput } from '@switchboard/shared-contracts';

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
