import { Injectable } from '@nestjs/common';
import { TenantDatabase } from '@switchboard/api-database';
import { NotFoundException, pageOf, pageRequestOf, systemScopeFor, ValidationException, type Principal } from '@switchboard/api-platform';
import { qaPeriodPopulation } from '@switchboard/api-qa';
import type {
  BusinessCalendar,
  KpiGroup,
  KpiKey,
  KpiReportResponse,
  Page,
  PiiPolicy,
  ReportGroupBy,
  ReportsOverview,
  ReportTicketRow,
  ReportTranscript,
  SlaContract,
  TicketFact,
} from '@switchboard/shared-contracts';
import {
  addDays,
  addMeasures,
  attainmentFromRollups,
  backlogAt,
  pendingSlaTargets,
  businessSeconds,
  emptyMeasures,
  reportFromRollups,
  reportingInterval,
  rollupSupports,
  type PendingSlaTarget,
  type RollupMeasures,
  dayIntervals,
  drillDownRows,
  groupByDimensions,
  indexFactWindows,
  kpiDefinitions,
  kpiQaReports,
  kpiReport,
  qaDrillDownRows,
  localDayWindow,
  maskTranscriptText,
  openHoursOnly,
  reportSettingsFor,
  type KpiOptions,
  type KpiScope,
  type ReportSettings,
} from '@switchboard/shared-domain';
import type { EntityManager } from 'typeorm';
import { DAY_KEY, filtersOf, groupByOf, INTERVAL_KEY, isUuid, kpiOf, MAX_INTERVAL_RANGE_DAYS, onlyKnown, rangeOf, type ParsedRange, type ReportFilters } from './report-query.util';
import { ReportingException } from './reporting.exception';
import { readRollups } from './kpi-rollup.queries';
import { readContract } from './sla-contract.queries';
import { TicketFactProjector } from './ticket-fact.projector';

export interface ClientRow {
  id: string;
  name: string;
  timeZone: string;
  calendar: BusinessCalendar;
  piiPolicy: PiiPolicy;
  colour: string;
}

/** A report's window, rules and the facts it reads. */
interface Loaded {
  client: ClientRow;
  settings: ReportSettings;
  options: KpiOptions;
  scope: KpiScope;
  facts: TicketFact[];
  pool: TicketFact[];
}

const KPI_PARAMS = ['from', 'to', 'groupBy', 'channel', 'queueId', 'language', 'source'];
const TICKETS_PARAMS = ['from', 'to', 'groupBy', 'channel', 'queueId', 'language', 'groupKey', 'outcome', 'cursor', 'limit'];
/** Above this many offered tickets in the range, `source=auto` reads the rollups. */
export const AUTO_ROLLUP_MIN_OFFERED = 10_000;
const OUTCOME = /^[a-z_]{1,40}$/;

/** Whether a client is one the caller may read reports of; "not yours" and "absent" are the same 404. */
export function assertReadable(principal: Principal, clientId: string): void {
  if (!isUuid(clientId) || !principal.clientIds.includes(clientId.toLowerCase())) throw new NotFoundException('Client');
}

export async function readClient(m: EntityManager, clientId: string): Promise<ClientRow> {
  const [row] = await m.query<ClientRow[]>(
    `SELECT id, name, time_zone AS "timeZone", business_calendar AS calendar, pii_policy AS "piiPolicy", brand_color AS colour FROM clients WHERE id = $1`,
    [clientId],
  );
  if (!row) throw new NotFoundException('Client');
  return row;
}

/**
 * KPI reports, drill-downs and transcripts of one client, from the ticket facts (projected from the
 * ticket event log; caught up before each read, so a report includes every event committed before it).
 * Each request runs in the caller's tenant scope: row-level security and the service both keep a
 * client user inside their client.
 */
@Injectable()
export class ReportService {
  constructor(
    private readonly tenants: TenantDatabase,
    private readonly projector: TicketFactProjector,
  ) {}

