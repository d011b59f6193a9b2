import type { TicketSummary } from '@switchboard/shared-contracts';
import { apiRequest } from '../http/http-client.util';

/** `GET /api/tickets`: open tickets of the caller's clients, oldest first. */
export function listTickets(): Promise<TicketSummary[]> {
  return apiRequest<TicketSummary[]>('GET', '/api/tickets');
}
