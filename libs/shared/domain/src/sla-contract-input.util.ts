import { CHANNELS, CONTRACT_KPIS, SERVICE_LEVEL_VARIANTS, type SlaContract, type SlaContractVersion, type SlaContractVersionInput } from '@switchboard/shared-contracts';
import { addMonths, checkContract } from './sla-contract.util';

/**
 * A new SLA contract version as an admin sends it: first its shape (every field present with the right
 * type, nothing unknown), then its sense with the domain's contract checks against the versions the
 * client already has. Versions are never edited: a new one starting after an open-ended latest version
 * closes that one the month before (what it said for its months stays as it was); a version may not
 * start before the current month (earlier statements must not change), except a client's first one.
 */

type Problems = { field: string; message: string }[];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const VERSION_KEYS = ['effectiveFrom', 'effectiveTo', 'atRiskPercent', 'earnBackPeriods', 'creditTrigger', 'businessHoursOnly', 'fcrWindowDays', 'percentileMethod', 'billing', 'criticalServiceLevels', 'keyMeasurements'];
const TERM_KEYS = ['id', 'name', 'kpi', 'target', 'minimum', 'allocationPercent', 'serviceLevel', 'channel', 'queueId', 'exclusions'];

function unknownKeys(value: Record<string, unknown>, known: string[], path: string, problems: Problems): void {
  for (const key of Object.keys(value)) if (!known.includes(key)) problems.push({ field: `${path}${key}`, message: 'is not a field of a contract version' });
}

function termShape(term: unknown, path: string, problems: Problems): void {
  if (!isObject(term)) return void problems.push({ field: path, message: 'must be an object' });
  unknownKeys(term, TERM_KEYS, `${path}.`, problems);
  if (typeof term['id'] !== 'string' || !/^[A-Za-z0-9_.-]{1,60}$/.test(term['id'])) problems.push({ field: `${path}.id`, message: 'must be an id of 1–60 letters, digits, _ . -' });
  if (typeof term['name'] !== 'string' || term['name'].trim().length === 0 || term['name'].length > 200) problems.push({ field: `${path}.name`, message: 'must be a name of 1–200 characters' });
  if (typeof term['kpi'] !== 'string' || !Object.prototype.hasOwnProperty.call(CONTRACT_KPIS, term['kpi'])) problems.push({ field: `${path}.kpi`, message: `must be one of ${Object.keys(CONTRACT_KPIS).join(', ')}` });
  for (const key of ['target', 'minimum']) if (typeof term[key] !== 'number' || !Number.isFinite(term[key])) problems.push({ field: `${path}.${key}`, message: 'must be a number' });
  if (term['allocationPercent'] !== undefined && (typeof term['allocationPercent'] !== 'number' || !Number.isFinite(term['allocationPercent']))) problems.push({ field: `${path}.allocationPercent`, message: 'must be a number' });
  if (term['channel'] !== undefined && !(CHANNELS as readonly unknown[]).includes(term['channel'])) problems.push({ field: `${path}.channel`, message: `must be one of ${CHANNELS.join(', ')}` });
  if (term['queueId'] !== undefined && (typeof term['queueId'] !== 'string' || !/^[0-9a-f-]{36}$/i.test(term['queueId']))) problems.push({ field: `${path}.queueId`, message: 'must be a queue id' });
  const rule = term['serviceLevel'];
  if (rule !== undefined) {
    if (!isObject(rule)) problems.push({ field: `${path}.serviceLevel`, message: 'must be an object' });
    else {
      if (!(SERVICE_LEVEL_VARIANTS as readonly unknown[]).includes(rule['variant'])) problems.push({ field: `${path}.serviceLevel.variant`, message: `must be one of ${SERVICE_LEVEL_VARIANTS.join(', ')}` });
      if (typeof rule['thresholdSeconds'] !== 'number' || !Number.isFinite(rule['thresholdSeconds'])) problems.push({ field: `${path}.serviceLevel.thresholdSeconds`, message: 'must be a number of seconds' });
      if (rule['shortAbandonSeconds'] !== null && (typeof rule['shortAbandonSeconds'] !== 'number' || !Number.isFinite(rule['shortAbandonSeconds']))) problems.push({ field: `${path}.serviceLevel.shortAbandonSeconds`, message: 'must be a number of seconds or null' });
    }
  }
  const exclusions = term['exclusions'];
  if (!Array.isArray(exclusions)) problems.push({ field: `${path}.exclusions`, message: 'must be a list (empty for none)' });
  else
    exclusions.forEach((e, i) => {
      if (!isObject(e) || !(e['kind'] === 'client_caused_outage' || (e['kind'] === 'volume_above_forecast' && typeof e['bandPercent'] === 'number'))) {
        problems.push({ field: `${path}.exclusions[${i}]`, message: 'must be { kind: client_caused_outage } or { kind: volume_above_forecast, bandPercent }' });
      }
    });
}

