import type { AuditEntryView, Page } from '@switchboard/shared-contracts';
import { mockRoute, type MockReply, type MockRouteOptions } from '../http/api-mock.util';

export function auditEntryFixture(overrides: Partial<AuditEntryView> = {}): AuditEntryView {
  return {
    id: '1',
    at: '2026-12-02T09:30:00.000Z',
    action: 'pii.revealed',
    actor: { id: 'agent-maria', displayName: 'Maria Santos', role: 'agent' },
    clientId: 'client-globex',
    targetType: 'contact',
    targetId: 'contact-1',
    details: { field: 'email', reason: 'Customer asked for the invoice by email', ticketId: 'ticket-1' },
    ...overrides,
  };
}

/** `GET /api/audit` with this exact query string (empty for none). */
export const mockListAudit = (query: string, reply: MockReply<Page<AuditEntryView>>, options?: MockRouteOptions) => mockRoute('GET', `/api/audit${query ? `?${query}` : ''}`, reply, options);
