import type { QaReport } from './qa.contract';
import type { ExcludedContacts, OutageView } from './sla-evidence.contract';
import type { Channel } from './tenancy.contract';

/**
 * Reporting: the ticket facts the KPI engine reads, the KPIs of KPIS.md, SLA contracts (versioned)
 * and the monthly statement a client is billed on. Instants are ISO-8601 strings (UTC), durations are
 * seconds, rates are percentages (0–100), money is in minor units (cents).
 */

// ─── Ticket facts ───────────────────────────────────────────────────────────────────────────────────

/** A stretch of an agent's work on one ticket. Chats of one agent may overlap (concurrent work). */
export interface HandleSegment {
  agentId: string;
  /** talk = connected / conversing, hold, acw = after-contact work (wrap-up). */
  kind: 'talk' | 'hold' | 'acw';
  start: string;
  end: string;
}

/** One ticket as reporting sees it, derived from the append-only ticket event log. */
export interface TicketFact {
  ticketId: string;
  /** The customer (contact) the ticket belongs to: FCR looks for repeats by the same contact. */
  contactId: string;
  /** The topic (disposition / category) FCR compares; null when none was set (null matches null). */
  topic: string | null;
  channel: Channel;
  queueId: string | null;
  language: string | null;
  createdAt: string;
  /** The first inbound customer message; null for a ticket the customer never wrote on. */
  firstInboundAt: string | null;
  /** Reached a queue (offered). Null for bot-resolved or self-service contacts: never offered. */
  queuedAt: string | null;
  /** Answered: a call's agent connected, a chat's (or any digital ticket's) agent accepted the offer. */
  answeredAt: string | null;
  /** Left the queue before being answered (customer hung up / closed the chat). */
  abandonedAt: string | null;
  /** Public agent replies, in order (bot messages and internal notes are not in this list). */
  agentReplies: string[];
  /** Inbound customer messages, in order (the first one included). */
  customerMessages: string[];
  /** Every time the ticket was resolved, in order; the first is the first resolution. */
  resolvedAt: string[];
  /** Every time the ticket was reopened, in order. */
  reopenedAt: string[];
  handleSegments: HandleSegment[];
  /** CSAT: the survey was sent at `surveyedAt`; `score` 1–5 when the customer answered. */
  csat: { surveyedAt: string; score: number | null } | null;
  /** NPS: the survey was sent at `surveyedAt`; `score` 0–10 when answered. */
  nps?: { surveyedAt: string; score: number | null } | null;
  /** SLA targets stamped on the ticket (from its queue / priority) for SLA attainment. */
  firstResponseDueAt?: string | null;
  resolutionDueAt?: string | null;
  /** The next-response target in seconds, applied to every customer follow-up. */
  nextResponseTargetSeconds?: number | null;
  /** Removed from every KPI (a contract exclusion such as a client-caused outage), with the reason. */
  excluded?: string | null;
}

// ─── KPI settings and results ──────────────────────────────────────────────────────────────────────

/**
 * The service-level variants KPIS.md accepts. With A = answered, B = abandoned, Aₜ / Bₜ = within T:
 * - `answered_abandoned_within` (default): (Aₜ + Bₜ) / (A + B)
 * - `answered_within_of_answered`: Aₜ / A
 * - `answered_within_of_all`: Aₜ / (A + B)
 * - `answered_within_of_all_less_abandoned_within`: Aₜ / (A + B − Bₜ)
 */
export const SERVICE_LEVEL_VARIANTS = [
  'answered_abandoned_within',
  'answered_within_of_answered',
  'answered_within_of_all',
  'answered_within_of_all_less_abandoned_within',
] as const;
export type ServiceLevelVariant = (typeof SERVICE_LEVEL_VARIANTS)[number];

export interface ServiceLevelRule {
  variant: ServiceLevelVariant;
  /** T: answered (or abandoned) with a queue wait ≤ T seconds counts as within. */
  thresholdSeconds: number;
  /** Abandons with a queue wait ≤ this many seconds are removed from numerator and denominator; null = off. */
  shortAbandonSeconds: number | null;
}

export const DEFAULT_SERVICE_LEVEL_RULE: ServiceLevelRule = { variant: 'answered_abandoned_within', thresholdSeconds: 20, shortAbandonSeconds: null };

/**
 * nearest_rank: the ⌈p·n⌉-th smallest value (always a value that occurred).
 * linear: interpolated between the two closest ranks, (n − 1)·p (Excel PERCENTILE.INC, R type 7).
 */