/** Shape problems of a posted version; empty when it has the shape of a SlaContractVersionInput. */
export function contractVersionInputProblems(input: unknown): Problems {
  const problems: Problems = [];
  if (!isObject(input)) return [{ field: '', message: 'the body must be a contract version object' }];
  unknownKeys(input, VERSION_KEYS, '', problems);
  const month = (v: unknown) => typeof v === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(v);
  if (!month(input['effectiveFrom'])) problems.push({ field: 'effectiveFrom', message: 'must be a month YYYY-MM' });
  if (input['effectiveTo'] !== null && !month(input['effectiveTo'])) problems.push({ field: 'effectiveTo', message: 'must be a month YYYY-MM or null (open-ended)' });
  for (const key of ['atRiskPercent', 'earnBackPeriods', 'fcrWindowDays']) if (typeof input[key] !== 'number' || !Number.isFinite(input[key])) problems.push({ field: key, message: 'must be a number' });
  if (typeof input['businessHoursOnly'] !== 'boolean') problems.push({ field: 'businessHoursOnly', message: 'must be true or false' });
  if (input['percentileMethod'] !== 'nearest_rank' && input['percentileMethod'] !== 'linear') problems.push({ field: 'percentileMethod', message: 'must be nearest_rank or linear' });
  if (input['creditTrigger'] !== undefined && input['creditTrigger'] !== 'below_target' && input['creditTrigger'] !== 'below_minimum') problems.push({ field: 'creditTrigger', message: 'must be below_target or below_minimum' });
  const billing = input['billing'];
  if (!isObject(billing) || !['handled_ticket', 'handled_minute', 'agent_hour'].includes(billing['unit'] as string) || typeof billing['unitPriceCents'] !== 'number' || typeof billing['currency'] !== 'string' || !/^[A-Z]{3}$/.test(billing['currency'])) {
    problems.push({ field: 'billing', message: 'must be { unit: handled_ticket | handled_minute | agent_hour, unitPriceCents: number, currency: ISO code like EUR }' });
  }
  for (const list of ['criticalServiceLevels', 'keyMeasurements']) {
    const terms = input[list];
    if (!Array.isArray(terms) || terms.length > 50) problems.push({ field: list, message: 'must be a list of at most 50 terms' });
    else terms.forEach((term, i) => termShape(term, `${list}[${i}]`, problems));
  }
  return problems;
}

/**
 * The contract after adding `input` as the next version (number = latest + 1; an open-ended latest
 * version is closed the month before the new one starts), or the reasons it is refused.
 */
export function withNewVersion(contract: SlaContract, input: SlaContractVersionInput, currentMonth: string): { contract: SlaContract; version: SlaContractVersion; closed: { version: number; effectiveTo: string } | null } | { problems: Problems } {
  const shape = contractVersionInputProblems(input);
  if (shape.length) return { problems: shape };
  const versions = [...contract.versions].sort((a, b) => a.version - b.version);
  const latest = versions[versions.length - 1];
  if (latest && input.effectiveFrom < currentMonth) return { problems: [{ field: 'effectiveFrom', message: `a new version cannot start before the current month ${currentMonth}: earlier statements stay as they were` }] };
  const version: SlaContractVersion = { ...input, version: (latest?.version ?? 0) + 1 };
  let closed: { version: number; effectiveTo: string } | null = null;
  const next = versions.map((v) => {
    if (v === latest && v.effectiveTo === null && input.effectiveFrom > v.effectiveFrom) {
      closed = { version: v.version, effectiveTo: addMonths(input.effectiveFrom, -1) };
      return { ...v, effectiveTo: closed.effectiveTo };
    }
    return v;
  });
  const candidate: SlaContract = { clientId: contract.clientId, versions: [...next, version] };
  const problems = checkContract(candidate);
  if (problems.length) return { problems: problems.map((p) => ({ field: p.split(':')[0].replace(/^versions\[\d+\]\.?/, '') || 'version', message: p })) };
  return { contract: candidate, version, closed };
}
