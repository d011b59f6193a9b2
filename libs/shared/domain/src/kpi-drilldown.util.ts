import { DEFAULT_SERVICE_LEVEL_RULE, type KpiDefinition, type KpiKey, type PercentileMethod, type PiiPolicy, type ServiceLevelRule, type SlaContract, type TicketFact } from '@switchboard/shared-contracts';
import { maskSensitiveData } from './card-masking.util';
import {
  backlogAt,
  finalResolution,
  firstContactResolution,
  firstResponseTimes,
  followUps,
  hasRepeatContact,
  isShortAbandon,
  offeredTickets,
  queueWaitSeconds,
  resolutionTimes,
  wallClockSeconds,
  type KpiOptions,
  type KpiScope,
} from './kpi.util';
import { displayEmail, displayPhone } from './pii-display.util';
import { contractVersionFor } from './sla-contract.util';

/**
 * The tickets behind a KPI tile or bucket, chosen by exactly the rules kpi.util counts with (same
 * population, same anchor, same scope), so the rows of a number add up to it:
 * offered → offered; handled / asa / aht → handled; service_level → every offered ticket with a wait
 * (answered + abandoned + short abandons); abandonment → its denominator (offered less short abandons);
 * first_response / resolution → the n of the distribution; next_response → one row per answered
 * follow-up; fcr → its denominator; csat → surveys sent; nps → responses; backlog → open at the end.
 */
export interface DrillDownRow {
  ticketId: string;
  /** The instant the KPI counts this row by (its sort key). */
  anchor: string;
  /** For next_response: which follow-up of the ticket (0-based); 0 otherwise. */
  index: number;
  outcome: string;
  waitSeconds: number | null;
  firstResponseSeconds: number | null;
  resolvedAt: string | null;
}

const DAY_MS = 86_400_000;

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function inWindow(scope: KpiScope, at: string | number | null | undefined): boolean {
  if (at === null || at === undefined) return false;
  const ms = typeof at === 'number' ? at : Date.parse(at);
  return !(scope.from !== undefined && ms < Date.parse(scope.from)) && !(scope.to !== undefined && ms >= Date.parse(scope.to));
}

/** How a queued ticket fared against the service-level rule: within, outside, abandoned_within, abandoned, short_abandon, or waiting. */
export function queueOutcome(fact: TicketFact, rule: ServiceLevelRule): string {
  const wait = queueWaitSeconds(fact);
  if (fact.answeredAt !== null) return wait !== null && wait <= rule.thresholdSeconds ? 'within' : 'outside';
  if (fact.abandonedAt !== null) {
    if (isShortAbandon(fact, rule.shortAbandonSeconds)) return 'short_abandon';
    return wait !== null && wait <= rule.thresholdSeconds ? 'abandoned_within' : 'abandoned';
  }
  return 'waiting';
}