export type PercentileMethod = 'nearest_rank' | 'linear';

export interface ServiceLevelResult {
  /** Percentage; null when the denominator is 0. */
  value: number | null;
  numerator: number;
  denominator: number;
  answered: number;
  answeredWithin: number;
  abandoned: number;
  abandonedWithin: number;
  /** Abandons removed by the short-abandon rule. */
  shortAbandons: number;
  rule: ServiceLevelRule;
}

export interface RatioResult {
  /** Percentage (or seconds for averages); null when the denominator is 0. */
  value: number | null;
  numerator: number;
  denominator: number;
}

export interface DistributionResult {
  n: number;
  /** Seconds; null when n = 0. */
  mean: number | null;
  median: number | null;
  p90: number | null;
  method: PercentileMethod;
}

export interface CsatResult {
  /** Responses scoring 4–5 / responses × 100. */
  value: number | null;
  satisfied: number;
  responses: number;
  surveysSent: number;
  /** Responses / surveys sent × 100. */
  responseRate: number | null;
}

export interface NpsResult {
  value: number | null;
  promoters: number;
  passives: number;
  detractors: number;
  responses: number;
}

export interface AhtResult {
  handled: number;
  /** Σ (talk + hold + acw) seconds of handled tickets. */
  handleSeconds: number;
  talkSeconds: number;
  holdSeconds: number;
  acwSeconds: number;
  /** handleSeconds / handled; null when nothing was handled. */
  aht: number | null;
  /** Agent-attributed handle time: concurrent work split between the tickets open at once. */
  attributedSeconds: number;
  attributedAht: number | null;
}

export type SlaAttainmentMetric = 'first_response' | 'next_response' | 'resolution';

export interface KpiReport {
  offered: number;
  handled: number;
  serviceLevel: ServiceLevelResult;
  asa: RatioResult;
  abandonment: RatioResult;
  firstResponse: DistributionResult;
  nextResponse: DistributionResult;
  firstResolution: DistributionResult;
  finalResolution: DistributionResult;
  aht: AhtResult;
  fcr: RatioResult;
  csat: CsatResult;
  nps: NpsResult;
  slaAttainment: Record<SlaAttainmentMetric, RatioResult>;
  /** Open tickets at the end of the window (created before it ends, not resolved by then); null without an end. */
  backlog: number | null;
  /**
   * QA of the tickets resolved in the window (KPIS.md, the QA report's rules): the headline QA score is
   * the random sample's mean with its 95 % interval, the targeted stream apart; coverage = evaluated /
   * handled tickets. Submitted evaluations only (never drafts). Null where a report carries no QA (the
   * KPI maths of facts alone, the overview of every client).
   */
  qa: QaReport | null;
}

// ─── Buckets ───────────────────────────────────────────────────────────────────────────────────────

/** One 30-minute reporting interval of a local day; DST days have 46 or 50 of them. */
export interface ReportingInterval {
  /** Local date, `YYYY-MM-DD`. */
  date: string;
  /** 0-based position in the local day (elapsed time since the day's first instant / 30 min). */
  index: number;
  /** Local wall-clock start with its UTC offset, e.g. `01:00+01:00` then `01:00+00:00` on a fall-back day. */
  label: string;
  /** UTC start and end (end exclusive), ISO. */
  start: string;
  end: string;
}

export type ReportingDimension = 'channel' | 'queue' | 'language';

// ─── SLA contracts ─────────────────────────────────────────────────────────────────────────────────

/** KPIs a contract may name, with the direction that is better and the unit. */
export const CONTRACT_KPIS = {
  service_level: { better: 'higher', unit: 'percent' },
  asa: { better: 'lower', unit: 'seconds' },
  abandonment_rate: { better: 'lower', unit: 'percent' },
  frt_median: { better: 'lower', unit: 'seconds' },
  frt_p90: { better: 'lower', unit: 'seconds' },
  nrt_median: { better: 'lower', unit: 'seconds' },
  nrt_p90: { better: 'lower', unit: 'seconds' },
  resolution_median: { better: 'lower', unit: 'seconds' },
  resolution_p90: { better: 'lower', unit: 'seconds' },
  aht: { better: 'lower', unit: 'seconds' },
  fcr: { better: 'higher', unit: 'percent' },
  csat: { better: 'higher', unit: 'percent' },
  csat_response_rate: { better: 'higher', unit: 'percent' },
  nps: { better: 'higher', unit: 'points' },
  occupancy: { better: 'higher', unit: 'percent' },
  schedule_adherence: { better: 'higher', unit: 'percent' },
  qa_score: { better: 'higher', unit: 'percent' },
  qa_coverage: { better: 'higher', unit: 'percent' },
  frt_attainment: { better: 'higher', unit: 'percent' },
  nrt_attainment: { better: 'higher', unit: 'percent' },
  resolution_attainment: { better: 'higher', unit: 'percent' },
} as const satisfies Record<string, { better: 'higher' | 'lower'; unit: 'percent' | 'seconds' | 'points' }>;
export type ContractKpi = keyof typeof CONTRACT_KPIS;

