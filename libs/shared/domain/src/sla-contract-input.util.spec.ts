import type { SlaContract, SlaContractVersionInput } from '@switchboard/shared-contracts';
import { contractVersionInputProblems, withNewVersion } from './sla-contract-input.util';

const input: SlaContractVersionInput = {
  effectiveFrom: '2026-12',
  effectiveTo: null,
  atRiskPercent: 10,
  earnBackPeriods: 2,
  businessHoursOnly: false,
  fcrWindowDays: 7,
  percentileMethod: 'nearest_rank',
  billing: { unit: 'handled_ticket', unitPriceCents: 250, currency: 'EUR' },
  criticalServiceLevels: [
    { id: 'sl', name: 'Service level 80/20', kpi: 'service_level', target: 80, minimum: 70, allocationPercent: 60, serviceLevel: { variant: 'answered_abandoned_within', thresholdSeconds: 20, shortAbandonSeconds: 5 }, exclusions: [] },
    { id: 'csat', name: 'CSAT', kpi: 'csat', target: 85, minimum: 75, allocationPercent: 40, exclusions: [] },
  ],
  keyMeasurements: [{ id: 'aht', name: 'AHT', kpi: 'aht', target: 400, minimum: 600, exclusions: [] }],
};
const empty: SlaContract = { clientId: 'c1', versions: [] };

describe('contractVersionInputProblems', () => {
  it('accepts a well-formed version', () => expect(contractVersionInputProblems(input)).toEqual([]));
  it.each([
    ['not an object', 'x', ''],
    ['unknown field', { ...input, discount: 5 }, 'discount'],
    ['bad month', { ...input, effectiveFrom: '2026-13' }, 'effectiveFrom'],
    ['missing exclusions', { ...input, keyMeasurements: [{ id: 'a', name: 'A', kpi: 'aht', target: 1, minimum: 2 }] }, 'keyMeasurements[0].exclusions'],
    ['unknown KPI', { ...input, keyMeasurements: [{ id: 'a', name: 'A', kpi: 'speed', target: 1, minimum: 2, exclusions: [] }] }, 'keyMeasurements[0].kpi'],
    ['bad billing', { ...input, billing: { unit: 'per_call', unitPriceCents: 1, currency: 'EUR' } }, 'billing'],
  ])('%s → %s', (_n, body, field) => {
    expect(contractVersionInputProblems(body).map((p) => p.field)).toContain(field);
  });
});

describe('withNewVersion', () => {
  it('a first version may start in the past and is number 1', () => {
    const result = withNewVersion(empty, { ...input, effectiveFrom: '2026-01' }, '2026-12');
    expect('version' in result && result.version.version).toBe(1);
  });
  it('a later version closes an open-ended latest one the month before it starts', () => {
    const first = withNewVersion(empty, { ...input, effectiveFrom: '2026-01' }, '2026-12');
    if (!('contract' in first)) throw new Error('refused');
    const second = withNewVersion(first.contract, { ...input, effectiveFrom: '2027-01', atRiskPercent: 12 }, '2026-12');
    if (!('contract' in second)) throw new Error(JSON.stringify(second.problems));
    expect(second.version.version).toBe(2);
    expect(second.closed).toEqual({ version: 1, effectiveTo: '2026-12' });
  });
  it.each([
    ['allocations over 100 %', { ...input, criticalServiceLevels: input.criticalServiceLevels.map((t) => ({ ...t, allocationPercent: 70 })) }, 'allocations add up to 140 %'],
    ['minimum above target for a higher-is-better KPI', { ...input, criticalServiceLevels: [{ ...input.criticalServiceLevels[1], minimum: 90, allocationPercent: 10 }] }, 'is above the target'],
    ['short abandon not below the threshold', { ...input, criticalServiceLevels: [{ ...input.criticalServiceLevels[0], serviceLevel: { variant: 'answered_abandoned_within' as const, thresholdSeconds: 20, shortAbandonSeconds: 20 } }] }, 'is not below the threshold'],
  ])('refuses %s with the reason', (_n, body, reason) => {
    const result = withNewVersion(empty, body, '2026-12');
    expect('problems' in result && result.problems.map((p) => p.message).join(' ')).toContain(reason);
  });
  it('refuses a later version that starts before the current month', () => {
    const first = withNewVersion(empty, { ...input, effectiveFrom: '2026-01' }, '2026-12');
    if (!('contract' in first)) throw new Error('refused');
    const result = withNewVersion(first.contract, { ...input, effectiveFrom: '2026-06' }, '2026-12');
    expect('problems' in result && result.problems[0].field).toBe('effectiveFrom');
  });
});
