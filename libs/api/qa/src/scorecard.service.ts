import { Injectable } from '@nestjs/common';
import { AuditService } from '@switchboard/api-audit';
import { TenantDatabase } from '@switchboard/api-database';
import { checkedUuid, NotFoundException, pageOf, ValidationException, type PageRequest, type Principal } from '@switchboard/api-platform';
import type { Page, ScorecardDefinition, ScorecardSummary, ScorecardView } from '@switchboard/shared-contracts';
import { checkScorecard, scorecardQuestions } from '@switchboard/shared-domain';
import type { EntityManager } from 'typeorm';

const SUMMARY_COLUMNS = `s.id, s.client_id AS "clientId", s.name, s.active, s.latest_version AS "latestVersion", s.created_at AS "createdAt", s.updated_at AS "updatedAt"`;

type SummaryRow = Omit<ScorecardSummary, 'createdAt' | 'updatedAt'> & { createdAt: Date; updatedAt: Date };
type VersionRow = SummaryRow & { version: number; definition: ScorecardDefinition; versionCreatedAt: Date; versionCreatedByName: string | null };

const summaryView = (row: SummaryRow): ScorecardSummary => ({ ...row, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() });
const versionView = (row: VersionRow): ScorecardView => ({ ...summaryView(row), version: row.version, definition: row.definition, versionCreatedAt: row.versionCreatedAt.toISOString(), versionCreatedByName: row.versionCreatedByName });

/**
 * Each client's scorecards. Staff of the client read them; admins create them and save changes, each
 * change a new version (the old versions stay as they were: evaluations keep the version they were
 * scored on). A new scorecard becomes the client's active one, on which new evaluations are scored.
 * Every write is in the audit log. "Another client's" and "absent" are the same 404.
 */
@Injectable()
export class ScorecardService {
  constructor(
    private readonly tenants: TenantDatabase,
    private readonly audit: AuditService,
  ) {}

  /** A page of the client's scorecards: the active one first, then by name. */
  list(principal: Principal, clientId: string, page: PageRequest): Promise<Page<ScorecardSummary>> {
    return this.inClient(principal, clientId, async (m) => {
      const params: unknown[] = [clientId];
      const after = page.after ? ` AND (CASE WHEN s.active THEN 0 ELSE 1 END, s.name, s.id::text) > ($${params.push(page.after[0])}, $${params.push(page.after[1])}, $${params.push(page.after[2])})` : '';
      const rows = await m.query<SummaryRow[]>(`SELECT ${SUMMARY_COLUMNS} FROM scorecards s WHERE s.client_id = $1${after} ORDER BY CASE WHEN s.active THEN 0 ELSE 1 END, s.name, s.id::text LIMIT ${page.limit + 1}`, params);
      return pageOf(rows, page.limit, (row) => [row.active ? 0 : 1, row.name, row.id], summaryView);
    });
  }

  /** The latest version, or `version` when given. */
  async get(principal: Principal, id: string, version?: number): Promise<ScorecardView> {
    return await this.tenants.run(principal, (m) => this.read(m, principal, checkedUuid(id, 'id'), version));
  }

  /** A new scorecard, version 1, made the client's active one (the one it replaces stays, inactive, with its versions). */
  create(principal: Principal, clientId: string, input: ScorecardDefinition): Promise<ScorecardView> {
    const definition = checked(input);
    return this.inClient(principal, clientId, async (m) => {
      await m.query('UPDATE scorecards SET active = false, updated_at = now() WHERE client_id = $1 AND active', [clientId]);
      const [{ id }] = await m.query<{ id: string }[]>('INSERT INTO scorecards (client_id, name, created_by) VALUES ($1, $2, $3) RETURNING id', [clientId, definition.name, principal.userId]);
      await m.query('INSERT INTO scorecard_versions (scorecard_id, client_id, version, definition, created_by) VALUES ($1, $2, 1, $3, $4)', [id, clientId, JSON.stringify(definition), principal.userId]);
      await this.audit.record(m, { action: 'scorecard.created', actorUserId: principal.userId, clientId, targetType: 'scorecard', targetId: id, details: { name: definition.name, version: 1, questions: scorecardQuestions(definition).length } });
      return await this.read(m, principal, id);
    });
  }

