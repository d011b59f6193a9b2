import {
  CONTRACT_KPIS,
  DEFAULT_SERVICE_LEVEL_RULE,
  SERVICE_LEVEL_VARIANTS,
  type Attainment,
  type ContractKpi,
  type EarnBackLine,
  type ExcludedContacts,
  type KpiReport,
  type MonthlyResults,
  type MonthlyStatement,
  type ServiceLevelLine,
  type ServiceLevelTerm,
  type SlaContract,
  type SlaContractVersion,
  type BusinessCalendar,
  type TicketFact,
} from '@switchboard/shared-contracts';
import { kpiReport, type KpiScope } from './kpi.util';
import { applyExclusions, NO_EXCLUSION_EVIDENCE, type ExclusionEvidence } from './sla-exclusion.util';
import { businessSeconds, openHoursOnly } from './reporting-buckets.util';

/**
 * SLA contracts and the monthly statement, per KPIS.md ("SLA contracts, service credits and earn-back")
 * and, where it is silent, the common BPO/ITO service-credit model:
 * - at-risk amount = at-risk % × the month's invoice; invoice = billable quantity × unit price;
 * - a critical service level that misses costs at-risk amount × its allocation % (the contract's
 *   `creditTrigger` says whether "miss" is below target — the default — or below minimum); the month's
 *   credits are capped at the at-risk amount; key measurements are reported, never credited;
 * - earn-back: a month's credit for a service level is waived once that service level meets its target in
 *   each of the next N months (N from the version in force in the credit's month); it shows as earned
 *   back on the statement of month +N. A month with no data does not count as met.
 * Money is in cents, each amount rounded half up to the cent.
 */

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** `YYYY-MM` plus n months. */
export function addMonths(month: string, n: number): string {
  const [year, mon] = month.split('-').map(Number);
  const index = year * 12 + (mon - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

function lastMonth(version: SlaContractVersion): string {
  return version.effectiveTo ?? '9999-12';
}

/** The version in force in a month; null when none is. */
export function contractVersionFor(contract: SlaContract, month: string): SlaContractVersion | null {
  return contract.versions.find((v) => v.effectiveFrom <= month && month <= lastMonth(v)) ?? null;
}

function isKpi(kpi: string): kpi is ContractKpi {
  return Object.prototype.hasOwnProperty.call(CONTRACT_KPIS, kpi);
}

function termProblems(term: ServiceLevelTerm, path: string, critical: boolean): string[] {
  const problems: string[] = [];
  if (!term.id) problems.push(`${path}.id: required`);
  if (!isKpi(term.kpi)) return [...problems, `${path}.kpi: unknown KPI "${term.kpi}" (use one of ${Object.keys(CONTRACT_KPIS).join(', ')})`];
  const { better, unit } = CONTRACT_KPIS[term.kpi];
  for (const field of ['target', 'minimum'] as const) {
    const value = term[field];
    if (!Number.isFinite(value)) problems.push(`${path}.${field}: must be a number`);
    else if (unit === 'percent' && (value < 0 || value > 100)) problems.push(`${path}.${field}: ${value} is not a percentage (0–100)`);
    else if (unit === 'seconds' && value < 0) problems.push(`${path}.${field}: a duration cannot be negative`);
    else if (unit === 'points' && (value < -100 || value > 100)) problems.push(`${path}.${field}: ${value} is outside −100…100`);
  }
  if (Number.isFinite(term.target) && Number.isFinite(term.minimum)) {
    if (better === 'higher' && term.minimum > term.target) problems.push(`${path}.minimum: ${term.minimum} is above the target ${term.target} (higher is better for ${term.kpi})`);
    if (better === 'lower' && term.minimum < term.target) problems.push(`${path}.minimum: ${term.minimum} is below the target ${term.target} (lower is better for ${term.kpi})`);
  }
  if (critical) {
    const allocation = term.allocationPercent;
    if (allocation === undefined || !Number.isFinite(allocation)) problems.push(`${path}.allocationPercent: a critical service level needs an allocation of the at-risk pool`);
    else if (allocation <= 0 || allocation > 100) problems.push(`${path}.allocationPercent: ${allocation} % must be above 0 and at most 100`);
  } else if (term.allocationPercent !== undefined && term.allocationPercent !== 0) {
    problems.push(`${path}.allocationPercent: a key measurement carries no credit (make it a critical service level)`);
  }
  if (term.kpi === 'service_level') {
    const rule = term.serviceLevel;
    if (!rule) problems.push(`${path}.serviceLevel: a service level needs its variant, threshold and short-abandon rule`);
    else {
      if (!(SERVICE_LEVEL_VARIANTS as readonly string[]).includes(rule.variant)) problems.push(`${path}.serviceLevel.variant: unknown variant "${rule.variant}"`);
      if (!(rule.thresholdSeconds > 0)) problems.push(`${path}.serviceLevel.thresholdSeconds: must be above 0`);
      if (rule.shortAbandonSeconds !== null) {
        if (!(rule.shortAbandonSeconds >= 0)) problems.push(`${path}.serviceLevel.shortAbandonSeconds: cannot be negative`);
        else if (rule.shortAbandonSeconds >= rule.thresholdSeconds) problems.push(`${path}.serviceLevel.shortAbandonSeconds: ${rule.shortAbandonSeconds} s is not below the threshold ${rule.thresholdSeconds} s`);
      }
    }
  } else if (term.serviceLevel) {
    problems.push(`${path}.serviceLevel: only a service_level term has a service-level rule`);
  }
  term.exclusions.forEach((exclusion, i) => {
    if (exclusion.kind === 'volume_above_forecast' && !(exclusion.bandPercent >= 0)) problems.push(`${path}.exclusions[${i}].bandPercent: cannot be negative`);
  });
  return problems;
}

function versionProblems(version: SlaContractVersion, path: string): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(version.version) || version.version < 1) problems.push(`${path}.version: must be a whole number from 1`);
  if (!MONTH.test(version.effectiveFrom)) problems.push(`${path}.effectiveFrom: must be a month YYYY-MM`);
  if (version.effectiveTo !== null) {
    if (!MONTH.test(version.effectiveTo)) problems.push(`${path}.effectiveTo: must be a month YYYY-MM or null`);
    else if (version.effectiveTo < version.effectiveFrom) problems.push(`${path}.effectiveTo: ${version.effectiveTo} is before effectiveFrom ${version.effectiveFrom}`);
  }
  if (!Number.isFinite(version.atRiskPercent) || version.atRiskPercent < 0) problems.push(`${path}.atRiskPercent: cannot be negative`);
  else if (version.atRiskPercent > 100) problems.push(`${path}.atRiskPercent: ${version.atRiskPercent} % is more than the whole invoice`);
  if (!Number.isInteger(version.earnBackPeriods) || version.earnBackPeriods < 0) problems.push(`${path}.earnBackPeriods: must be a whole number of months, 0 or more`);
  if (!(version.fcrWindowDays > 0)) problems.push(`${path}.fcrWindowDays: must be above 0`);
  if (version.percentileMethod !== 'nearest_rank' && version.percentileMethod !== 'linear') problems.push(`${path}.percentileMethod: nearest_rank or linear`);
  if (version.creditTrigger !== undefined && version.creditTrigger !== 'below_target' && version.creditTrigger !== 'below_minimum') problems.push(`${path}.creditTrigger: below_target or below_minimum`);
  if (!['handled_ticket', 'handled_minute', 'agent_hour'].includes(version.billing.unit)) problems.push(`${path}.billing.unit: handled_ticket, handled_minute or agent_hour`);
  if (!Number.isFinite(version.billing.unitPriceCents) || version.billing.unitPriceCents < 0) problems.push(`${path}.billing.unitPriceCents: cannot be negative`);

  const ids = new Set<string>();
  const terms = [
    ...version.criticalServiceLevels.map((term, i) => ({ term, critical: true, at: `${path}.criticalServiceLevels[${i}]` })),
    ...version.keyMeasurements.map((term, i) => ({ term, critical: false, at: `${path}.keyMeasurements[${i}]` })),
  ];
  for (const { term, critical, at } of terms) {
    if (ids.has(term.id)) problems.push(`${at}.id: "${term.id}" is used twice`);
    ids.add(term.id);
    problems.push(...termProblems(term, at, critical));
  }
  const allocated = version.criticalServiceLevels.reduce((sum, term) => sum + (Number.isFinite(term.allocationPercent) ? (term.allocationPercent as number) : 0), 0);
  if (allocated > 100 + 1e-9) problems.push(`${path}.criticalServiceLevels: allocations add up to ${allocated} %, more than the at-risk pool (100 %)`);
  return problems;
}

