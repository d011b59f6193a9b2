import type { MonthlyResults, MonthlyStatement, ServiceLevelTerm, SlaContract, SlaContractVersion } from '@switchboard/shared-contracts';
import { goldenDay } from './kpi.spec-fixtures';
import { addMonths, attainmentOf, billableQuantity, checkContract, contractVersionFor, measureTerm, monthlyStatement } from './sla-contract.util';

const critical: ServiceLevelTerm[] = [
  { id: 'sl-voice', name: 'Voice 80 % in 20 s', kpi: 'service_level', target: 80, minimum: 70, allocationPercent: 40, serviceLevel: { variant: 'answered_abandoned_within', thresholdSeconds: 20, shortAbandonSeconds: 5 }, channel: 'voice', exclusions: [{ kind: 'client_caused_outage' }] },
  { id: 'asa', name: 'ASA', kpi: 'asa', target: 30, minimum: 60, allocationPercent: 20, exclusions: [] },
  { id: 'csat', name: 'CSAT', kpi: 'csat', target: 85, minimum: 75, allocationPercent: 25, exclusions: [] },
  { id: 'fcr', name: 'FCR', kpi: 'fcr', target: 70, minimum: 60, allocationPercent: 15, exclusions: [] },
];
const key: ServiceLevelTerm[] = [{ id: 'aht', name: 'AHT', kpi: 'aht', target: 420, minimum: 600, exclusions: [] }];

const v1: SlaContractVersion = {
  version: 1,
  effectiveFrom: '2026-01',
  effectiveTo: '2026-03',
  atRiskPercent: 10,
  earnBackPeriods: 2,
  businessHoursOnly: false,
  fcrWindowDays: 7,
  percentileMethod: 'nearest_rank',
  billing: { unit: 'handled_minute', unitPriceCents: 85, currency: 'USD' },
  criticalServiceLevels: critical,
  keyMeasurements: key,
};
const v2: SlaContractVersion = { ...v1, version: 2, effectiveFrom: '2026-04', effectiveTo: null, atRiskPercent: 12, earnBackPeriods: 3 };
const contract: SlaContract = { clientId: 'acme', versions: [v1, v2] };

const month = (m: string, handledSeconds: number, values: MonthlyResults['values']): MonthlyResults => ({ month: m, values, handledTickets: 0, handledSeconds, agentSeconds: 0 });

describe('addMonths and contractVersionFor', () => {
  it.each([
    ['2026-01', 2, '2026-03'],
    ['2026-11', 3, '2027-02'],
    ['2026-01', -1, '2025-12'],
  ])('%s + %d = %s', (m, n, expected) => expect(addMonths(m, n)).toBe(expected));

  it.each([
    ['2025-12', null],
    ['2026-01', 1],
    ['2026-03', 1],
    ['2026-04', 2],
    ['2031-07', 2],
  ])('%s → version %s', (m, expected) => expect(contractVersionFor(contract, m)?.version ?? null).toBe(expected));
});

describe('attainmentOf', () => {
  it.each([
    ['service_level', 80, 70, 80, 'met'],
    ['service_level', 80, 70, 79.99, 'missed'],
    ['service_level', 80, 70, 70, 'missed'],
    ['service_level', 80, 70, 69.9, 'below_minimum'],
    ['asa', 30, 60, 30, 'met'],
    ['asa', 30, 60, 45, 'missed'],
    ['asa', 30, 60, 61, 'below_minimum'],
    ['asa', 30, 60, null, 'no_data'],
  ] as const)('%s target %d minimum %d, value %s → %s', (kpi, target, minimum, value, expected) => expect(attainmentOf({ kpi, target, minimum }, value)).toBe(expected));
});

describe('billableQuantity', () => {
  const results: MonthlyResults = { month: '2026-01', values: {}, handledTickets: 1234, handledSeconds: 90_000, agentSeconds: 360_000 };
  it.each([
    ['handled_ticket', 1234],
    ['handled_minute', 1500],
    ['agent_hour', 100],
  ] as const)('%s → %d', (unit, expected) => expect(billableQuantity({ ...v1, billing: { ...v1.billing, unit } }, results)).toBe(expected));
});