  /** Saves a change as the next version; evaluations already made keep theirs. */
  async update(principal: Principal, id: string, input: ScorecardDefinition): Promise<ScorecardView> {
    const definition = checked(input);
    checkedUuid(id, 'id');
    return await this.tenants.run(principal, async (m) => {
      const [current] = await m.query<{ client_id: string; latest_version: number }[]>('SELECT client_id, latest_version FROM scorecards WHERE id = $1 AND client_id = ANY ($2) FOR UPDATE', [id, [...principal.clientIds]]);
      if (!current) throw new NotFoundException('Scorecard');
      const version = current.latest_version + 1;
      await m.query('INSERT INTO scorecard_versions (scorecard_id, client_id, version, definition, created_by) VALUES ($1, $2, $3, $4, $5)', [id, current.client_id, version, JSON.stringify(definition), principal.userId]);
      await m.query('UPDATE scorecards SET name = $2, latest_version = $3, updated_at = now() WHERE id = $1', [id, definition.name, version]);
      await this.audit.record(m, {
        action: 'scorecard.versioned',
        actorUserId: principal.userId,
        clientId: current.client_id,
        targetType: 'scorecard',
        targetId: id,
        details: { name: definition.name, version, previousVersion: current.latest_version, questions: scorecardQuestions(definition).length },
      });
      return await this.read(m, principal, id);
    });
  }

  /** Makes an older scorecard the client's active one again. */
  async activate(principal: Principal, id: string): Promise<ScorecardView> {
    checkedUuid(id, 'id');
    return await this.tenants.run(principal, async (m) => {
      const [current] = await m.query<{ client_id: string; active: boolean }[]>('SELECT client_id, active FROM scorecards WHERE id = $1 AND client_id = ANY ($2) FOR UPDATE', [id, [...principal.clientIds]]);
      if (!current) throw new NotFoundException('Scorecard');
      if (!current.active) {
        await m.query('UPDATE scorecards SET active = false, updated_at = now() WHERE client_id = $1 AND active', [current.client_id]);
        await m.query('UPDATE scorecards SET active = true, updated_at = now() WHERE id = $1', [id]);
        await this.audit.record(m, { action: 'scorecard.activated', actorUserId: principal.userId, clientId: current.client_id, targetType: 'scorecard', targetId: id });
      }
      return await this.read(m, principal, id);
    });
  }

  private async read(m: EntityManager, principal: Principal, id: string, version?: number): Promise<ScorecardView> {
    const [row] = await m.query<VersionRow[]>(
      `SELECT ${SUMMARY_COLUMNS}, v.version, v.definition, v.created_at AS "versionCreatedAt", u.display_name AS "versionCreatedByName"
         FROM scorecards s JOIN scorecard_versions v ON v.scorecard_id = s.id AND v.version = coalesce($3::int, s.latest_version)
         LEFT JOIN users u ON u.id = v.created_by
        WHERE s.id = $1 AND s.client_id = ANY ($2)`,
      [id, [...principal.clientIds], version ?? null],
    );
    if (!row) throw new NotFoundException(version === undefined ? 'Scorecard' : `Version ${version} of the scorecard`);
    return versionView(row);
  }

  /** Work on one of the caller's clients (a client they do not serve is not found). */
  private async inClient<T>(principal: Principal, clientId: string, work: (m: EntityManager) => Promise<T>): Promise<T> {
    if (!principal.clientIds.includes(checkedUuid(clientId, 'clientId'))) throw new NotFoundException('Client');
    return await this.tenants.run(principal, work);
  }
}

/** Every problem of the definition as a field error, or the definition as stored (only its two fields, the name trimmed). */
function checked(input: ScorecardDefinition): ScorecardDefinition {
  const plain = { ...input };
  const problems = checkScorecard(plain);
  if (problems.length) throw new ValidationException(problems);
  return { name: plain.name.trim(), sections: plain.sections };
}
