import type { ContractKpi, KpiReport, ServiceLevelTerm, SlaContractVersion } from '@switchboard/shared-contracts';
import { DEFAULT_SERVICE_LEVEL_RULE } from '@switchboard/shared-contracts';
import { tileTargets } from './kpi-target.util';
import { contractKpiValue } from './sla-contract.util';
import { qaReport } from './qa-statistics.util';

const ratio = (value: number | null) => ({ value, numerator: 0, denominator: 0 });
const dist = (median: number | null, p90: number | null) => ({ n: 1, mean: median, median, p90, method: 'nearest_rank' as const });
const report: KpiReport = {
  offered: 10,
  handled: 9,
  serviceLevel: { value: 78, numerator: 7, denominator: 9, answered: 9, answeredWithin: 7, abandoned: 1, abandonedWithin: 0, shortAbandons: 0, rule: DEFAULT_SERVICE_LEVEL_RULE },
  asa: ratio(25),
  abandonment: ratio(10),
  firstResponse: dist(40, 120),
  nextResponse: dist(50, 200),
  firstResolution: dist(600, 3600),
  finalResolution: dist(700, 4000),
  aht: { handled: 9, handleSeconds: 2700, talkSeconds: 2000, holdSeconds: 200, acwSeconds: 500, aht: 300, attributedSeconds: 2000, attributedAht: 222 },
  fcr: ratio(70),
  csat: { value: 88, satisfied: 7, responses: 8, surveysSent: 9, responseRate: 88.9 },
  nps: { value: 20, promoters: 4, passives: 2, detractors: 2, responses: 8 },
  slaAttainment: { first_response: ratio(95), next_response: ratio(91), resolution: ratio(null) },
  backlog: 2,
  qa: null,
};

describe('contractKpiValue', () => {
  it.each<[ContractKpi, number | null | undefined]>([
    ['service_level', 78],
    ['asa', 25],
    ['abandonment_rate', 10],
    ['frt_median', 40],
    ['frt_p90', 120],
    ['nrt_median', 50],
    ['nrt_p90', 200],
    ['resolution_median', 600],
    ['resolution_p90', 3600],
    ['aht', 300],
    ['fcr', 70],
    ['csat', 88],
    ['csat_response_rate', 88.9],
    ['nps', 20],
    ['frt_attainment', 95],
    ['nrt_attainment', 91],
    ['resolution_attainment', null],
    ['occupancy', undefined],
    ['qa_score', undefined],
    ['qa_coverage', undefined],
  ])('%s → %s', (kpi, expected) => {
    expect(contractKpiValue(report, kpi)).toBe(expected);
  });

  it('QA from the report’s QA block: the random sample’s mean, coverage in %', () => {
    const qa = qaReport([{ ticketId: 'a', stream: 'random', score: 84, criticalFailed: false, disputed: false }], 4);
    expect([contractKpiValue({ ...report, qa }, 'qa_score'), contractKpiValue({ ...report, qa }, 'qa_coverage')]).toEqual([84, 25]);
    expect(contractKpiValue({ ...report, qa: qaReport([], 0) }, 'qa_score')).toBeNull();
  });
});

const term = (over: Partial<ServiceLevelTerm> & Pick<ServiceLevelTerm, 'id' | 'kpi' | 'target' | 'minimum'>): ServiceLevelTerm => ({ name: over.id, exclusions: [], ...over });
const version: SlaContractVersion = {
  version: 3,
  effectiveFrom: '2026-01',
  effectiveTo: null,
  atRiskPercent: 10,
  earnBackPeriods: 2,
  businessHoursOnly: false,
  fcrWindowDays: 7,
  percentileMethod: 'nearest_rank',
  billing: { unit: 'handled_ticket', unitPriceCents: 100, currency: 'USD' },
  criticalServiceLevels: [
    term({ id: 'sl', kpi: 'service_level', target: 80, minimum: 75, allocationPercent: 50 }),
    term({ id: 'sl-voice', kpi: 'service_level', target: 90, minimum: 85, allocationPercent: 20, channel: 'voice' }),
    term({ id: 'asa', kpi: 'asa', target: 30, minimum: 40, allocationPercent: 30 }),
  ],
  keyMeasurements: [term({ id: 'frt', kpi: 'frt_median', target: 30, minimum: 60 }), term({ id: 'frt-att', kpi: 'frt_attainment', target: 90, minimum: 85 })],
};

describe('tileTargets', () => {
  const summary = (targets: ReturnType<typeof tileTargets>) => targets.map((t) => [t.term.id, t.critical, t.value, t.attainment, t.scoped]);

  it.each<[string, Parameters<typeof tileTargets>[1], Parameters<typeof tileTargets>[3], unknown[]]>([
    ['no filter: the all-channel term is judged, the voice-only term is not', 'service_level', {}, [['sl', true, 78, 'missed', false], ['sl-voice', true, undefined, 'no_data', true]]],
    ['filtered to voice: the voice term is judged, the all-channel one is not', 'service_level', { channel: 'voice' }, [['sl', true, undefined, 'no_data', true], ['sl-voice', true, 78, 'below_minimum', false]]],
    ['lower is better: ASA 25 s against 30 s is met', 'asa', {}, [['asa', true, 25, 'met', false]]],
    ['a tile with several terms, key measurements only', 'first_response', {}, [['frt', false, 40, 'missed', false], ['frt-att', false, 95, 'met', false]]],
    ['a tile the contract does not name', 'csat', {}, []],
    ['a count tile has no target', 'offered', {}, []],
  ])('%s', (_name, tile, filters, expected) => {
    expect(summary(tileTargets(version, tile, report, filters))).toEqual(expected);
  });

  it('without a contract there is nothing to judge against', () => {
    expect(tileTargets(null, 'service_level', report)).toEqual([]);
  });
});
