import { Injectable } from '@nestjs/common';
import { AuditService } from '@switchboard/api-audit';
import { TenantDatabase } from '@switchboard/api-database';
import { SYSTEM_SCOPE, type Principal } from '@switchboard/api-platform';
import type { AgentState, HandleSegment, MonthlyResults, MonthlyStatement, SlaContract, SlaContractVersionInput, StateReason } from '@switchboard/shared-contracts';
import { addMonths, agentSecondsByClient, contractVersionFor, kpiReport, localMonthWindow, monthlyStatement, reportSettingsFor, termMeasurement, withNewVersion, type WorkStretch } from '@switchboard/shared-domain';
import type { EntityManager } from 'typeorm';
import { assertReadable, loadFacts, readClient, type ClientRow } from './report.service';
import { monthOf } from './report-query.util';
import { ReportingException } from './reporting.exception';
import { readContract } from './sla-contract.queries';
import { readExclusionEvidence } from './sla-evidence.queries';
import { TicketFactProjector } from './ticket-fact.projector';

/**
 * SLA contracts, versioned and append-only (a new version closes an open-ended latest one the month
 * before it starts), checked with the domain's contract rules and audited; and the monthly statement
 * computed from the ticket facts of that local month.
 */
@Injectable()
export class SlaContractService {
  constructor(
    private readonly tenants: TenantDatabase,
    private readonly audit: AuditService,
    private readonly projector: TicketFactProjector,
  ) {}

  async get(principal: Principal, clientId: string): Promise<SlaContract> {
    assertReadable(principal, clientId);
    const contract = await this.tenants.run(principal, (m) => readContract(m, clientId));
    if (!contract) throw ReportingException.noContract();
    return contract;
  }

  async addVersion(principal: Principal, clientId: string, input: unknown): Promise<SlaContract> {
    assertReadable(principal, clientId);
    return await this.tenants.run(principal, async (m) => {
      await readClient(m, clientId);
      // One writer per client at a time: version numbers and month ranges are decided on what is there.
      await m.query(`SELECT pg_advisory_xact_lock(hashtextextended('sla_contract:' || $1, 0))`, [clientId]);
      const current = (await readContract(m, clientId)) ?? { clientId, versions: [] };
      const result = withNewVersion(current, input as SlaContractVersionInput, new Date().toISOString().slice(0, 7));
      if ('problems' in result) throw ReportingException.invalidContract(result.problems);
      const { version: _n, effectiveTo, ...definition } = result.version;
      if (result.closed) await m.query('UPDATE sla_contract_versions SET effective_to = $3 WHERE client_id = $1 AND version = $2', [clientId, result.closed.version, result.closed.effectiveTo]);
      await m.query('INSERT INTO sla_contract_versions (client_id, version, effective_from, effective_to, definition, created_by) VALUES ($1, $2, $3, $4, $5, $6)', [
        clientId,
        result.version.version,
        result.version.effectiveFrom,
        effectiveTo,
        JSON.stringify({ ...definition, effectiveTo }),
        principal.userId,
      ]);
      // The projector flags FCR repeats with the window in force now: a new window means every fact is flagged again.
      const month = new Date().toISOString().slice(0, 7);
      if (reportSettingsFor(current.versions.length ? current : null, month).fcrWindowDays !== reportSettingsFor(result.contract, month).fcrWindowDays) {
        await m.query('INSERT INTO ticket_fact_pending (ticket_id, client_id) SELECT ticket_id, client_id FROM ticket_facts WHERE client_id = $1 ON CONFLICT (ticket_id) DO UPDATE SET marks = ticket_fact_pending.marks + 1', [clientId]);
      }
      await this.audit.record(m, {
        action: 'sla_contract.version_added',
        actorUserId: principal.userId,
        clientId,
        targetType: 'sla_contract',
        targetId: `${clientId}#${result.version.version}`,
        details: { version: result.version.version, effectiveFrom: result.version.effectiveFrom, effectiveTo, closedVersion: result.closed, atRiskPercent: result.version.atRiskPercent, criticalServiceLevels: result.version.criticalServiceLevels.map((t) => t.id) },
      });
      return result.contract;
    });
  }

  /** The statement of a local month: attainment per term, credits (capped), earn-back and the billable quantity. */
  async statement(principal: Principal, clientId: string, monthParam: string): Promise<MonthlyStatement> {
    const month = monthOf(monthParam);
    assertReadable(principal, clientId);
    await this.projector.catchUp(clientId);
    const { client, contract } = await this.tenants.run(principal, async (m) => ({ client: await readClient(m, clientId), contract: await readContract(m, clientId) }));
    if (!contract) throw ReportingException.noContract();
    if (!contractVersionFor(contract, month)) throw ReportingException.noContract(month);
    // Earlier months' credits (for earn-back) do not depend on their own history.
    const maxBack = Math.max(0, ...contract.versions.map((v) => v.earnBackPeriods));
    const months = Array.from({ length: maxBack + 1 }, (_, k) => addMonths(month, k - maxBack)).filter((mo) => contractVersionFor(contract, mo));
    // Agent hours come from staff presence, which client users may not read: only the client's total leaves this scope.
    const agentSeconds = new Map<string, number>();
    for (const mo of months) {
      if (contractVersionFor(contract, mo)?.billing.unit === 'agent_hour') agentSeconds.set(mo, await this.tenants.run(SYSTEM_SCOPE, (m) => agentSecondsOf(m, client, mo)));
    }
    return await this.tenants.run(principal, async (m) => {
      const history: MonthlyStatement[] = [];
      for (const earlier of months.slice(0, -1)) history.push(monthlyStatement(contract, await monthlyResults(m, client, contract, earlier, agentSeconds.get(earlier) ?? 0), []));
      return monthlyStatement(contract, await monthlyResults(m, client, contract, month, agentSeconds.get(month) ?? 0), history);
    });
  }
}