export type BillingUnit = 'handled_ticket' | 'handled_minute' | 'agent_hour';

export type SlaExclusion =
  /** Intervals whose offered volume is above forecast × (1 + bandPercent / 100) are left out. */
  | { kind: 'volume_above_forecast'; bandPercent: number }
  /** Contacts during a client-caused outage are left out. */
  | { kind: 'client_caused_outage' };

export interface ServiceLevelTerm {
  /** Stable across versions: earn-back follows the same id from month to month. */
  id: string;
  name: string;
  kpi: ContractKpi;
  /** Expected level. */
  target: number;
  /** Minimum level; at or worse than target. */
  minimum: number;
  /** Critical service levels only: share of the at-risk pool a miss costs, percent. */
  allocationPercent?: number;
  /** Only for `service_level`: variant, threshold and short-abandon rule. */
  serviceLevel?: ServiceLevelRule;
  /** Restrict the measurement to a channel / queue; absent = all. */
  channel?: Channel;
  queueId?: string;
  exclusions: SlaExclusion[];
}

export interface SlaContractVersion {
  version: number;
  /** First month it applies to, `YYYY-MM`. */
  effectiveFrom: string;
  /** Last month it applies to (inclusive), `YYYY-MM`; null = open-ended. */
  effectiveTo: string | null;
  /** Percent of the month's invoice at risk (typically 10–12). */
  atRiskPercent: number;
  /** A credit is earned back when the same service level meets its target for the next N months; 0 = never. */
  earnBackPeriods: number;
  /**
   * What costs a credit: `below_target` (KPIS.md: "a miss") or `below_minimum` (the ITO model where the
   * minimum is the failure line). Default below_target.
   */
  creditTrigger?: 'below_target' | 'below_minimum';
  /** Measure in the client's business hours only (open hours and holidays of its calendar). */
  businessHoursOnly: boolean;
  /** FCR repeat-contact window in days (KPIS.md default 7). */
  fcrWindowDays: number;
  percentileMethod: PercentileMethod;
  billing: { unit: BillingUnit; unitPriceCents: number; currency: string };
  criticalServiceLevels: ServiceLevelTerm[];
  keyMeasurements: ServiceLevelTerm[];
}

export interface SlaContract {
  clientId: string;
  versions: SlaContractVersion[];
}

// ─── Monthly statement ─────────────────────────────────────────────────────────────────────────────

export interface MonthlyResults {
  /** `YYYY-MM`. */
  month: string;
  /** Measured value per service-level term id; null = nothing to measure (no volume). */
  values: Record<string, number | null>;
  /** System data for the billable quantity. */
  handledTickets: number;
  handledSeconds: number;
  agentSeconds: number;
  /** What each term's exclusions left out, by term id (absent: nothing to leave out). */
  excluded?: Record<string, ExcludedContacts[]>;
  /** The client-caused outages declared in the month, for the statement. */
  outages?: OutageView[];
}

/** met: at or better than target; missed: worse than target, not worse than minimum; below_minimum: worse than minimum; no_data: nothing measured. */
export type Attainment = 'met' | 'missed' | 'below_minimum' | 'no_data';

export interface ServiceLevelLine {
  termId: string;
  name: string;
  kpi: ContractKpi;
  critical: boolean;
  target: number;
  minimum: number;
  value: number | null;
  attainment: Attainment;
  allocationPercent: number;
  /** Credit this month, cents (after the cap); 0 for key measurements. */
  creditCents: number;
  /** What the term's contract exclusions left out of its value. */
  excluded: ExcludedContacts[];
}