/** Every row behind `kpi` in `scope`, in anchor order; `pool` is where repeat contacts are looked for (FCR). */
export function drillDownRows(kpi: KpiKey, facts: readonly TicketFact[], options: KpiOptions, scope: KpiScope, pool: readonly TicketFact[] = facts): DrillDownRow[] {
  const elapsed = options.elapsed ?? wallClockSeconds;
  const rule = options.serviceLevel;
  const base = (fact: TicketFact, anchor: string, outcome: string, index = 0): DrillDownRow => {
    const frt = firstResponseTimes([fact], undefined, elapsed);
    return { ticketId: fact.ticketId, anchor, index, outcome, waitSeconds: queueWaitSeconds(fact), firstResponseSeconds: frt[0] ?? null, resolvedAt: finalResolution(fact) };
  };
  const population = facts.filter((f) => !f.excluded && f.queuedAt !== null);
  let rows: DrillDownRow[] = [];
  switch (kpi) {
    case 'offered':
      rows = offeredTickets(facts, scope).map((f) => base(f, f.queuedAt as string, queueOutcome(f, rule)));
      break;
    case 'handled':
    case 'asa':
    case 'aht':
      rows = offeredTickets(facts, scope)
        .filter((f) => f.answeredAt !== null)
        .map((f) => base(f, f.queuedAt as string, queueOutcome(f, rule)));
      break;
    case 'service_level':
      rows = offeredTickets(facts, scope)
        .filter((f) => queueWaitSeconds(f) !== null)
        .map((f) => base(f, f.queuedAt as string, queueOutcome(f, rule)));
      break;
    case 'abandonment':
      rows = offeredTickets(facts, scope)
        .filter((f) => !isShortAbandon(f, rule.shortAbandonSeconds))
        .map((f) => base(f, f.queuedAt as string, f.answeredAt === null && f.abandonedAt !== null ? 'abandoned' : f.answeredAt !== null ? 'answered' : 'waiting'));
      break;
    case 'first_response':
      for (const f of population) {
        const start = f.firstInboundAt ?? f.createdAt;
        if (inWindow(scope, start) && firstResponseTimes([f], undefined, elapsed).length) rows.push(base(f, start, 'responded'));
      }
      break;
    case 'next_response':
      for (const f of population) {
        followUps(f).forEach((followUp, index) => {
          if (followUp.repliedAt !== null && inWindow(scope, followUp.at)) rows.push(base(f, iso(followUp.at), 'responded', index));
        });
      }
      break;
    case 'resolution':
      for (const f of population) {
        if (f.resolvedAt[0] !== undefined && resolutionTimes([f], 'first', scope, elapsed).length) rows.push(base(f, f.resolvedAt[0], 'resolved'));
      }
      break;
    case 'fcr': {
      const asOf = options.asOf === undefined ? Infinity : Date.parse(options.asOf);
      for (const f of population) {
        const first = f.resolvedAt[0];
        if (first === undefined || !inWindow(scope, first)) continue;
        const repeat = hasRepeatContact(f, pool, options.fcrWindowDays);
        if (!repeat && Date.parse(first) + options.fcrWindowDays * DAY_MS > asOf) continue;
        rows.push(base(f, first, repeat ? 'repeat' : 'first_contact'));
      }
      break;
    }
    case 'csat':
      for (const f of population) {
        if (f.csat && inWindow(scope, f.csat.surveyedAt)) rows.push(base(f, f.csat.surveyedAt, f.csat.score === null ? 'no_response' : f.csat.score >= 4 ? 'satisfied' : 'not_satisfied'));
      }
      break;
    case 'nps':
      for (const f of population) {
        const score = f.nps?.score;
        if (f.nps && score !== null && score !== undefined && inWindow(scope, f.nps.surveyedAt)) rows.push(base(f, f.nps.surveyedAt, score >= 9 ? 'promoter' : score <= 6 ? 'detractor' : 'passive'));
      }
      break;
    case 'backlog':
      if (scope.to !== undefined) {
        const end = scope.to;
        rows = population.filter((f) => backlogAt([f], end) === 1).map((f) => base(f, f.createdAt, 'open'));
      }
      break;
    case 'qa_score':
      // Its rows are evaluated tickets, not facts: kpi-qa.util qaDrillDownRows.
      rows = [];
      break;
  }
  return rows.sort((a, b) => Date.parse(a.anchor) - Date.parse(b.anchor) || (a.ticketId < b.ticketId ? -1 : a.ticketId > b.ticketId ? 1 : 0) || a.index - b.index);
}

/** FCR's pending rule, exposed so callers can say how many resolved tickets still wait for their window. */
export const fcrPending = (facts: readonly TicketFact[], options: KpiOptions, scope: KpiScope, pool: readonly TicketFact[]) =>
  firstContactResolution(facts, options.fcrWindowDays, scope, options.asOf, pool).pending;

// ─── Definitions ───────────────────────────────────────────────────────────────────────────────────

const VARIANT_TEXT: Record<ServiceLevelRule['variant'], string> = {
  answered_abandoned_within: '(answered within T + abandoned within T) / (answered + abandoned)',
  answered_within_of_answered: 'answered within T / answered',
  answered_within_of_all: 'answered within T / (answered + abandoned)',
  answered_within_of_all_less_abandoned_within: 'answered within T / (answered + abandoned − abandoned within T)',
};

