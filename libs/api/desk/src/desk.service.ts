import { Injectable } from '@nestjs/common';
import { AuditService } from '@switchboard/api-audit';
import { TenantDatabase } from '@switchboard/api-database';
import { checkedUuid, NotFoundException, pageOf, ValidationException, type PageRequest, type Principal } from '@switchboard/api-platform';
import type { CannedResponseRequest, CannedResponseView, DispositionRequest, DispositionView, Page } from '@switchboard/shared-contracts';
import { unknownPlaceholders } from '@switchboard/shared-domain';
import type { EntityManager } from 'typeorm';

const CANNED_COLUMNS = `id, client_id AS "clientId", shortcut, title, body, updated_at AS "updatedAt"`;
const SHORTCUT_TAKEN = 'is already used by another canned response of this client';
const DISPOSITION_COLUMNS = `id, client_id AS "clientId", code, label, active`;

type CannedRow = Omit<CannedResponseView, 'updatedAt'> & { updatedAt: Date };
const cannedView = (row: CannedRow): CannedResponseView => ({ ...row, updatedAt: row.updatedAt.toISOString() });

/** PostgreSQL's unique_violation: the shortcut or code is taken within the client. */
const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === '23505' || (error as { driverError?: { code?: string } } | null)?.driverError?.code === '23505';

/**
 * Canned responses and disposition codes of each client. Staff of a client read them; admins edit
 * them (the controller says who, and row-level security too). "Another client's" and "absent" are
 * the same 404. Every change is audited with the write, in one transaction.
 */
@Injectable()
export class DeskService {
  constructor(
    private readonly tenants: TenantDatabase,
    private readonly audit: AuditService,
  ) {}

  private async recorded(m: EntityManager, principal: Principal, action: string, target: { type: 'canned_response' | 'disposition'; id: string; clientId: string }, details: Record<string, unknown>): Promise<void> {
    await this.audit.record(m, { action, actorUserId: principal.userId, clientId: target.clientId, targetType: target.type, targetId: target.id, details });
  }

  /** A page of the client's canned responses by shortcut. */
  listCanned(principal: Principal, clientId: string, page: PageRequest): Promise<Page<CannedResponseView>> {
    return this.inClient(principal, clientId, async (m) => {
      const rows = await m.query<CannedRow[]>(
        `SELECT ${CANNED_COLUMNS} FROM canned_responses WHERE client_id = $1 ${page.after ? 'AND shortcut > $2' : ''} ORDER BY shortcut LIMIT ${page.limit + 1}`,
        page.after ? [clientId, page.after[0]] : [clientId],
      );
      return pageOf(rows, page.limit, (r) => [r.shortcut], cannedView);
    });
  }

  createCanned(principal: Principal, clientId: string, request: CannedResponseRequest): Promise<CannedResponseView> {
    checkPlaceholders(request.body);
    return this.inClient(principal, clientId, async (m) => {
      const [row] = await unique('shortcut', SHORTCUT_TAKEN, () =>
        m.query<CannedRow[]>(`INSERT INTO canned_responses (client_id, shortcut, title, body) VALUES ($1, $2, $3, $4) RETURNING ${CANNED_COLUMNS}`, [clientId, request.shortcut, request.title.trim(), request.body]),
      );
      await this.recorded(m, principal, 'canned_response.created', { type: 'canned_response', id: row.id, clientId }, { shortcut: row.shortcut, title: row.title });
      return cannedView(row);
    });
  }

  async updateCanned(principal: Principal, id: string, request: CannedResponseRequest): Promise<CannedResponseView> {
    checkPlaceholders(request.body);
    return await this.tenants.run(principal, async (m) => {
      const [[row]] = await unique('shortcut', SHORTCUT_TAKEN, () =>
        m.query<[CannedRow[], number]>(`UPDATE canned_responses SET shortcut = $2, title = $3, body = $4, updated_at = now() WHERE id = $1 RETURNING ${CANNED_COLUMNS}`, [
          checkedUuid(id, 'id'),
          request.shortcut,
          request.title.trim(),
          request.body,
        ]),
      );
      if (!row) throw new NotFoundException('Canned response');
      await this.recorded(m, principal, 'canned_response.updated', { type: 'canned_response', id: row.id, clientId: row.clientId }, { shortcut: row.shortcut, title: row.title });
      return cannedView(row);
    });
  }