/** Why a contract makes no sense, one reason per problem (path: reason); empty when it is sound. */
export function checkContract(contract: SlaContract): string[] {
  const problems: string[] = [];
  if (!contract.clientId) problems.push('clientId: required');
  if (contract.versions.length === 0) return [...problems, 'versions: a contract needs at least one version'];
  contract.versions.forEach((version, i) => problems.push(...versionProblems(version, `versions[${i}]`)));
  const numbers = contract.versions.map((v) => v.version);
  numbers.forEach((n, i) => {
    if (numbers.indexOf(n) !== i) problems.push(`versions[${i}].version: ${n} is used twice`);
  });
  const dated = contract.versions
    .map((version, index) => ({ version, index }))
    .filter(({ version }) => MONTH.test(version.effectiveFrom))
    .sort((a, b) => a.version.effectiveFrom.localeCompare(b.version.effectiveFrom));
  for (let i = 1; i < dated.length; i++) {
    const before = dated[i - 1];
    const after = dated[i];
    if (after.version.effectiveFrom <= lastMonth(before.version)) {
      problems.push(`versions[${after.index}]: ${after.version.effectiveFrom} overlaps version ${before.version.version} (${before.version.effectiveFrom} to ${before.version.effectiveTo ?? 'open-ended'})`);
    }
    if (after.version.version <= before.version.version) problems.push(`versions[${after.index}].version: a later version needs a higher number than ${before.version.version}`);
  }
  return problems;
}