export interface EarnBackLine {
  termId: string;
  /** The month whose credit is earned back. */
  creditMonth: string;
  creditCents: number;
}

export interface MonthlyStatement {
  clientId: string;
  month: string;
  contractVersion: number;
  billingUnit: BillingUnit;
  /** Handled tickets, handled minutes or agent hours. */
  billableQuantity: number;
  unitPriceCents: number;
  invoiceCents: number;
  atRiskCents: number;
  lines: ServiceLevelLine[];
  /** Σ credits this month (capped at the at-risk amount). */
  creditsOwedCents: number;
  /** Earlier credits waived this month. */
  earnedBack: EarnBackLine[];
  earnedBackCents: number;
  /** creditsOwed − earnedBack (negative: money back to the provider). */
  netCreditCents: number;
  /** Client-caused outages declared in the month (whether or not a term excludes them). */
  outages: OutageView[];
}

// ─── Reporting HTTP API (/api/reports/…) ───────────────────────────────────────────────────────────
// Dates `from` / `to` are local dates `YYYY-MM-DD` (inclusive) in the client's time zone. A client user
// (client_viewer / client_admin) reads only their own client (another clientId → 404); provider admins
// and team leads the clients they cover; agents no reports (403).

/** The tiles a report shows; `GET …/kpis/:kpi/tickets` takes one of them. */
export const KPI_KEYS = [
  'offered',
  'handled',
  'service_level',
  'asa',
  'abandonment',
  'first_response',
  'next_response',
  'resolution',
  'aht',
  'fcr',
  'csat',
  'nps',
  'backlog',
  'qa_score',
] as const;
export type KpiKey = (typeof KPI_KEYS)[number];

export const REPORT_GROUP_BY = ['total', 'day', 'interval', 'channel', 'queue', 'language'] as const;
export type ReportGroupBy = (typeof REPORT_GROUP_BY)[number];

/** What a tile means: the formula of KPIS.md (service level with the variant and threshold in force filled in). */
export interface KpiDefinition {
  key: KpiKey;
  label: string;
  formula: string;
  unit: 'percent' | 'seconds' | 'count' | 'points';
  note?: string;
}

/** `GET /api/reports/clients/:clientId/kpis?from&to&groupBy[&channel][&queueId][&language]`. */
export interface KpiReportQuery {
  from: string;
  to: string;
  /** Default `total` (then `groups` is empty). */
  groupBy?: ReportGroupBy;
  channel?: Channel;
  queueId?: string;
  language?: string;
  /**
   * `exact` (from every ticket fact), `rollup` (from the 30-minute / day rollups: fast at any volume;
   * percentiles within one bucket, see KpiReportResponse.source), `auto` (default: rollups above
   * 10,000 offered tickets when the contract's rule allows it).
   */
  source?: 'auto' | 'exact' | 'rollup';
}

/**
 * One bucket of a grouped report. Keys: day `YYYY-MM-DD`; interval `YYYY-MM-DD#index` (label from
 * ReportingInterval, e.g. `01:00+01:00`); channel the channel; queue the queue id (`none` for tickets
 * without a queue); language the language code (`none` when unknown).
 */
export interface KpiGroup {
  key: string;
  label: string;
  report: KpiReport;
}

export interface KpiReportResponse {
  clientId: string;
  clientName: string;
  timeZone: string;
  from: string;
  to: string;
  groupBy: ReportGroupBy;
  /** The contract version whose rules were used (the version in force in `from`'s month); null = defaults. */
  contractVersion: number | null;
  serviceLevelRule: ServiceLevelRule;
  definitions: Record<KpiKey, KpiDefinition>;
  total: KpiReport;
  groups: KpiGroup[];
  /**
   * Where the numbers come from. `rollup`: counts, rates and means are exact; FRT / NRT / resolution
   * percentiles are their bucket's upper bound (≤ 1 s above the exact value under 10 minutes, ≤ 10 s
   * under 1 h, ≤ 1 min under a day, ≤ 10 min beyond); agent-attributed handle time is null; backlog is
   * given for the total only (null in groups).
   */
  source: 'exact' | 'rollup';
}

/**
 * Per-ticket outcome in a drill-down, by KPI:
 * - offered / handled / asa / aht / abandonment / service_level: `within` | `outside` (answered within T
 *   or not), `abandoned`, `abandoned_within`, `short_abandon`, `waiting`;
 * - first_response / next_response / resolution: `responded` / `resolved` (with the duration), `pending`;
 * - fcr: `first_contact` | `repeat`; csat / nps: `satisfied` | `neutral` | `dissatisfied` | `no_response`,
 *   (nps: `promoter` | `passive` | `detractor` | `no_response`); backlog: `open`;
 * - SLA attainment outcomes where a contract term asks: `met` | `missed`.
 */