  async deleteCanned(principal: Principal, id: string): Promise<void> {
    await this.tenants.run(principal, async (m) => {
      const [[row]] = await m.query<[{ id: string; client_id: string; shortcut: string }[], number]>('DELETE FROM canned_responses WHERE id = $1 RETURNING id, client_id, shortcut', [checkedUuid(id, 'id')]);
      if (!row) throw new NotFoundException('Canned response');
      await this.recorded(m, principal, 'canned_response.deleted', { type: 'canned_response', id: row.id, clientId: row.client_id }, { shortcut: row.shortcut });
    });
  }

  /** A page of the client's disposition codes in their order (retired ones too, marked inactive). */
  listDispositions(principal: Principal, clientId: string, page: PageRequest): Promise<Page<DispositionView>> {
    return this.inClient(principal, clientId, async (m) => {
      const rows = await m.query<(DispositionView & { position: number })[]>(
        `SELECT ${DISPOSITION_COLUMNS}, position FROM disposition_codes WHERE client_id = $1 ${page.after ? 'AND (position, code) > ($2, $3)' : ''} ORDER BY position, code LIMIT ${page.limit + 1}`,
        page.after ? [clientId, page.after[0], page.after[1]] : [clientId],
      );
      return pageOf(rows, page.limit, (r) => [r.position, r.code], ({ position: _position, ...view }) => view);
    });
  }

  createDisposition(principal: Principal, clientId: string, request: DispositionRequest): Promise<DispositionView> {
    return this.inClient(principal, clientId, async (m) => {
      const [row] = await unique('code', 'is already a disposition of this client', () =>
        m.query<DispositionView[]>(
          `INSERT INTO disposition_codes (client_id, code, label, active, position)
           VALUES ($1, $2, $3, $4, (SELECT coalesce(max(position), 0) + 1 FROM disposition_codes WHERE client_id = $1)) RETURNING ${DISPOSITION_COLUMNS}`,
          [clientId, request.code, request.label.trim(), request.active ?? true],
        ),
      );
      await this.recorded(m, principal, 'disposition.created', { type: 'disposition', id: row.id, clientId }, { code: row.code, label: row.label, active: row.active });
      return row;
    });
  }

  async updateDisposition(principal: Principal, id: string, change: { label?: string; active?: boolean }): Promise<DispositionView> {
    return await this.tenants.run(principal, async (m) => {
      const [[row]] = await m.query<[DispositionView[], number]>(
        `UPDATE disposition_codes SET label = coalesce($2, label), active = coalesce($3, active) WHERE id = $1 RETURNING ${DISPOSITION_COLUMNS}`,
        [checkedUuid(id, 'id'), change.label?.trim() ?? null, change.active ?? null],
      );
      if (!row) throw new NotFoundException('Disposition');
      await this.recorded(m, principal, 'disposition.updated', { type: 'disposition', id: row.id, clientId: row.clientId }, { code: row.code, label: row.label, active: row.active });
      return row;
    });
  }

  /** Work on one of the caller's clients (a client they do not serve is not found). */
  private async inClient<T>(principal: Principal, clientId: string, work: (m: EntityManager) => Promise<T>): Promise<T> {
    if (!principal.clientIds.includes(checkedUuid(clientId, 'clientId'))) throw new NotFoundException('Client');
    return await this.tenants.run(principal, work);
  }
}

function checkPlaceholders(body: string): void {
  const unknown = unknownPlaceholders(body);
  if (unknown.length) throw new ValidationException([{ field: 'body', message: `uses placeholders Switchboard does not fill: ${unknown.map((name) => `{{${name}}}`).join(', ')}` }]);
}

/** Runs a write whose unique key (the client's shortcut or code) may be taken, and says so in terms of the field. */
async function unique<T>(field: string, message: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw new ValidationException([{ field, message }]);
    throw error;
  }
}