  async kpis(principal: Principal, clientId: string, query: Record<string, unknown>): Promise<KpiReportResponse> {
    onlyKnown(query, KPI_PARAMS);
    const groupBy = groupByOf(query);
    const range = rangeOf(query, groupBy === 'interval' ? MAX_INTERVAL_RANGE_DAYS : undefined);
    const filters = filtersOf(query);
    const source = query['source'] ?? 'auto';
    if (source !== 'auto' && source !== 'exact' && source !== 'rollup') throw ReportingException.filter('source', 'must be auto, exact or rollup');
    assertReadable(principal, clientId);
    await this.projector.catchUp(clientId);
    const report = await this.tenants.run(principal, async (m): Promise<KpiReportResponse> => {
      if (source !== 'exact') {
        const rolled = await rollupReport(m, clientId, range, filters, groupBy, source === 'rollup');
        if (rolled) return rolled;
      }
      const loaded = await load(m, clientId, range, filters);
      const total = kpiReport(loaded.facts, loaded.options, loaded.scope, loaded.pool);
      const groups = groupBy === 'total' ? [] : await buildGroups(m, loaded, range, groupBy);
      return {
        clientId: loaded.client.id,
        clientName: loaded.client.name,
        timeZone: loaded.client.timeZone,
        from: range.from,
        to: range.to,
        groupBy,
        contractVersion: loaded.settings.contractVersion,
        serviceLevelRule: loaded.settings.serviceLevel,
        definitions: kpiDefinitions(loaded.settings.serviceLevel, loaded.settings),
        total,
        groups,
        source: 'exact',
      };
    });
    return await this.withQa(report, filters);
  }

  /**
   * The report with its QA block (total and per group), from the QA population of its window. Read as
   * the system scoped to the one client (client users do not read the provider's staff records that
   * say who handled a ticket), after `assertReadable`; every query names the client.
   */
  private async withQa(report: KpiReportResponse, filters: ReportFilters): Promise<KpiReportResponse> {
    const window = windowOf(report, report.timeZone);
    const { handled, evaluations } = await this.tenants.run(systemScopeFor(report.clientId), (m) => qaPeriodPopulation(m, report.clientId, window, filters));
    const qa = kpiQaReports(handled, evaluations, report.groupBy, report.timeZone);
    return { ...report, total: { ...report.total, qa: qa.total }, groups: report.groups.map((g) => ({ ...g, report: { ...g.report, qa: qa.group(g.key) } })) };
  }