/**
 * The client's billable agent seconds of a local month (`agentSecondsByClient`): the presence history of
 * the agents serving it, and their handle segments on the tickets of every client they serve (so time on
 * another client's work is not billed to this one; those clients' facts as projected, at most a
 * projector pass behind). System scope; the caller passes on only the total.
 */
export async function agentSecondsOf(m: EntityManager, client: ClientRow, month: string): Promise<number> {
  const window = localMonthWindow(month, client.timeZone);
  const served = await m.query<{ user_id: string; client_ids: string[] }[]>(
    `SELECT sc.user_id, array_agg(all_sc.client_id ORDER BY all_sc.client_id) AS client_ids
       FROM staff_clients sc JOIN users u ON u.id = sc.user_id AND u.role = 'agent' JOIN staff_clients all_sc ON all_sc.user_id = sc.user_id
      WHERE sc.client_id = $1 GROUP BY sc.user_id`,
    [client.id],
  );
  if (served.length === 0) return 0;
  const agentIds = served.map((s) => s.user_id);
  const presence = await m.query<{ user_id: string; state: AgentState; reason: StateReason | null; started_at: Date; ended_at: Date | null }[]>(
    'SELECT user_id, state, reason, started_at, ended_at FROM agent_state_history WHERE user_id = ANY ($1) AND started_at < $3 AND (ended_at IS NULL OR ended_at > $2)',
    [agentIds, window.from, window.to],
  );
  // Handle segments lie between a ticket's creation and a little after it settles (wrap-up): a day's margin.
  const clientIds = [...new Set(served.flatMap((s) => s.client_ids))];
  const facts = await m.query<{ client_id: string; ticket_id: string; segments: HandleSegment[] }[]>(
    `SELECT client_id, ticket_id, fact->'handleSegments' AS segments FROM ticket_facts
      WHERE client_id = ANY ($1) AND created_at < $3 AND (settled_at IS NULL OR settled_at > $2::timestamptz - interval '1 day') AND jsonb_array_length(fact->'handleSegments') > 0`,
    [clientIds, window.from, window.to],
  );
  const agents = new Set(agentIds);
  const work: WorkStretch[] = facts.flatMap((f) => f.segments.filter((s) => agents.has(s.agentId)).map((s) => ({ agentId: s.agentId, clientId: f.client_id, ticketId: f.ticket_id, start: s.start, end: s.end })));
  const totals = agentSecondsByClient({
    window,
    asOf: new Date().toISOString(),
    presence: presence.map((p) => ({ agentId: p.user_id, state: p.state, reason: p.reason, start: p.started_at.toISOString(), end: p.ended_at?.toISOString() ?? null })),
    work,
    servedClients: new Map(served.map((s) => [s.user_id, s.client_ids])),
  });
  return totals.get(client.id) ?? 0;
}

/** A month's measured values per term and the billing quantities, from the facts; `agentSeconds` from `agentSecondsOf` (per agent hour billing). */
export async function monthlyResults(m: EntityManager, client: ClientRow, contract: SlaContract, month: string, agentSeconds: number): Promise<MonthlyResults> {
  const version = contractVersionFor(contract, month);
  if (!version) throw ReportingException.noContract(month);
  const window = localMonthWindow(month, client.timeZone);
  const { facts, pool } = await loadFacts(m, client.id, window, {}, version.fcrWindowDays);
  const asOf = new Date().toISOString();
  const evidence = await readExclusionEvidence(m, client.id, window);
  const values: MonthlyResults['values'] = {};
  const excluded: NonNullable<MonthlyResults['excluded']> = {};
  for (const term of [...version.criticalServiceLevels, ...version.keyMeasurements]) {
    const measured = termMeasurement(term, version, pool, window, { calendar: client.calendar, timeZone: client.timeZone }, asOf, evidence);
    values[term.id] = measured.value ?? null;
    excluded[term.id] = measured.excluded;
  }
  const report = kpiReport(facts, { serviceLevel: version.criticalServiceLevels.find((t) => t.serviceLevel)?.serviceLevel ?? { variant: 'answered_abandoned_within', thresholdSeconds: 20, shortAbandonSeconds: null }, percentileMethod: version.percentileMethod, fcrWindowDays: version.fcrWindowDays, asOf }, window, pool);
  return { month, values, excluded, outages: evidence.outages, handledTickets: report.handled, handledSeconds: report.aht.handleSeconds, agentSeconds };
}