// ─── Attainment and the monthly statement ──────────────────────────────────────────────────────────

/** met = at or better than target; missed = worse than target, at or better than minimum; below_minimum; no_data. */
export function attainmentOf(term: Pick<ServiceLevelTerm, 'kpi' | 'target' | 'minimum'>, value: number | null | undefined): Attainment {
  if (value === null || value === undefined || Number.isNaN(value)) return 'no_data';
  const higher = CONTRACT_KPIS[term.kpi].better === 'higher';
  const atLeast = (limit: number) => (higher ? value >= limit : value <= limit);
  if (atLeast(term.target)) return 'met';
  return atLeast(term.minimum) ? 'missed' : 'below_minimum';
}

/** The billable quantity: handled tickets, handled minutes (Σ handle seconds / 60) or agent hours (Σ agent seconds / 3600). */
export function billableQuantity(version: SlaContractVersion, results: MonthlyResults): number {
  if (version.billing.unit === 'handled_ticket') return results.handledTickets;
  if (version.billing.unit === 'handled_minute') return results.handledSeconds / 60;
  return results.agentSeconds / 3600;
}

function costsCredit(attainment: Attainment, version: SlaContractVersion): boolean {
  if (attainment === 'below_minimum') return true;
  return attainment === 'missed' && (version.creditTrigger ?? 'below_target') === 'below_target';
}

/** Scale credits down to the cap, proportionally, in whole cents (leftover cents to the largest credits first). */
function capCredits(credits: number[], cap: number): number[] {
  const total = credits.reduce((sum, c) => sum + c, 0);
  if (total <= cap) return credits;
  const exact = credits.map((c) => (c * cap) / total);
  const floored = exact.map(Math.floor);
  let leftover = cap - floored.reduce((sum, c) => sum + c, 0);
  const order = exact.map((value, i) => ({ i, fraction: value - floored[i] })).sort((a, b) => b.fraction - a.fraction || a.i - b.i);
  for (const { i } of order) {
    if (leftover <= 0) break;
    floored[i]++;
    leftover--;
  }
  return floored;
}

/**
 * The month's statement: attainment of every service level, credits owed (at-risk × allocation for each
 * critical miss, capped at the at-risk amount), earlier credits earned back this month, and the billable
 * quantity. `history` holds the earlier months' statements (any order; months missing from it break an
 * earn-back streak).
 */
