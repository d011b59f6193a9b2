import { Injectable } from '@nestjs/common';
import { TenantDatabase } from '@switchboard/api-database';
import { NotFoundException, type PageRequest, type Principal } from '@switchboard/api-platform';
import { OPEN_TICKET_STATUSES, type Colleague, type Page, type TicketSummary } from '@switchboard/shared-contracts';

const COLLEAGUES_MAX = 20;
import { ticketSummaryPage } from './ticket-queries';

@Injectable()
export class TicketsService {
  constructor(private readonly tenants: TenantDatabase) {}

  /** Staff serving the ticket's client whom a note can mention (names starting with `query`, any word), at most 20. */
  colleagues(principal: Principal, ticketId: string, query: string): Promise<Colleague[]> {
    return this.tenants.run(principal, async (m) => {
      const [ticket] = await m.query<{ client_id: string }[]>('SELECT client_id FROM tickets WHERE id = $1', [ticketId]);
      if (!ticket) throw new NotFoundException('Ticket');
      const prefix = query.replace(/[\\%_]/g, (char) => `\\${char}`);
      return await m.query<Colleague[]>(
        `SELECT u.id, u.display_name AS name, u.role FROM staff_clients sc JOIN users u ON u.id = sc.user_id
          WHERE sc.client_id = $1 AND u.disabled_at IS NULL AND u.role IN ('agent', 'team_lead', 'admin') AND ($2 = '' OR u.display_name ILIKE $2 || '%' OR u.display_name ILIKE '% ' || $2 || '%')
          ORDER BY u.display_name LIMIT ${COLLEAGUES_MAX}`,
        [ticket.client_id, prefix],
      );
    });
  }

  /** A page of the open tickets of the caller's clients, oldest first (the leads' queue); `mine`: only those assigned to the caller. */
  listOpen(principal: Principal, page: PageRequest, { mine = false } = {}): Promise<Page<TicketSummary>> {
    return this.tenants.run(principal, (m) =>
      mine
        ? ticketSummaryPage(m, 't.assignee_id = $1 AND t.client_id = ANY ($2) AND t.status = ANY ($3)', [principal.userId, [...principal.clientIds], OPEN_TICKET_STATUSES], page)
        : ticketSummaryPage(m, 't.client_id = ANY ($1) AND t.status = ANY ($2)', [[...principal.clientIds], OPEN_TICKET_STATUSES], page),
    );
  }
}
