import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AgentClientEvents, AgentServerEvents } from '@switchboard/shared-contracts';
import {
  agentProfileFixture,
  boardAgentFixture,
  coachingNoteFixture,
  disputeFixture,
  evaluationSummaryFixture,
  getAccessToken,
  installApiMock,
  meResponseFixture,
  clientRefFixture,
  mockGetMe,
  mockGetMyAgentProfile,
  mockGetPresenceBoard,
  mockGetQueueStats,
  mockGetAgentLoads,
  mockListMyOffers,
  mockListTickets,
  offerClosedFixture,
  offerViewFixture,
  presenceFixture,
  seedSession,
  ticketAssignedFixture,
  ticketSummaryFixture,
  userFixture,
  useSessionStore,
  type ApiMock,
} from '@switchboard/web-data-access';
import { createFakeConnection, useRealtimeStore, type FakeRealtimeConnection } from '@switchboard/web-realtime';
import { renderComponent } from '@switchboard/web-ui';
import { useAccessStore } from '../access/access.store';
import { useBoardStore } from '../board/board.store';
import { useOffersStore } from '../offers/offers.store';
import { usePresenceStore } from '../presence/presence.store';
import { useQaLiveStore } from '../qa/qa-live.store';
import { useQueueStore } from '../queue/queue.store';
import { startAgentRealtime } from './agent-realtime.connector';

type FakeAgentConnection = FakeRealtimeConnection<AgentServerEvents, AgentClientEvents>;

