import { Injectable } from '@nestjs/common';
import { TenantDatabase } from '@switchboard/api-database';
import type { PageRequest, Principal } from '@switchboard/api-platform';
import { OPEN_TICKET_STATUSES, type Page, type TicketSummary } from '@switchboard/shared-contracts';
import { ticketSummaryPage } from './ticket-queries';

@Injectable()
export class TicketsService {
  constructor(private readonly tenants: TenantDatabase) {}

  /** A page of the open tickets of the caller's clients, oldest first (the leads' queue); `mine`: only those assigned to the caller. */
  listOpen(principal: Principal, page: PageRequest, { mine = false } = {}): Promise<Page<TicketSummary>> {
    return this.tenants.run(principal, (m) =>
      mine
        ? ticketSummaryPage(m, 't.assignee_id = $1 AND t.client_id = ANY ($2) AND t.status = ANY ($3)', [principal.userId, [...principal.clientIds], OPEN_TICKET_STATUSES], page)
        : ticketSummaryPage(m, 't.client_id = ANY ($1) AND t.status = ANY ($2)', [[...principal.clientIds], OPEN_TICKET_STATUSES], page),
    );
  }
}