/** What every tile means (KPIS.md), with the service-level variant, threshold and short-abandon rule in force filled in. */
export function kpiDefinitions(rule: ServiceLevelRule, options: Pick<KpiOptions, 'percentileMethod' | 'fcrWindowDays'> & { businessHoursOnly?: boolean }): Record<KpiKey, KpiDefinition> {
  const shortAbandon = rule.shortAbandonSeconds === null ? 'no short-abandon rule' : `abandons within ${rule.shortAbandonSeconds} s removed from numerator and denominator`;
  const percentile = options.percentileMethod === 'nearest_rank' ? 'nearest-rank percentiles' : 'linearly interpolated percentiles';
  const hours = options.businessHoursOnly ? 'Measured in the client’s business hours (open hours, holidays excluded); durations in business time.' : undefined;
  const d = (key: KpiKey, label: string, formula: string, unit: KpiDefinition['unit'], note?: string): KpiDefinition => ({ key, label, formula, unit, ...(note ?? hours ? { note: [note, hours].filter(Boolean).join(' ') } : {}) });
  return {
    offered: d('offered', 'Offered', 'tickets that reached a queue (bot-resolved or self-service contacts never count), by the time they were queued', 'count'),
    handled: d('handled', 'Handled', 'offered tickets an agent answered (call: agent connected; chat and other digital: agent accepted the offer)', 'count'),
    service_level: d('service_level', `Service level (${rule.thresholdSeconds} s)`, `${VARIANT_TEXT[rule.variant].replace(/T/g, `${rule.thresholdSeconds} s`)} × 100; ${shortAbandon}`, 'percent', `Variant ${rule.variant}, threshold T = ${rule.thresholdSeconds} s.`),
    asa: d('asa', 'Average speed of answer', 'Σ queue wait of answered contacts / answered (abandoned excluded)', 'seconds'),
    abandonment: d('abandonment', 'Abandonment rate', `abandoned in queue / offered × 100${rule.shortAbandonSeconds === null ? '' : ` (abandons within ${rule.shortAbandonSeconds} s excluded from both)`}`, 'percent'),
    first_response: d('first_response', 'First response time', `ticket created (or first inbound message) → first public agent reply; bots and notes excluded; median and p90 (${percentile})`, 'seconds'),
    next_response: d('next_response', 'Next response time', `each customer follow-up → the next public agent reply; median and p90 (${percentile})`, 'seconds'),
    resolution: d('resolution', 'Resolution time', 'created → resolved; first resolution and final resolution both kept', 'seconds'),
    aht: d('aht', 'Average handle time', '(talk + hold + after-contact work) / handled; agent-attributed handle time splits an agent’s time between the tickets open at once', 'seconds'),
    fcr: d('fcr', 'First contact resolution', `tickets resolved with no repeat contact from the same contact on the same topic within ${options.fcrWindowDays} days / resolved tickets × 100`, 'percent', 'Tickets whose window is still open are counted once it closes.'),
    csat: d('csat', 'CSAT', 'responses scoring 4–5 of 5 / responses × 100; response rate = responses / surveys sent', 'percent'),
    nps: d('nps', 'NPS', '% promoters (9–10) − % detractors (0–6)', 'points'),
    backlog: d('backlog', 'Backlog', 'tickets open at the end of the period (created before it ends, not resolved or abandoned by then)', 'count'),
    qa_score: d('qa_score', 'QA score', 'mean of evaluation scores of the random sample (targeted reviews reported apart), with a 95 % confidence interval (Student t); coverage = evaluated tickets / handled tickets', 'percent', 'Tickets resolved in the period; submitted evaluations only.'),
  };
}

// ─── Transcript masking ────────────────────────────────────────────────────────────────────────────

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const PHONE = /(?<![\w•])\+?\d[\d ().-]{5,}\d(?![\w])/g;

/** A transcript line as a client user may read it: card numbers always masked, emails and phone numbers per the client's PII policy. */
export function maskTranscriptText(text: string, policy: PiiPolicy): string {
  const cards = maskSensitiveData(text).text;
  return cards.replace(EMAIL, (email) => displayEmail(email, policy.email)).replace(PHONE, (phone) => (phone.replace(/\D/g, '').length >= 7 ? displayPhone(phone, policy.phone) : phone));
}

// ─── Report settings ───────────────────────────────────────────────────────────────────────────────

export interface ReportSettings {
  /** The contract version whose choices apply; null = the defaults of KPIS.md. */
  contractVersion: number | null;
  serviceLevel: ServiceLevelRule;
  percentileMethod: PercentileMethod;
  fcrWindowDays: number;
  businessHoursOnly: boolean;
}

/**
 * The choices a report of `month` is computed with: those of the contract version in force that month
 * (its service-level term's rule — the one for all channels and queues when there are several), else
 * the defaults (default variant, 20 s, no short-abandon rule, nearest rank, 7-day FCR window).
 */
export function reportSettingsFor(contract: SlaContract | null, month: string): ReportSettings {
  const version = contract ? contractVersionFor(contract, month) : null;
  if (!version) return { contractVersion: null, serviceLevel: DEFAULT_SERVICE_LEVEL_RULE, percentileMethod: 'nearest_rank', fcrWindowDays: 7, businessHoursOnly: false };
  const terms = [...version.criticalServiceLevels, ...version.keyMeasurements].filter((t) => t.kpi === 'service_level' && t.serviceLevel);
  const term = terms.find((t) => !t.channel && !t.queueId) ?? terms[0];
  return {
    contractVersion: version.version,
    serviceLevel: term?.serviceLevel ?? DEFAULT_SERVICE_LEVEL_RULE,
    percentileMethod: version.percentileMethod,
    fcrWindowDays: version.fcrWindowDays,
    businessHoursOnly: version.businessHoursOnly,
  };
}