  /** The tickets behind a tile (or one of its buckets), a page at a time, in the order the KPI counts them. */
  async tickets(principal: Principal, clientId: string, kpiParam: string, query: Record<string, unknown>): Promise<Page<ReportTicketRow>> {
    onlyKnown(query, TICKETS_PARAMS);
    const kpi: KpiKey = kpiOf(kpiParam);
    const range = rangeOf(query);
    const filters = filtersOf(query);
    const outcome = query['outcome'];
    if (outcome !== undefined && (typeof outcome !== 'string' || !OUTCOME.test(outcome))) throw ReportingException.filter('outcome', 'must be an outcome such as within, outside, abandoned');
    let page: ReturnType<typeof pageRequestOf>;
    try {
      page = pageRequestOf(query['limit'], query['cursor'], ['string', 'string', 'number'], 50);
    } catch (error) {
      if (error instanceof ValidationException) throw ReportingException.filter(error.fields?.[0]?.field === 'after' ? 'cursor' : 'limit', error.fields?.[0]?.message ?? 'is not valid');
      throw error;
    }
    assertReadable(principal, clientId);
    await this.projector.catchUp(clientId);
    // The QA tile's rows are the evaluated tickets (read as for the report's QA block, see withQa).
    const qaEvaluations =
      kpi === 'qa_score'
        ? await this.tenants.run(systemScopeFor(clientId), async (m) => (await qaPeriodPopulation(m, clientId, windowOf(range, (await readClient(m, clientId)).timeZone), filters)).evaluations)
        : null;
    return await this.tenants.run(principal, async (m) => {
      const loaded = await load(m, clientId, range, filters);
      const bucket = bucketOf(loaded, range, query['groupBy'], query['groupKey']);
      let rows =
        kpi === 'qa_score'
          ? qaDrillDownRows(
              qaEvaluations ?? [],
              loaded.facts,
              bucket.group && { ...bucket.group, timeZone: loaded.client.timeZone },
            )
          : drillDownRows(kpi, bucket.facts, loaded.options, bucket.scope, loaded.pool);
      if (typeof outcome === 'string') rows = rows.filter((r) => r.outcome === outcome);
      if (page.after) {
        const [anchor, ticketId, index] = page.after as [string, string, number];
        const at = Date.parse(anchor);
        rows = rows.filter((r) => {
          const t = Date.parse(r.anchor);
          return t > at || (t === at && (r.ticketId > ticketId || (r.ticketId === ticketId && r.index > index)));
        });
      }
      const slice = rows.slice(0, page.limit + 1);
      const ids = [...new Set(slice.map((r) => r.ticketId))];
      const details = await m.query<{ id: string; subject: string | null; channel: ReportTicketRow['channel']; queue_name: string | null; created_at: Date }[]>(
        `SELECT t.id, t.subject, t.channel, q.name AS queue_name, t.created_at FROM tickets t LEFT JOIN queues q ON q.id = t.queue_id WHERE t.id = ANY ($1) AND t.client_id = $2`,
        [ids, clientId],
      );
      const byId = new Map(details.map((d) => [d.id, d]));
      return pageOf(
        slice,
        page.limit,
        (r) => [r.anchor, r.ticketId, r.index],
        (r): ReportTicketRow => {
          const d = byId.get(r.ticketId);
          return {
            ticketId: r.ticketId,
            // Masked as the transcript's subject is: a card number or address typed into a subject is not shown whole.
            subject: d?.subject == null ? null : maskTranscriptText(d.subject, loaded.client.piiPolicy),
            channel: d?.channel ?? 'chat',
            queueName: d?.queue_name ?? null,
            createdAt: (d?.created_at ?? new Date(r.anchor)).toISOString(),
            waitSeconds: r.waitSeconds,
            firstResponseSeconds: r.firstResponseSeconds,
            resolvedAt: r.resolvedAt,
            outcome: r.outcome,
          };
        },
      );
    });
  }

  /** The conversation as the client may read it: public messages only (never notes or system lines), masked by the client's PII policy. */
  async transcript(principal: Principal, clientId: string, ticketId: string): Promise<ReportTranscript> {
    assertReadable(principal, clientId);
    if (!isUuid(ticketId)) throw new NotFoundException('Ticket');
    return await this.tenants.run(principal, async (m) => {
      const client = await readClient(m, clientId);
      const [ticket] = await m.query<{ id: string; channel: ReportTranscript['channel']; subject: string | null; created_at: Date }[]>(
        'SELECT id, channel, subject, created_at FROM tickets WHERE id = $1 AND client_id = $2',
        [ticketId, clientId],
      );
      if (!ticket) throw new NotFoundException('Ticket');
      const messages = await m.query<{ direction: 'inbound' | 'outbound'; author_user_id: string | null; author_name: string | null; body: string; created_at: Date }[]>(
        `SELECT msg.direction, msg.author_user_id, u.display_name AS author_name, msg.body, msg.created_at
           FROM messages msg LEFT JOIN users u ON u.id = msg.author_user_id
          WHERE msg.ticket_id = $1 AND msg.client_id = $2 AND msg.direction IN ('inbound', 'outbound')
          ORDER BY msg.seq`,
        [ticketId, clientId],
      );
      return {
        ticketId: ticket.id,
        channel: ticket.channel,
        subject: ticket.subject === null ? null : maskTranscriptText(ticket.subject, client.piiPolicy),
        createdAt: ticket.created_at.toISOString(),
        messages: messages.map((msg) => ({
          at: msg.created_at.toISOString(),
          author: msg.direction === 'inbound' ? 'customer' : msg.author_user_id === null ? 'bot' : 'agent',
          // Client users never read the provider's staff records (RLS): an agent's name shows to staff only.
          authorName: msg.direction === 'inbound' ? null : msg.author_name,
          text: maskTranscriptText(msg.body, client.piiPolicy),
        })),
      };
    });
  }

