import { Injectable } from '@nestjs/common';
import { AuditService } from '@switchboard/api-audit';
import { TenantDatabase } from '@switchboard/api-database';
import type { Principal } from '@switchboard/api-platform';
import type { MonthlyResults, MonthlyStatement, SlaContract, SlaContractVersionInput } from '@switchboard/shared-contracts';
import { addMonths, contractVersionFor, kpiReport, localMonthWindow, measureTerm, monthlyStatement, reportSettingsFor, withNewVersion } from '@switchboard/shared-domain';
import type { EntityManager } from 'typeorm';
import { assertReadable, loadFacts, readClient, type ClientRow } from './report.service';
import { monthOf } from './report-query.util';
import { ReportingException } from './reporting.exception';
import { readContract } from './sla-contract.queries';
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
    return await this.tenants.run(principal, async (m) => {
      const client = await readClient(m, clientId);
      const contract = await readContract(m, clientId);
      if (!contract) throw ReportingException.noContract();
      if (!contractVersionFor(contract, month)) throw ReportingException.noContract(month);
      // Earlier months' credits (for earn-back) do not depend on their own history.
      const maxBack = Math.max(0, ...contract.versions.map((v) => v.earnBackPeriods));
      const history: MonthlyStatement[] = [];
      for (let k = maxBack; k >= 1; k--) {
        const earlier = addMonths(month, -k);
        if (contractVersionFor(contract, earlier)) history.push(monthlyStatement(contract, await monthlyResults(m, client, contract, earlier), []));
      }
      return monthlyStatement(contract, await monthlyResults(m, client, contract, month), history);
    });
  }
}

/**
 * A month's measured values per term and the billing quantities, from the facts. Agent seconds (per
 * agent hour billing) are the agents' handle time attributed to this client's tickets — time signed in
 * but idle is not attributed to a client by the system data yet.
 */
export async function monthlyResults(m: EntityManager, client: ClientRow, contract: SlaContract, month: string): Promise<MonthlyResults> {
  const version = contractVersionFor(contract, month);
  if (!version) throw ReportingException.noContract(month);
  const window = localMonthWindow(month, client.timeZone);
  const { facts, pool } = await loadFacts(m, client.id, window, {}, version.fcrWindowDays);
  const asOf = new Date().toISOString();
  const values: MonthlyResults['values'] = {};
  for (const term of [...version.criticalServiceLevels, ...version.keyMeasurements]) {
    values[term.id] = measureTerm(term, version, pool, window, { calendar: client.calendar, timeZone: client.timeZone }, asOf) ?? null;
  }
  const report = kpiReport(facts, { serviceLevel: version.criticalServiceLevels.find((t) => t.serviceLevel)?.serviceLevel ?? { variant: 'answered_abandoned_within', thresholdSeconds: 20, shortAbandonSeconds: null }, percentileMethod: version.percentileMethod, fcrWindowDays: version.fcrWindowDays, asOf }, window, pool);
  return { month, values, handledTickets: report.handled, handledSeconds: report.aht.handleSeconds, agentSeconds: report.aht.attributedSeconds };
}