describe('golden monthly statements: January to May 2026', () => {
  // v1 (Jan–Mar): 10 % at risk, earn-back after 2 met months, $0.85 per handled minute. v2 (from Apr): 12 %, 3 months.
  // Allocations: voice SL 40 %, ASA 20 %, CSAT 25 %, FCR 15 % = 100 %. AHT is a key measurement.
  const jan = monthlyStatement(contract, month('2026-01', 1_200_000, { 'sl-voice': 75, asa: 25, csat: 90, fcr: 65, aht: 500 }), []);
  const feb = monthlyStatement(contract, month('2026-02', 1_140_000, { 'sl-voice': 72, asa: 35, csat: 88, fcr: 72, aht: 410 }), [jan]);
  const mar = monthlyStatement(contract, month('2026-03', 1_234_560, { 'sl-voice': 78.5, asa: 28, csat: 72, fcr: 70, aht: 650 }), [jan, feb]);
  const apr = monthlyStatement(contract, month('2026-04', 1_200_000, { 'sl-voice': 81, asa: 30, csat: 86, fcr: 71, aht: 400 }), [jan, feb, mar]);
  const may = monthlyStatement(contract, month('2026-05', 1_200_000, { 'sl-voice': 80, asa: 20, csat: 90, fcr: 75, aht: 400 }), [mar, apr, feb, jan]);
  const credits = (s: MonthlyStatement) => Object.fromEntries(s.lines.map((l) => [l.termId, [l.attainment, l.creditCents]]));

  it('January: 20 000 min × 85 ¢ = $17 000, at risk $1 700; SL missed 40 % = $680, FCR missed 15 % = $255', () => {
    expect(jan).toMatchObject({ contractVersion: 1, billingUnit: 'handled_minute', billableQuantity: 20_000, invoiceCents: 1_700_000, atRiskCents: 170_000, creditsOwedCents: 93_500, earnedBackCents: 0, netCreditCents: 93_500 });
    expect(credits(jan)).toEqual({ 'sl-voice': ['missed', 68_000], asa: ['met', 0], csat: ['met', 0], fcr: ['missed', 25_500], aht: ['missed', 0] });
  });

  it('February: 19 000 min → $16 150, at risk $1 615; SL 40 % = $646, ASA 20 % = $323', () => {
    expect(feb).toMatchObject({ invoiceCents: 1_615_000, atRiskCents: 161_500, creditsOwedCents: 96_900, earnedBack: [], netCreditCents: 96_900 });
    expect(credits(feb)).toEqual({ 'sl-voice': ['missed', 64_600], asa: ['missed', 32_300], csat: ['met', 0], fcr: ['met', 0], aht: ['met', 0] });
  });

  it('March: 20 576 min → $17 489.60, at risk $1 748.96; SL 40 % = $699.584 → $699.58, CSAT below minimum 25 % = $437.24; January’s FCR credit earned back (Feb and Mar met)', () => {
    expect(mar).toMatchObject({ billableQuantity: 20_576, invoiceCents: 1_748_960, atRiskCents: 174_896, creditsOwedCents: 113_682 });
    expect(credits(mar)).toEqual({ 'sl-voice': ['missed', 69_958], asa: ['met', 0], csat: ['below_minimum', 43_724], fcr: ['met', 0], aht: ['below_minimum', 0] });
    // January’s SL credit stays: February missed too.
    expect(mar.earnedBack).toEqual([{ termId: 'fcr', creditMonth: '2026-01', creditCents: 25_500 }]);
    expect(mar.netCreditCents).toBe(113_682 - 25_500);
  });

  it('April (version 2, 12 % at risk): nothing owed; February’s ASA credit earned back with February’s N = 2', () => {
    expect(apr).toMatchObject({ contractVersion: 2, invoiceCents: 1_700_000, atRiskCents: 204_000, creditsOwedCents: 0 });
    expect(apr.earnedBack).toEqual([{ termId: 'asa', creditMonth: '2026-02', creditCents: 32_300 }]);
    expect(apr.netCreditCents).toBe(-32_300);
  });

  it('May: March’s SL and CSAT credits earned back after April and May met', () => {
    expect(may.earnedBack).toEqual([
      { termId: 'sl-voice', creditMonth: '2026-03', creditCents: 69_958 },
      { termId: 'csat', creditMonth: '2026-03', creditCents: 43_724 },
    ]);
    expect(may.earnedBackCents).toBe(113_682);
  });

  it('a month missing from the history breaks the streak', () => {
    expect(monthlyStatement(contract, month('2026-04', 1_200_000, { 'sl-voice': 81, asa: 30, csat: 86, fcr: 71 }), [jan, feb]).earnedBack).toEqual([]);
  });

  it('a month with no data is not a met month, and costs nothing', () => {
    const noData = monthlyStatement(contract, month('2026-03', 1_234_560, { 'sl-voice': 80, asa: null, csat: 90, fcr: 70 }), [jan, feb]);
    expect(credits(noData).asa).toEqual(['no_data', 0]);
    expect(noData.creditsOwedCents).toBe(0);
    // January’s FCR credit still earned back (FCR met in Feb and Mar).
    expect(noData.earnedBack.map((e) => e.termId)).toEqual(['fcr']);
  });

  it('with creditTrigger below_minimum only a month below minimum costs a credit', () => {
    const strict: SlaContract = { clientId: 'acme', versions: [{ ...v1, creditTrigger: 'below_minimum' }] };
    const march = monthlyStatement(strict, month('2026-03', 1_234_560, { 'sl-voice': 78.5, asa: 28, csat: 72, fcr: 70 }), []);
    expect(credits(march)).toMatchObject({ 'sl-voice': ['missed', 0], csat: ['below_minimum', 43_724] });
  });

  it('the month’s credits are capped at the at-risk amount', () => {
    // 60 % + 60 % is refused by checkContract; the statement still never charges more than the pool.
    const over: SlaContract = { clientId: 'acme', versions: [{ ...v1, criticalServiceLevels: [{ ...critical[1], allocationPercent: 60 }, { ...critical[2], allocationPercent: 60 }] }] };
    const statement = monthlyStatement(over, month('2026-01', (10_000 / 85) * 60, { asa: 90, csat: 10 }), []);
    expect(statement.atRiskCents).toBe(1000);
    expect(statement.lines.filter((l) => l.critical).map((l) => l.creditCents)).toEqual([500, 500]);
    expect(statement.creditsOwedCents).toBe(1000);
  });

  it('refuses a month no version covers', () => {
    expect(() => monthlyStatement(contract, month('2025-12', 0, {}), [])).toThrow(RangeError);
  });
});