export function monthlyStatement(contract: SlaContract, results: MonthlyResults, history: readonly MonthlyStatement[]): MonthlyStatement {
  const version = contractVersionFor(contract, results.month);
  if (!version) throw new RangeError(`No version of the contract of client ${contract.clientId} is in force in ${results.month}`);
  const quantity = billableQuantity(version, results);
  const invoiceCents = Math.round(quantity * version.billing.unitPriceCents);
  const atRiskCents = Math.round((invoiceCents * version.atRiskPercent) / 100);

  const drafts = [
    ...version.criticalServiceLevels.map((term) => ({ term, critical: true })),
    ...version.keyMeasurements.map((term) => ({ term, critical: false })),
  ].map(({ term, critical }) => {
    const value = results.values[term.id] ?? null;
    const attainment = attainmentOf(term, value);
    const allocationPercent = critical ? (term.allocationPercent ?? 0) : 0;
    const credit = critical && costsCredit(attainment, version) ? Math.round((atRiskCents * allocationPercent) / 100) : 0;
    return { term, critical, value, attainment, allocationPercent, credit };
  });
  const capped = capCredits(drafts.map((d) => d.credit), atRiskCents);
  const lines: ServiceLevelLine[] = drafts.map((d, i) => ({
    termId: d.term.id,
    name: d.term.name,
    kpi: d.term.kpi,
    critical: d.critical,
    target: d.term.target,
    minimum: d.term.minimum,
    value: d.value,
    attainment: d.attainment,
    allocationPercent: d.allocationPercent,
    creditCents: capped[i],
    excluded: results.excluded?.[d.term.id] ?? [],
  }));

  const byMonth = new Map(history.map((statement) => [statement.month, statement]));
  const metIn = (month: string, termId: string): boolean => {
    const statementLines = month === results.month ? lines : byMonth.get(month)?.lines;
    return statementLines?.find((line) => line.termId === termId)?.attainment === 'met';
  };
  const earnedBack: EarnBackLine[] = [];
  for (const earlier of [...history].sort((a, b) => a.month.localeCompare(b.month))) {
    if (earlier.month >= results.month) continue;
    const n = contractVersionFor(contract, earlier.month)?.earnBackPeriods ?? 0;
    if (n === 0 || addMonths(earlier.month, n) !== results.month) continue;
    for (const line of earlier.lines) {
      if (line.creditCents <= 0) continue;
      const streak = Array.from({ length: n }, (_, k) => addMonths(earlier.month, k + 1));
      if (streak.every((month) => metIn(month, line.termId))) earnedBack.push({ termId: line.termId, creditMonth: earlier.month, creditCents: line.creditCents });
    }
  }

  const creditsOwedCents = lines.reduce((sum, line) => sum + line.creditCents, 0);
  const earnedBackCents = earnedBack.reduce((sum, line) => sum + line.creditCents, 0);
  return {
    clientId: contract.clientId,
    month: results.month,
    contractVersion: version.version,
    billingUnit: version.billing.unit,
    billableQuantity: quantity,
    unitPriceCents: version.billing.unitPriceCents,
    invoiceCents,
    atRiskCents,
    lines,
    creditsOwedCents,
    earnedBack,
    earnedBackCents,
    netCreditCents: creditsOwedCents - earnedBackCents,
    outages: results.outages ?? [],
  };
}

// ─── From ticket facts to a term's value ───────────────────────────────────────────────────────────

/**
 * A term's measured value from ticket facts over a window (its channel / queue only; its service-level
 * rule; the version's percentile method and FCR window). Undefined for KPIs that do not come from tickets
 * (occupancy, schedule adherence; QA score and coverage, which come from QA reviews: `contractKpiValue`).
 * With `businessHoursOnly` on the version and the client's calendar given, queue KPIs count contacts
 * offered in open hours and durations run on business time.
 */
export function measureTerm(...args: Parameters<typeof termMeasurement>): number | null | undefined {
  return termMeasurement(...args).value;
}

/** `measureTerm` with what the term's exclusions left out (`applyExclusions`), for the statement. */
export function termMeasurement(
  term: ServiceLevelTerm,
  version: SlaContractVersion,
  facts: readonly TicketFact[],
  scope: KpiScope,
  client?: { calendar: BusinessCalendar; timeZone: string },
  asOf?: string,
  evidence: ExclusionEvidence = NO_EXCLUSION_EVIDENCE,
): { value: number | null | undefined; excluded: ExcludedContacts[] } {
  const business = version.businessHoursOnly && client ? client : null;
  const population = applyExclusions(
    term,
    facts.filter((fact) => (!term.channel || fact.channel === term.channel) && (!term.queueId || fact.queueId === term.queueId)),
    evidence,
  );
  return { value: termValue(term, version, population.kept, facts, scope, business, asOf), excluded: population.excluded };
}

function termValue(
  term: ServiceLevelTerm,
  version: SlaContractVersion,
  mine: readonly TicketFact[],
  facts: readonly TicketFact[],
  scope: KpiScope,
  business: { calendar: BusinessCalendar; timeZone: string } | null,
  asOf: string | undefined,
): number | null | undefined {
  const report = kpiReport(
    mine,
    {
      serviceLevel: term.serviceLevel ?? DEFAULT_SERVICE_LEVEL_RULE,
      percentileMethod: version.percentileMethod,
      fcrWindowDays: version.fcrWindowDays,
      asOf,
      elapsed: business ? businessSeconds(business.calendar, business.timeZone) : undefined,
    },
    business ? { ...scope, counts: openHoursOnly(business.calendar, business.timeZone) } : scope,
    facts,
  );
  return contractKpiValue(report, term.kpi);
}

/**
 * The value of a contract KPI in a KPI report: the reading the monthly statement (`measureTerm`) and the tiles make; undefined
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