describe('startAgentRealtime', () => {
  let api: ApiMock;
  let connection: FakeAgentConnection;
  let stop: () => void;

  beforeEach(async () => {
    seedSession(userFixture({ id: 'lead-1', role: 'team_lead' }));
    api = installApiMock(
      mockGetQueueStats([]),
      mockGetAgentLoads(['a1'], []),
      mockGetMe(meResponseFixture({ teams: [{ id: 'team-colombo', name: 'Colombo Day', membership: 'lead' }] })),
      mockGetMyAgentProfile(agentProfileFixture({ userId: 'lead-1', presence: presenceFixture({ userId: 'lead-1' }) })),
      mockGetPresenceBoard([boardAgentFixture({ userId: 'a1', state: 'available', since: '2025-01-01T00:00:00.000Z' })]),
      mockListTickets([ticketSummaryFixture({ id: 't1', clientId: 'client-globex' })]),
    );
    await renderComponent({ render: () => null });
    connection = createFakeConnection<AgentServerEvents, AgentClientEvents>('connected');
    stop = startAgentRealtime(() => connection);
    await Promise.all([useSessionStore().loadMe(), usePresenceStore().load(), useBoardStore().load(), useQueueStore().load()]);
  });
  afterEach(() => {
    stop();
    api.restore();
  });

  it('maps agent.status_changed to the board and to my own presence', () => {
    connection.emitFromServer('agent.status_changed', { userId: 'a1', state: 'away', reason: 'break', since: '2025-01-01T00:05:00.000Z', connected: true, teamIds: ['team-colombo'], setBy: null });
    connection.emitFromServer('agent.status_changed', { userId: 'lead-1', state: 'available', reason: null, since: new Date(Date.now() + 1000).toISOString(), connected: true, teamIds: [], setBy: null });

    expect(useBoardStore().agents[0]).toMatchObject({ state: 'away', reason: 'break' });
    expect(usePresenceStore().presence?.state).toBe('available');
    expect(useRealtimeStore().connection).toBe(connection);
  });

  it('refetches the board when an agent of a led team is missing from it, and after a reconnect', async () => {
    connection.emitFromServer('agent.status_changed', { userId: 'stranger', state: 'away', reason: 'break', since: new Date().toISOString(), connected: true, teamIds: ['team-elsewhere'], setBy: null });
    expect(api.callsTo('GET', '/api/presence/board')).toHaveLength(1);

    connection.emitFromServer('agent.status_changed', { userId: 'newcomer', state: 'available', reason: null, since: new Date().toISOString(), connected: true, teamIds: ['team-colombo'], setBy: null });
    expect(api.callsTo('GET', '/api/presence/board')).toHaveLength(2);

    connection.setState('reconnecting');
    connection.setState('connected');
    expect(api.callsTo('GET', '/api/presence/board')).toHaveLength(3);
    expect(api.callsTo('GET', '/api/presence/me')).toHaveLength(2);
    expect(api.callsTo('GET', '/api/tickets')).toHaveLength(2);
  });

  it('maps ticket.updated to the queue, only for clients this user serves', () => {
    connection.emitFromServer('ticket.updated', ticketSummaryFixture({ id: 't1', clientId: 'client-globex', status: 'assigned' }));
    connection.emitFromServer('ticket.updated', ticketSummaryFixture({ id: 't2', clientId: 'client-northwind', createdAt: '2025-01-02T00:00:00.000Z' }));
    connection.emitFromServer('ticket.updated', ticketSummaryFixture({ id: 't9', clientId: 'client-initech' }));

    expect(useQueueStore().tickets.map((ticket) => [ticket.id, ticket.status])).toEqual([
      ['t1', 'assigned'],
      ['t2', 'queued'],
    ]);
  });

  it('maps offer events to my offers, only for clients this user serves, and refetches them after a reconnect', async () => {
    const offers = useOffersStore();
    const offer = (id: string, clientId: string) => offerViewFixture({ id, ticket: ticketSummaryFixture({ id: `ticket-${id}`, clientId }) });
    api.use(mockListMyOffers([]));
    await offers.load();

    connection.emitFromServer('ticket.offered', offer('o1', 'client-globex'));
    connection.emitFromServer('ticket.offered', offer('o2', 'client-northwind'));
    connection.emitFromServer('ticket.offered', offer('o3', 'client-northwind'));
    connection.emitFromServer('ticket.offered', offer('o9', 'client-initech'));
    connection.emitFromServer('offer.closed', offerClosedFixture({ offerId: 'o2', ticketId: 'ticket-o2', status: 'rescinded', reason: 'customer left' }));
    // Accepted in another tab of mine.
    connection.emitFromServer('ticket.assigned', ticketAssignedFixture({ ticketId: 'ticket-o3', clientId: 'client-northwind', agentId: useSessionStore().user?.id, offerId: 'o3' }));

    expect(offers.offers.map((pending) => pending.offer.id)).toEqual(['o1']);
    expect(offers.notice).toMatchObject({ tone: 'success', ticketId: 'ticket-o3' });

    api.use(mockListMyOffers([offer('o4', 'client-globex')]));
    connection.setState('reconnecting');
    connection.setState('connected');
    await vi.waitFor(() => expect(offers.offers.map((pending) => pending.offer.id)).toEqual(['o4']));
    expect(api.callsTo('GET', '/api/offers')).toHaveLength(2);
  });

  it('QA: a new evaluation or a dispute of a served client becomes a notice and a list refresh; a foreign client’s is dropped; my own doing is no notice', async () => {
    const qa = useQaLiveStore();
    const me = useSessionStore().user?.id;
    connection.emitFromServer('evaluation.submitted', evaluationSummaryFixture({ id: 'ev-1', clientId: 'client-globex', agentId: 'agent-9', reviewerId: 'lead-2', reviewerName: 'Andrés Villa', agentName: 'Maria Santos', status: 'submitted', score: 71.9 }));
    connection.emitFromServer('evaluation.submitted', evaluationSummaryFixture({ id: 'ev-x', clientId: 'client-initech', agentId: 'agent-9', reviewerId: 'lead-2', status: 'submitted', score: 10 }));
    connection.emitFromServer('evaluation.submitted', evaluationSummaryFixture({ id: 'ev-mine', clientId: 'client-globex', agentId: 'agent-9', reviewerId: me, status: 'submitted', score: 90 }));
    connection.emitFromServer('dispute.updated', { dispute: disputeFixture({ status: 'open', raisedById: 'agent-9', raisedByName: 'Maria Santos' }), evaluation: evaluationSummaryFixture({ id: 'ev-2', agentId: 'agent-9', clientId: 'client-globex', ticketReference: 'SB-1002', status: 'disputed' }) });

    expect(qa.notices.map((n) => [n.evaluationId, n.text])).toEqual([
      ['ev-1', 'Andrés Villa evaluated Maria Santos on SB-1001: 71.9.'],
      ['ev-2', 'Maria Santos disputed a question of SB-1002.'],
    ]);
    expect(qa.revision).toBe(3); // the foreign one changed nothing
    expect(qa.lastEvaluationId).toBe('ev-2');

    // A sampling draw's drafts for this lead: one notice for all of them, only those of served clients.
    connection.emitFromServer('evaluation.assigned', [
      evaluationSummaryFixture({ id: 'ev-3', clientId: 'client-globex', ticketReference: 'SB-1003' }),
      evaluationSummaryFixture({ id: 'ev-4', clientId: 'client-globex', ticketReference: 'SB-1004' }),
      evaluationSummaryFixture({ id: 'ev-y', clientId: 'client-initech', ticketReference: 'SB-9999' }),
    ]);
    expect(qa.notices[qa.notices.length - 1]).toMatchObject({ evaluationId: 'ev-3', text: 'Sampling gave you 2 evaluations to review, starting with SB-1003.' });
    expect(qa.revision).toBe(4);

    // Coaching: the agent coached (this user) hears of a new note; a foreign client’s is dropped.
    connection.emitFromServer('coaching.updated', coachingNoteFixture({ id: 'n-1', clientId: 'client-globex', agentId: me, authorName: 'Andrés Villa' }));
    connection.emitFromServer('coaching.updated', coachingNoteFixture({ id: 'n-x', clientId: 'client-initech', agentId: me }));
    expect(qa.notices[qa.notices.length - 1]).toMatchObject({ coaching: true, text: 'Andrés Villa left you a coaching note.' });
    expect(qa.revision).toBe(5);
    // Calibration: a closed session of a served client is announced with a link to it.
    connection.emitFromServer('calibration.updated', { sessionId: 's-1', clientId: 'client-globex', status: 'closed', participants: [] });
    expect(qa.notices[qa.notices.length - 1]).toMatchObject({ sessionId: 's-1', text: 'A calibration session you took part in closed: its result is in.' });
    expect([qa.calibrationRevision, qa.lastSessionId]).toEqual([1, 's-1']);

    connection.setState('reconnecting');
    connection.setState('connected');
    await vi.waitFor(() => expect(qa.revision).toBe(6));
    expect(qa.calibrationRevision).toBe(2);
  });

  it('ends the session when the server says so', () => {
    connection.emitFromServer('session.ended', { code: 'AUTH_SESSION_REVOKED', message: 'You were signed out by an admin.' });

    expect(getAccessToken()).toBeNull();
    expect(useSessionStore().isAuthenticated).toBe(false);
    expect(useSessionStore().endedReason).toBe('You were signed out by an admin.');
  });

  it('re-scopes when an admin takes a client away: the session forgets it, every list is fetched again and a notice says what changed', async () => {
    api.use(mockListMyOffers([]));
    await useOffersStore().load();
    const offersBefore = api.callsTo('GET', '/api/offers').length;
    const ticketsBefore = api.callsTo('GET', '/api/tickets').length;
    api.use(mockGetMe(meResponseFixture({ clients: [clientRefFixture()], teams: [{ id: 'team-colombo', name: 'Colombo Day', membership: 'lead' }] })));

    connection.emitFromServer('session.rescoped', { clientIds: ['client-northwind'] });

    await vi.waitFor(() => expect(useAccessStore().notice).toBe('Your access changed. You no longer serve Globex Retail: its tickets and offers are gone from your screens.'));
    expect(useSessionStore().clientsById.has('client-globex')).toBe(false);
    expect(api.callsTo('GET', '/api/offers').length).toBeGreaterThan(offersBefore);
    expect(api.callsTo('GET', '/api/tickets').length).toBeGreaterThan(ticketsBefore);
    // From now on a Globex event is dropped before it reaches a store.
    await vi.waitFor(() => expect(useOffersStore().status).toBe('ready'));
    connection.emitFromServer('ticket.offered', offerViewFixture({ id: 'o-late', ticket: ticketSummaryFixture({ id: 'ticket-late', clientId: 'client-globex' }) }));
    expect(useOffersStore().offers.map((pending) => pending.offer.id)).not.toContain('o-late');
  });
});
