import { Injectable } from '@nestjs/common';
import { TenantDatabase } from '@switchboard/api-database';
import type { Principal } from '@switchboard/api-platform';
import { OPEN_TICKET_STATUSES, type TicketSummary } from '@switchboard/shared-contracts';
import { ticketSummaries } from './ticket-queries';

@Injectable()
export class TicketsService {
  constructor(private readonly tenants: TenantDatabase) {}

  /** Open tickets of the caller's clients, oldest first (the leads' queue); `mine`: only those assigned to the caller. */
  listOpen(principal: Principal, { mine = false } = {}): Promise<TicketSummary[]> {
    return this.tenants.run(principal, (m) =>
      mine
        ? ticketSummaries(m, 't.assignee_id = $1 AND t.client_id = ANY ($2) AND t.status = ANY ($3)', [principal.userId, [...principal.clientIds], OPEN_TICKET_STATUSES])
        : ticketSummaries(m, 't.client_id = ANY ($1) AND t.status = ANY ($2)', [[...principal.clientIds], OPEN_TICKET_STATUSES]),
    );
  }
}