  /** Every client the caller covers, side by side (provider admins and team leads). */
  async overview(principal: Principal, query: Record<string, unknown>): Promise<ReportsOverview> {
    onlyKnown(query, ['from', 'to']);
    const range = rangeOf(query);
    for (const id of principal.clientIds) await this.projector.catchUp(id);
    return await this.tenants.run(principal, async (m) => {
      const clients: ReportsOverview['clients'] = [];
      const ids = await m.query<{ id: string }[]>('SELECT id FROM clients WHERE id = ANY ($1) ORDER BY name', [[...principal.clientIds]]);
      for (const { id } of ids) {
        const rolled = await rollupReport(m, id, range, {}, 'total', false);
        if (rolled) {
          const [{ colour }] = await m.query<{ colour: string }[]>('SELECT brand_color AS colour FROM clients WHERE id = $1', [id]);
          clients.push({ clientId: id, clientName: rolled.clientName, colour, timeZone: rolled.timeZone, contractVersion: rolled.contractVersion, total: rolled.total });
          continue;
        }
        const loaded = await load(m, id, range, {});
        clients.push({
          clientId: id,
          clientName: loaded.client.name,
          colour: loaded.client.colour,
          timeZone: loaded.client.timeZone,
          contractVersion: loaded.settings.contractVersion,
          total: kpiReport(loaded.facts, loaded.options, loaded.scope, loaded.pool),
        });
      }
      return { from: range.from, to: range.to, clients };
    });
  }
}

/** The window in UTC of local dates from..to (inclusive) in the time zone. */
export function windowOf(range: ParsedRange, timeZone: string): { from: string; to: string } {
  return { from: localDayWindow(range.from, timeZone).from, to: localDayWindow(addDays(range.to, 1), timeZone).from };
}

function optionsOf(settings: ReportSettings, client: ClientRow): { options: KpiOptions; counts?: (ms: number) => boolean } {
  const options: KpiOptions = {
    serviceLevel: settings.serviceLevel,
    percentileMethod: settings.percentileMethod,
    fcrWindowDays: settings.fcrWindowDays,
    asOf: new Date().toISOString(),
    ...(settings.businessHoursOnly ? { elapsed: businessSeconds(client.calendar, client.timeZone) } : {}),
  };
  return { options, ...(settings.businessHoursOnly ? { counts: openHoursOnly(client.calendar, client.timeZone) } : {}) };
}

/**
 * Facts a window can touch: some KPI anchor inside it, or open at its end (backlog); and, for FCR,
 * the later tickets of the same contacts (repeat contacts, any channel) up to the window's end + FCR window.
 */
export async function loadFacts(m: EntityManager, clientId: string, window: { from: string; to: string }, filters: ReportFilters, fcrWindowDays: number): Promise<{ facts: TicketFact[]; pool: TicketFact[] }> {
  const conditions: string[] = [];
  const params: unknown[] = [clientId, window.from, window.to];
  if (filters.channel) conditions.push(`channel = $${params.push(filters.channel)}`);
  if (filters.queueId) conditions.push(`queue_id = $${params.push(filters.queueId)}`);
  if (filters.language) conditions.push(`language = $${params.push(filters.language)}`);
  const rows = await m.query<{ fact: TicketFact; contact_id: string; created_at: Date }[]>(
    `SELECT fact, contact_id, created_at FROM ticket_facts
      WHERE client_id = $1 AND ((first_anchor_at < $3 AND last_anchor_at >= $2) OR (created_at < $3 AND (settled_at IS NULL OR settled_at > $3)))
      ${conditions.map((c) => `AND ${c}`).join(' ')}`,
    params,
  );
  const facts = rows.map((r) => r.fact);
  if (facts.length === 0) return { facts, pool: facts };
  const earliest = new Date(Math.min(...rows.map((r) => r.created_at.getTime()))).toISOString();
  const poolEnd = new Date(Date.parse(window.to) + fcrWindowDays * 86_400_000).toISOString();
  const others = await m.query<{ fact: TicketFact }[]>(
    'SELECT fact FROM ticket_facts WHERE client_id = $1 AND contact_id = ANY ($2) AND created_at >= $3 AND created_at <= $4 AND NOT (ticket_id = ANY ($5))',
    [clientId, [...new Set(rows.map((r) => r.contact_id))], earliest, poolEnd, facts.map((f) => f.ticketId)],
  );
  return { facts, pool: [...facts, ...others.map((o) => o.fact)] };
}

