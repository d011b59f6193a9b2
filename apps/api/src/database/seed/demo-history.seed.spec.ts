import { DEFAULT_SERVICE_LEVEL_RULE } from '@switchboard/shared-contracts';
import { kpiReport, projectTicketFact } from '@switchboard/shared-domain';
import { clientHistory } from './demo-history.seed';

/** The demo month the portal shows on a fresh start: its SLA attainment is a real figure, not 0 / 0. */
describe('demo history', () => {
  const inboxes = [
    { id: 'chat', channel: 'chat' as const, queue_id: 'q-chat', sla_seconds: 60, resolution_seconds: 900, next_response_seconds: 120 },
    { id: 'email', channel: 'email' as const, queue_id: 'q-email', sla_seconds: 8 * 3600, resolution_seconds: 24 * 3600, next_response_seconds: 8 * 3600 },
  ];
  const rows = clientHistory({ id: 'client', slug: 'globex', time_zone: 'Europe/London' }, inboxes, [{ id: 'agent', display_name: 'Ada' }], '2026-12-03', 20_261_202);
  const events = rows.events as { ticket_id: string; type: string; at: string; actor_user_id: string | null; data: Record<string, unknown> }[];
  const facts = (rows.tickets as { id: string; contact_id: string; channel: 'chat' | 'email'; language: string; created_at: string }[]).map((t) =>
    projectTicketFact(
      { ticketId: t.id, contactId: t.contact_id, channel: t.channel, language: t.language, createdAt: t.created_at },
      events.filter((e) => e.ticket_id === t.id).map((e) => ({ type: e.type, at: e.at, actorUserId: e.actor_user_id, data: e.data })),
    ),
  );

  it('stamps the queues’ targets on every queued event, so first-response and resolution attainment count tickets', () => {
    expect(facts.filter((f) => f.queuedAt !== null).every((f) => f.firstResponseDueAt && f.resolutionDueAt)).toBe(true);
    const report = kpiReport(facts, { serviceLevel: DEFAULT_SERVICE_LEVEL_RULE, percentileMethod: 'nearest_rank', fcrWindowDays: 7, asOf: '2026-12-03T00:00:00.000Z' });
    for (const metric of ['first_response', 'resolution'] as const) {
      const { value, denominator } = report.slaAttainment[metric];
      expect([metric, denominator > 100, value !== null && value > 0 && value < 100]).toEqual([metric, true, true]);
    }
  });
});