export type ReportTicketOutcome = string;

/** `GET /api/reports/clients/:clientId/kpis/:kpi/tickets?from&to[&groupBy&groupKey][&outcome][&channel][&queueId][&language][&cursor][&limit]`. */
export interface ReportTicketsQuery {
  from: string;
  to: string;
  /** A KpiGroup key of the same report (day, interval, channel, queue or language bucket). */
  groupKey?: string;
  /** What `groupKey` is a key of; needed for channel / queue / language keys (day and interval keys are recognised by their form). */
  groupBy?: ReportGroupBy;
  /** Keep only rows with this outcome. */
  outcome?: ReportTicketOutcome;
  channel?: Channel;
  queueId?: string;
  language?: string;
  cursor?: string;
  /** 1–100, default 50. */
  limit?: number;
}

/** A ticket behind a number; the rows of a tile (no outcome filter) are exactly the tickets it counts. */
export interface ReportTicketRow {
  ticketId: string;
  subject: string | null;
  channel: Channel;
  queueName: string | null;
  createdAt: string;
  /** Queue wait (queued → answered or abandoned). */
  waitSeconds: number | null;
  firstResponseSeconds: number | null;
  /** The ticket's final resolution (null while open / reopened). */
  resolvedAt: string | null;
  outcome: ReportTicketOutcome;
}

export interface ReportTranscriptMessage {
  at: string;
  author: 'customer' | 'agent' | 'bot';
  /** The agent's display name / the customer's masked name; null when unknown. */
  authorName: string | null;
  /** PII masked per the client's policy (cards always). */
  text: string;
}

/** `GET /api/reports/clients/:clientId/tickets/:ticketId/transcript`: internal notes are never included. */
export interface ReportTranscript {
  ticketId: string;
  channel: Channel;
  subject: string | null;
  createdAt: string;
  messages: ReportTranscriptMessage[];
}

/** `GET /api/reports/clients/:clientId/live`; also pushed as socket event `report.live` (portal room of the client), at most once a second. */
export interface LiveReport {
  clientId: string;
  at: string;
  /** Today (client's local day so far) by the contract's rule. */
  serviceLevelToday: ServiceLevelResult;
  waitingNow: number;
  longestWaitSeconds: number | null;
  agentsStaffed: number;
  agentsAvailable: number;
}

export const REPORT_LIVE_EVENT = 'report.live' as const;

/** `POST /api/reports/clients/:clientId/sla-contract/versions` (provider admin): the new version (its number is assigned). */
export type SlaContractVersionInput = Omit<SlaContractVersion, 'version'>;

/** `GET /api/reports/overview?from&to` (provider admins / leads): every client they cover, side by side. */
export interface ReportsOverviewClient {
  clientId: string;
  clientName: string;
  colour: string;
  timeZone: string;
  contractVersion: number | null;
  total: KpiReport;
}

export interface ReportsOverview {
  from: string;
  to: string;
  clients: ReportsOverviewClient[];
}

// ─── Scheduled reports (/api/reports/clients/:clientId/report-schedules) ────────────────────────────

export const REPORT_CADENCES = ['weekly', 'monthly'] as const;
export type ReportCadence = (typeof REPORT_CADENCES)[number];
/** The most recipients one schedule mails. */
export const REPORT_SCHEDULE_MAX_RECIPIENTS = 20;

/** `POST …/report-schedules`: client admins of that client and provider admins. */
export interface ReportScheduleInput {
  cadence: ReportCadence;
  recipients: string[];
}

/**
 * An email of the last complete week (Monday–Sunday) or month, in the client's time zone, with the KPI
 * summary PDF (and the monthly statement PDF when a contract applies) and the tickets and KPI CSVs.
 */
export interface ReportSchedule {
  id: string;
  clientId: string;
  cadence: ReportCadence;
  recipients: string[];
  /** When it is sent next (the local midnight after the period ends), ISO. */
  nextRunAt: string;
  /** The last period sent (`2026-11-23..2026-11-29`), null before the first. */
  lastPeriod: string | null;
  lastSentAt: string | null;
  createdAt: string;
}
