import { DEFAULT_SERVICE_LEVEL_RULE, KPI_KEYS, type KpiKey, type KpiReport, type ServiceLevelRule } from '@switchboard/shared-contracts';
import { drillDownRows, kpiDefinitions, maskTranscriptText, reportSettingsFor } from './kpi-drilldown.util';
import { goldenDay, jan14 } from './kpi.spec-fixtures';
import { kpiReport, type KpiOptions, type KpiScope } from './kpi.util';

const rules: ServiceLevelRule[] = [
  DEFAULT_SERVICE_LEVEL_RULE,
  { variant: 'answered_within_of_answered', thresholdSeconds: 30, shortAbandonSeconds: 5 },
  { variant: 'answered_within_of_all_less_abandoned_within', thresholdSeconds: 10, shortAbandonSeconds: null },
];
const scopes: [string, KpiScope][] = [
  ['whole day', { from: jan14('00:00:00'), to: '2026-01-15T00:00:00Z' }],
  ['09:00–09:30', { from: jan14('09:00:00'), to: jan14('09:30:00') }],
  ['10:00–12:00', { from: jan14('10:00:00'), to: jan14('12:00:00') }],
];

/** How many rows each tile's number says there are. */
const expectedCount: Record<Exclude<KpiKey, 'qa_score'>, (r: KpiReport) => number> = {
  offered: (r) => r.offered,
  handled: (r) => r.handled,
  asa: (r) => r.asa.denominator,
  aht: (r) => r.aht.handled,
  service_level: (r) => r.serviceLevel.answered + r.serviceLevel.abandoned + r.serviceLevel.shortAbandons,
  abandonment: (r) => r.abandonment.denominator,
  first_response: (r) => r.firstResponse.n,
  next_response: (r) => r.nextResponse.n,
  resolution: (r) => r.firstResolution.n,
  fcr: (r) => r.fcr.denominator,
  csat: (r) => r.csat.surveysSent,
  nps: (r) => r.nps.responses,
  backlog: (r) => r.backlog ?? 0,
};

describe('drillDownRows add up to the tile', () => {
  const cases = rules.flatMap((rule) => scopes.flatMap(([name, scope]) => (Object.keys(expectedCount) as (keyof typeof expectedCount)[]).map((kpi) => [kpi, rule.variant, rule.thresholdSeconds, name, rule, scope] as const)));
  it.each(cases)('%s, %s T=%d, %s', (kpi, _v, _t, _n, rule, scope) => {
    const options: KpiOptions = { serviceLevel: rule, percentileMethod: 'nearest_rank', fcrWindowDays: 7, asOf: '2026-03-01T00:00:00Z' };
    const report = kpiReport(goldenDay, options, scope);
    expect(drillDownRows(kpi, goldenDay, options, scope)).toHaveLength(expectedCount[kpi](report));
  });

  it('outcomes split the numerators: service level within rows and abandonment abandoned rows', () => {
    const rule = DEFAULT_SERVICE_LEVEL_RULE;
    const options: KpiOptions = { serviceLevel: rule, percentileMethod: 'nearest_rank', fcrWindowDays: 7 };
    const report = kpiReport(goldenDay, options, scopes[0][1]);
    const sl = drillDownRows('service_level', goldenDay, options, scopes[0][1]);
    expect(sl.filter((r) => r.outcome === 'within' || r.outcome === 'abandoned_within')).toHaveLength(report.serviceLevel.numerator);
    const ab = drillDownRows('abandonment', goldenDay, options, scopes[0][1]);
    expect(ab.filter((r) => r.outcome === 'abandoned')).toHaveLength(report.abandonment.numerator);
    const csat = drillDownRows('csat', goldenDay, options, scopes[0][1]);
    expect(csat.filter((r) => r.outcome === 'satisfied')).toHaveLength(report.csat.satisfied);
    const fcr = drillDownRows('fcr', goldenDay, { ...options, asOf: '2026-03-01T00:00:00Z' }, scopes[0][1]);
    expect(fcr.filter((r) => r.outcome === 'first_contact')).toHaveLength(kpiReport(goldenDay, { ...options, asOf: '2026-03-01T00:00:00Z' }, scopes[0][1]).fcr.numerator);
  });

  it('rows come in anchor order', () => {
    const rows = drillDownRows('offered', goldenDay, { serviceLevel: DEFAULT_SERVICE_LEVEL_RULE, percentileMethod: 'nearest_rank', fcrWindowDays: 7 }, scopes[0][1]);
    expect(rows.map((r) => r.anchor)).toEqual([...rows.map((r) => r.anchor)].sort());
  });
});