async function load(m: EntityManager, clientId: string, range: ParsedRange, filters: ReportFilters): Promise<Loaded> {
  const client = await readClient(m, clientId);
  const contract: SlaContract | null = await readContract(m, clientId);
  const settings = reportSettingsFor(contract, range.from.slice(0, 7));
  const { options, counts } = optionsOf(settings, client);
  const window = windowOf(range, client.timeZone);
  const { facts, pool } = await loadFacts(m, clientId, window, filters, settings.fcrWindowDays);
  return { client, settings, options, scope: { ...window, ...(counts ? { counts } : {}) }, facts, pool };
}

function label(value: string | null, names: Map<string, string>): string {
  if (value === null) return 'None';
  return names.get(value) ?? value;
}

async function buildGroups(m: EntityManager, loaded: Loaded, range: ParsedRange, groupBy: Exclude<ReportGroupBy, 'total'>): Promise<KpiGroup[]> {
  const { facts, options, scope, pool, client } = loaded;
  const { counts } = scope;
  if (groupBy === 'day' || groupBy === 'interval') {
    const groups: KpiGroup[] = [];
    const { touching } = indexFactWindows(facts);
    for (let date = range.from; date <= range.to; date = addDays(date, 1)) {
      if (groupBy === 'day') {
        const window = localDayWindow(date, client.timeZone);
        groups.push({ key: date, label: date, report: kpiReport(touching(window), options, { ...window, counts }, pool) });
      } else {
        for (const interval of dayIntervals(date, client.timeZone)) {
          const window = { from: interval.start, to: interval.end };
          groups.push({ key: `${date}#${interval.index}`, label: interval.label, report: kpiReport(touching(window), options, { ...window, counts }, pool) });
        }
      }
    }
    return groups;
  }
  const dimension = groupBy === 'queue' ? 'queue' : groupBy;
  const names = new Map<string, string>();
  if (groupBy === 'queue') {
    for (const q of await m.query<{ id: string; name: string }[]>('SELECT id, name FROM queues WHERE client_id = $1', [client.id])) names.set(q.id, q.name);
  }
  return groupByDimensions(facts, [dimension])
    .map((group) => {
      const value = group.key[dimension] ?? null;
      return { key: value ?? 'none', label: label(value, names), report: kpiReport(group.facts, options, scope, pool) };
    })
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** The facts and window of a drill-down bucket: a day, an interval, or a channel / queue / language of the report. */
function bucketOf(loaded: Loaded, range: ParsedRange, groupByParam: unknown, groupKeyParam: unknown): { facts: TicketFact[]; scope: KpiScope; group: { groupBy: Exclude<ReportGroupBy, 'total'>; key: string } | null } {
  const { facts, scope, client } = loaded;
  if (groupKeyParam === undefined) {
    if (groupByParam !== undefined && groupByParam !== 'total') throw ReportingException.filter('groupKey', 'is needed with groupBy');
    return { facts, scope, group: null };
  }
  if (typeof groupKeyParam !== 'string' || groupKeyParam.length > 100) throw ReportingException.filter('groupKey', 'must be the key of a group of the report');
  const key = groupKeyParam;
  const groupBy = groupByParam === undefined ? (INTERVAL_KEY.test(key) ? 'interval' : DAY_KEY.test(key) ? 'day' : null) : groupByOf({ groupBy: groupByParam });
  if (groupBy === null || groupBy === 'total') throw ReportingException.filter('groupBy', 'say which grouping groupKey belongs to (channel, queue or language)');
  if (groupBy === 'day' || groupBy === 'interval') {
    const match = groupBy === 'day' ? DAY_KEY.exec(key) : INTERVAL_KEY.exec(key);
    const date = groupBy === 'day' ? key : (match?.[1] ?? '');
    if (!match || date < range.from || date > range.to) throw ReportingException.filter('groupKey', `must be a ${groupBy} of the report's range`);
    if (groupBy === 'day') return { facts, scope: { ...scope, ...localDayWindow(date, client.timeZone) }, group: { groupBy, key } };
    const interval = dayIntervals(date, client.timeZone)[Number(match[2])];
    if (!interval) throw ReportingException.filter('groupKey', 'that day has no such interval');
    return { facts, scope: { ...scope, from: interval.start, to: interval.end }, group: { groupBy, key } };
  }
  const value = key === 'none' ? null : key;
  const pick = (f: TicketFact) => (groupBy === 'channel' ? f.channel : groupBy === 'queue' ? f.queueId : f.language);
  return { facts: facts.filter((f) => pick(f) === value), scope, group: { groupBy, key } };
}

/**
 * The report from the rollups (day rows, or interval rows for groupBy=interval), or null when they
 * cannot answer it exactly enough (business-hours contracts, a rule with fractional or > 600 s
 * thresholds; and, unless `force`, small volumes, where the exact path is fast anyway).
 */
async function rollupReport(m: EntityManager, clientId: string, range: ParsedRange, filters: ReportFilters, groupBy: ReportGroupBy, force: boolean): Promise<KpiReportResponse | null> {
  const client = await readClient(m, clientId);
  const contract = await readContract(m, clientId);
  const settings = reportSettingsFor(contract, range.from.slice(0, 7));
  // The projector flags repeat contacts with the FCR window in force now; another window needs the exact path.
  const projectedWindow = reportSettingsFor(contract, new Date().toISOString().slice(0, 7)).fcrWindowDays;
  if (settings.businessHoursOnly || !rollupSupports(settings.serviceLevel) || settings.fcrWindowDays !== projectedWindow) {
    if (force) throw ReportingException.filter('source', 'the rollups cannot answer this contract’s rule (business hours, a threshold that is not a whole number of seconds up to 600, or another FCR window than the current one)');
    return null;
  }
  const rows = await readRollups(m, clientId, range.from, range.to, groupBy === 'interval' ? 'interval' : 'day', filters);
  const all = rows.reduce((acc, r) => addMeasures(acc, r.measures), emptyMeasures());
  if (!force && all.offered <= AUTO_ROLLUP_MIN_OFFERED) return null;
  const window = windowOf(range, client.timeZone);
  const asOf = new Date();
  // FCR: resolved tickets whose window is still open and that saw no repeat yet are not counted (as kpi.util).
  const conditions: string[] = [];
  const params: unknown[] = [clientId, window.from, window.to, new Date(asOf.getTime() - settings.fcrWindowDays * 86_400_000).toISOString()];
  if (filters.channel) conditions.push(`channel = $${params.push(filters.channel)}`);
  if (filters.queueId) conditions.push(`queue_id = $${params.push(filters.queueId)}`);
  if (filters.language) conditions.push(`language = $${params.push(filters.language)}`);
  const extra = conditions.map((c) => ` AND ${c}`).join('');
  const pending = await m.query<{ first_resolved_at: Date; channel: string; queue_id: string | null; language: string | null }[]>(
    `SELECT first_resolved_at, channel, queue_id, language FROM ticket_facts
      WHERE client_id = $1 AND first_resolved_at >= $2 AND first_resolved_at < $3 AND first_resolved_at > $4 AND NOT fcr_repeat${extra}`,
    params.slice(0, 4 + conditions.length),
  );
  const backlogFacts = (
    await m.query<{ fact: TicketFact }[]>(`SELECT fact FROM ticket_facts WHERE client_id = $1 AND created_at < $3 AND (settled_at IS NULL OR settled_at > $3) AND $2::timestamptz IS NOT NULL${extra.replace(/\$(\d+)/g, (_m, n) => `$${Number(n) - 1}`)}`, [
      clientId,
      window.from,
      window.to,
      ...params.slice(4),
    ])
  ).map((r) => r.fact);
  // SLA attainment: targets due in the window but neither done nor due yet are taken out (as kpi.util); only
  // a window reaching past now has any, among the facts with an anchor (a due time) after now.
  const targetsPending =
    Date.parse(window.to) <= asOf.getTime()
      ? []
      : pendingSlaTargets(
          (await m.query<{ fact: TicketFact }[]>(`SELECT fact FROM ticket_facts WHERE client_id = $1 AND last_anchor_at >= $2${extra.replace(/\$(\d+)/g, (_m, n) => `$${Number(n) - 2}`)}`, [clientId, asOf.toISOString(), ...params.slice(4)])).map((r) => r.fact),
          window,
          asOf.toISOString(),
        );
  const pendingOf = (pick: (p: (typeof pending)[number]) => boolean) => pending.filter(pick).length;
  const report = (measures: RollupMeasures, pendingCount: number, backlog: number | null, targets: readonly PendingSlaTarget[]) => {
    const base = reportFromRollups(measures, settings.serviceLevel, settings.percentileMethod);
    const denominator = measures.fcrResolved - pendingCount;
    const numerator = measures.fcrResolved - measures.fcrRepeat - pendingCount;
    return {
      ...base,
      fcr: { value: denominator === 0 ? null : (numerator * 100) / denominator, numerator, denominator },
      slaAttainment: attainmentFromRollups(measures, targets),
      backlog,
      qa: null,
    };
  };
  const groups: KpiGroup[] = [];
  const bucket = (key: string, label: string, pick: (r: (typeof rows)[number]) => boolean, pickPending: (p: { at: Date; channel: string; queue: string; language: string }) => boolean) =>
    groups.push({
      key,
      label,
      report: report(
        rows.filter(pick).reduce((acc, r) => addMeasures(acc, r.measures), emptyMeasures()),
        pendingOf((p) => pickPending({ at: p.first_resolved_at, channel: p.channel, queue: p.queue_id ?? '', language: p.language ?? '' })),
        null,
        targetsPending.filter((t) => pickPending({ at: new Date(t.due), channel: t.channel, queue: t.queue, language: t.language })),
      ),
    });
  const tz = client.timeZone;
  if (groupBy === 'day') {
    for (let date = range.from; date <= range.to; date = addDays(date, 1)) bucket(date, date, (r) => r.date === date, (p) => reportingInterval(p.at, tz).date === date);
  } else if (groupBy === 'interval') {
    for (let date = range.from; date <= range.to; date = addDays(date, 1)) {
      for (const interval of dayIntervals(date, tz)) {
        bucket(`${date}#${interval.index}`, interval.label, (r) => r.date === date && r.index === interval.index, (p) => {
          const at = reportingInterval(p.at, tz);
          return at.date === date && at.index === interval.index;
        });
      }
    }
  } else if (groupBy !== 'total') {
    const names = new Map<string, string>();
    if (groupBy === 'queue') for (const q of await m.query<{ id: string; name: string }[]>('SELECT id, name FROM queues WHERE client_id = $1', [clientId])) names.set(q.id, q.name);
    const valueOf = (r: { channel: string; queue: string; language: string }) => (groupBy === 'channel' ? r.channel : groupBy === 'queue' ? r.queue : r.language);
    for (const value of [...new Set(rows.map(valueOf))].sort((a, b) => ((a || 'none') < (b || 'none') ? -1 : 1))) {
      bucket(value || 'none', value ? (names.get(value) ?? value) : 'None', (r) => valueOf(r) === value, (p) => valueOf(p) === value);
    }
  }
  return {
    clientId,
    clientName: client.name,
    timeZone: tz,
    from: range.from,
    to: range.to,
    groupBy,
    contractVersion: settings.contractVersion,
    serviceLevelRule: settings.serviceLevel,
    definitions: kpiDefinitions(settings.serviceLevel, settings),
    total: report(all, pending.length, backlogAt(backlogFacts, window.to), targetsPending),
    groups,
    source: 'rollup',
  };
}