describe('measureTerm (the golden day, from ticket facts)', () => {
  const day = { from: '2026-01-14T00:00:00Z', to: '2026-01-15T00:00:00Z' };
  it.each([
    // Voice only, 5 s short abandons: (2 + 0) / 3.
    ['sl-voice', 200 / 3],
    ['asa', 21.8],
    ['csat', 60],
    ['fcr', 40],
    ['aht', 447],
  ])('%s = %d', (id, expected) => {
    const term = [...critical, ...key].find((t) => t.id === id) as ServiceLevelTerm;
    expect(measureTerm(term, v1, goldenDay, day)).toBeCloseTo(expected, 10);
  });
  it('occupancy comes from agent states, not tickets', () => {
    expect(measureTerm({ id: 'occ', name: 'Occupancy', kpi: 'occupancy', target: 80, minimum: 70, exclusions: [] }, v1, goldenDay, day)).toBeUndefined();
  });
});

describe('checkContract', () => {
  it('accepts the golden contract', () => expect(checkContract(contract)).toEqual([]));

  const withV1 = (over: Partial<SlaContractVersion>): SlaContract => ({ clientId: 'acme', versions: [{ ...v1, ...over }] });
  const withTerm = (index: number, over: Partial<ServiceLevelTerm>): SlaContract => withV1({ criticalServiceLevels: critical.map((t, i) => (i === index ? { ...t, ...over } : t)) });

  it.each([
    ['no versions', { clientId: 'acme', versions: [] }, 'versions: a contract needs at least one version'],
    ['allocations over 100 %', withTerm(0, { allocationPercent: 50 }), 'versions[0].criticalServiceLevels: allocations add up to 110 %, more than the at-risk pool (100 %)'],
    ['an allocation of 0', withTerm(1, { allocationPercent: 0 }), 'versions[0].criticalServiceLevels[1].allocationPercent: 0 % must be above 0 and at most 100'],
    ['a critical level with no allocation', withTerm(1, { allocationPercent: undefined }), 'versions[0].criticalServiceLevels[1].allocationPercent: a critical service level needs an allocation of the at-risk pool'],
    ['a key measurement with an allocation', withV1({ keyMeasurements: [{ ...key[0], allocationPercent: 5 }] }), 'versions[0].keyMeasurements[0].allocationPercent: a key measurement carries no credit (make it a critical service level)'],
    ['minimum above target (higher is better)', withTerm(2, { minimum: 90 }), 'versions[0].criticalServiceLevels[2].minimum: 90 is above the target 85 (higher is better for csat)'],
    ['minimum below target (lower is better)', withTerm(1, { minimum: 20 }), 'versions[0].criticalServiceLevels[1].minimum: 20 is below the target 30 (lower is better for asa)'],
    ['negative at-risk', withV1({ atRiskPercent: -5 }), 'versions[0].atRiskPercent: cannot be negative'],
    ['at-risk above the invoice', withV1({ atRiskPercent: 120 }), 'versions[0].atRiskPercent: 120 % is more than the whole invoice'],
    ['unknown KPI', withTerm(3, { kpi: 'happiness' as never }), expect.stringContaining('versions[0].criticalServiceLevels[3].kpi: unknown KPI "happiness"')],
    ['a percentage target above 100', withTerm(2, { target: 120, minimum: 75 }), 'versions[0].criticalServiceLevels[2].target: 120 is not a percentage (0–100)'],
    ['a negative duration', withTerm(1, { target: -1, minimum: 60 }), 'versions[0].criticalServiceLevels[1].target: a duration cannot be negative'],
    ['a service level without its rule', withTerm(0, { serviceLevel: undefined }), 'versions[0].criticalServiceLevels[0].serviceLevel: a service level needs its variant, threshold and short-abandon rule'],
    ['an unknown variant', withTerm(0, { serviceLevel: { variant: 'best_of' as never, thresholdSeconds: 20, shortAbandonSeconds: null } }), 'versions[0].criticalServiceLevels[0].serviceLevel.variant: unknown variant "best_of"'],
    ['a zero threshold', withTerm(0, { serviceLevel: { variant: 'answered_within_of_all', thresholdSeconds: 0, shortAbandonSeconds: null } }), 'versions[0].criticalServiceLevels[0].serviceLevel.thresholdSeconds: must be above 0'],
    ['short abandons as long as T', withTerm(0, { serviceLevel: { variant: 'answered_within_of_all', thresholdSeconds: 20, shortAbandonSeconds: 20 } }), 'versions[0].criticalServiceLevels[0].serviceLevel.shortAbandonSeconds: 20 s is not below the threshold 20 s'],
    ['a rule on a non-service-level KPI', withTerm(1, { serviceLevel: { variant: 'answered_within_of_all', thresholdSeconds: 20, shortAbandonSeconds: null } }), 'versions[0].criticalServiceLevels[1].serviceLevel: only a service_level term has a service-level rule'],
    ['a duplicate term id', withV1({ keyMeasurements: [{ ...key[0], id: 'asa' }] }), 'versions[0].keyMeasurements[0].id: "asa" is used twice'],
    ['negative earn-back', withV1({ earnBackPeriods: -1 }), 'versions[0].earnBackPeriods: must be a whole number of months, 0 or more'],
    ['a bad month', withV1({ effectiveFrom: '2026-13' }), 'versions[0].effectiveFrom: must be a month YYYY-MM'],
    ['ends before it starts', withV1({ effectiveTo: '2025-12' }), 'versions[0].effectiveTo: 2025-12 is before effectiveFrom 2026-01'],
    ['a negative price', withV1({ billing: { unit: 'agent_hour', unitPriceCents: -1, currency: 'USD' } }), 'versions[0].billing.unitPriceCents: cannot be negative'],
    ['an unknown billing unit', withV1({ billing: { unit: 'per_smile' as never, unitPriceCents: 1, currency: 'USD' } }), 'versions[0].billing.unit: handled_ticket, handled_minute or agent_hour'],
    ['a zero FCR window', withV1({ fcrWindowDays: 0 }), 'versions[0].fcrWindowDays: must be above 0'],
    ['a negative forecast band', withTerm(1, { exclusions: [{ kind: 'volume_above_forecast', bandPercent: -10 }] }), 'versions[0].criticalServiceLevels[1].exclusions[0].bandPercent: cannot be negative'],
    ['overlapping versions', { clientId: 'acme', versions: [v1, { ...v2, effectiveFrom: '2026-03' }] }, 'versions[1]: 2026-03 overlaps version 1 (2026-01 to 2026-03)'],
    ['an open-ended version followed by another', { clientId: 'acme', versions: [{ ...v1, effectiveTo: null }, v2] }, 'versions[1]: 2026-04 overlaps version 1 (2026-01 to open-ended)'],
    ['a version number used twice', { clientId: 'acme', versions: [v1, { ...v2, version: 1 }] }, 'versions[1].version: 1 is used twice'],
    ['a later period with a lower number', { clientId: 'acme', versions: [{ ...v1, version: 3 }, v2] }, 'versions[1].version: a later version needs a higher number than 3'],
  ])('refuses %s', (_why, input, reason) => expect(checkContract(input as SlaContract)).toContainEqual(reason));
});