describe('kpiDefinitions', () => {
  it('has every key and fills in the variant, threshold and short-abandon rule', () => {
    const defs = kpiDefinitions({ variant: 'answered_within_of_answered', thresholdSeconds: 30, shortAbandonSeconds: 5 }, { percentileMethod: 'nearest_rank', fcrWindowDays: 3 });
    expect(Object.keys(defs).sort()).toEqual([...KPI_KEYS].sort());
    expect(defs.service_level.formula).toBe('answered within 30 s / answered × 100; abandons within 5 s removed from numerator and denominator');
    expect(defs.fcr.formula).toContain('within 3 days');
    expect(defs.abandonment.formula).toContain('abandons within 5 s excluded');
  });
});

describe('maskTranscriptText', () => {
  it.each([
    ['card always masked, even with a full policy', 'card 4111 1111 1111 1111 please', { email: 'full', phone: 'full' }, 'card **** **** **** 1111 please'],
    ['partial email and phone', 'mail ann.lee@example.com or call +44 20 7946 0958', { email: 'partial', phone: 'partial' }, 'mail a***@e***.com or call •••• 0958'],
    ['hidden', 'ann@example.com / 020 7946 0958', { email: 'hidden', phone: 'hidden' }, '(hidden) / (hidden)'],
    ['full keeps them', 'ann@example.com', { email: 'full', phone: 'full' }, 'ann@example.com'],
    ['short numbers are not phones', 'order 12345 arrived', { email: 'hidden', phone: 'hidden' }, 'order 12345 arrived'],
  ] as const)('%s', (_name, text, policy, expected) => {
    expect(maskTranscriptText(text, policy)).toBe(expected);
  });
});

describe('reportSettingsFor', () => {
  const version = (n: number, from: string, to: string | null, rule: ServiceLevelRule | null) => ({
    version: n,
    effectiveFrom: from,
    effectiveTo: to,
    atRiskPercent: 10,
    earnBackPeriods: 0,
    businessHoursOnly: n === 2,
    fcrWindowDays: n === 2 ? 3 : 7,
    percentileMethod: 'linear' as const,
    billing: { unit: 'handled_ticket' as const, unitPriceCents: 100, currency: 'EUR' },
    criticalServiceLevels: rule
      ? [
          { id: 'sl-voice', name: 'voice', kpi: 'service_level' as const, target: 80, minimum: 70, allocationPercent: 50, serviceLevel: { ...rule, thresholdSeconds: 99 }, channel: 'voice' as const, exclusions: [] },
          { id: 'sl', name: 'all', kpi: 'service_level' as const, target: 80, minimum: 70, allocationPercent: 50, serviceLevel: rule, exclusions: [] },
        ]
      : [],
    keyMeasurements: [],
  });
  const rule: ServiceLevelRule = { variant: 'answered_within_of_all', thresholdSeconds: 30, shortAbandonSeconds: 5 };
  const contract = { clientId: 'c', versions: [version(1, '2026-01', '2026-02', rule), version(2, '2026-03', null, null)] };
  it.each([
    ['no contract: the defaults', null, '2026-01', { contractVersion: null, serviceLevel: DEFAULT_SERVICE_LEVEL_RULE, fcrWindowDays: 7, businessHoursOnly: false }],
    ['before the first version: the defaults', contract, '2025-12', { contractVersion: null }],
    ['version 1: the all-channel term’s rule, not the voice one', contract, '2026-02', { contractVersion: 1, serviceLevel: rule, percentileMethod: 'linear' }],
    ['version 2 without a service-level term: default rule, its other choices', contract, '2026-05', { contractVersion: 2, serviceLevel: DEFAULT_SERVICE_LEVEL_RULE, fcrWindowDays: 3, businessHoursOnly: true }],
  ] as const)('%s', (_n, c, month, expected) => {
    expect(reportSettingsFor(c, month)).toMatchObject(expected);
  });
});
