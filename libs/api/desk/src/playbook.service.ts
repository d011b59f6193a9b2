import { Injectable } from '@nestjs/common';
import { AuditService } from '@switchboard/api-audit';
import { TenantDatabase } from '@switchboard/api-database';
import { checkedUuid, NotFoundException, ValidationException, type Principal } from '@switchboard/api-platform';
import type { PlaybookLink, PlaybookRequest, PlaybookView } from '@switchboard/shared-contracts';
import { playbookProblems, tidyPlaybook } from '@switchboard/shared-domain';
import type { EntityManager } from 'typeorm';

interface PlaybookRow {
  clientId: string;
  greeting: string;
  script: string;
  dos: string[];
  donts: string[];
  links: PlaybookLink[];
  updatedAt: Date;
  updatedByName: string | null;
}

const emptyPlaybook = (clientId: string): PlaybookView => ({ clientId, greeting: '', script: '', dos: [], donts: [], links: [], updatedAt: null, updatedByName: null });
const playbookView = (row: PlaybookRow): PlaybookView => ({ ...row, updatedAt: row.updatedAt.toISOString() });

/**
 * Each client's playbook. Staff of a client read it (a client with none yet reads as an empty
 * playbook, not a 404); admins replace it whole (the controller says who, the write policy agrees).
 * "Another client's" and "absent client" are the same 404.
 */
@Injectable()
export class PlaybookService {
  constructor(
    private readonly tenants: TenantDatabase,
    private readonly audit: AuditService,
  ) {}

  get(principal: Principal, clientId: string): Promise<PlaybookView> {
    return this.inClient(principal, clientId, (m) => this.read(m, clientId));
  }

  /** Checks everything first and writes nothing on bad input; the write and its audit entry commit together. */
  replace(principal: Principal, clientId: string, request: PlaybookRequest): Promise<PlaybookView> {
    const playbook = tidyPlaybook(request);
    const problems = playbookProblems(playbook);
    if (problems.length) throw new ValidationException(problems);
    return this.inClient(principal, clientId, async (m) => {
      await m.query(
        `INSERT INTO playbooks (client_id, greeting, script, dos, donts, links, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6, now(), $7)
         ON CONFLICT (client_id) DO UPDATE SET greeting = EXCLUDED.greeting, script = EXCLUDED.script, dos = EXCLUDED.dos, donts = EXCLUDED.donts,
           links = EXCLUDED.links, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
        [clientId, playbook.greeting, playbook.script, playbook.dos, playbook.donts, JSON.stringify(playbook.links), principal.userId],
      );
      await this.audit.record(m, {
        action: 'playbook.updated',
        actorUserId: principal.userId,
        clientId,
        targetType: 'playbook',
        targetId: clientId,
        details: { dos: playbook.dos.length, donts: playbook.donts.length, links: playbook.links.map((link) => link.url) },
      });
      return await this.read(m, clientId);
    });
  }

  private async read(m: EntityManager, clientId: string): Promise<PlaybookView> {
    const [row] = await m.query<PlaybookRow[]>(
      `SELECT p.client_id AS "clientId", p.greeting, p.script, p.dos, p.donts, p.links, p.updated_at AS "updatedAt", u.display_name AS "updatedByName"
       FROM playbooks p LEFT JOIN users u ON u.id = p.updated_by WHERE p.client_id = $1`,
      [clientId],
    );
    return row ? playbookView(row) : emptyPlaybook(clientId);
  }

  /** Work on one of the caller's clients (a client they do not serve is not found). */
  private async inClient<T>(principal: Principal, clientId: string, work: (m: EntityManager) => Promise<T>): Promise<T> {
    if (!principal.clientIds.includes(checkedUuid(clientId, 'clientId'))) throw new NotFoundException('Client');
    return await this.tenants.run(principal, work);
  }
}
