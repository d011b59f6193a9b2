import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import type { AgentClientEvents, AgentServerEvents } from '@switchboard/shared-contracts';
import {
  apiFailure,
  endSession,
  installApiMock,
  mockAcceptOffer,
  mockListMyOffers,
  mockRejectOffer,
  offerClosedFixture,
  offerViewFixture,
  seedSession,
  ticketAssignedFixture,
  ticketSummaryFixture,
  userFixture,
  type ApiMock,
} from '@switchboard/web-data-access';
import { createFakeConnection, useRealtimeStore, type FakeRealtimeConnection } from '@switchboard/web-realtime';
import { useOffersStore } from './offers.store';

type FakeAgentConnection = FakeRealtimeConnection<AgentServerEvents, AgentClientEvents>;

const secondsAgo = (seconds: number) => new Date(Date.now() - seconds * 1000).toISOString();
const offer = (id: string, reference: string, createdSecondsAgo = 0) =>
  offerViewFixture({ id, createdAt: secondsAgo(createdSecondsAgo), ticket: ticketSummaryFixture({ id: `ticket-${id}`, reference }) });
const ids = () => useOffersStore().offers.map((pending) => pending.offer.id);

describe('useOffersStore', () => {
  let api: ApiMock;
  let connection: FakeAgentConnection;

  beforeEach(() => {
    setActivePinia(createPinia());
    seedSession(userFixture({ id: 'agent-1' }));
    api = installApiMock(mockListMyOffers([offer('o1', 'SB-1001', 10)]));
    connection = createFakeConnection<AgentServerEvents, AgentClientEvents>('connected');
    useRealtimeStore().attach(connection);
  });
  afterEach(() => {
    api.restore();
    endSession();
  });

  it('loads my open offers, oldest first, keeping what the socket said meanwhile', async () => {
    const offers = useOffersStore();
    api.use(mockListMyOffers([offer('o1', 'SB-1001', 10), offer('o2', 'SB-1002', 5)]));

    const loading = offers.load();
    offers.applyClosed(offerClosedFixture({ offerId: 'o2' }));
    offers.applyOffered(offer('o3', 'SB-1003'));
    await loading;

    expect(ids()).toEqual(['o1', 'o3']);
    expect(offers.oldest?.offer.ticket.reference).toBe('SB-1001');
  });

  it('never promises more time than the offer has, whichever clock is behind', () => {
    const offers = useOffersStore();
    const before = Date.now();
    // The browser's clock runs 20 s behind the server's: expiresAt looks 50 s away, but the offer is only open 30 s.
    offers.applyOffered(offerViewFixture({ id: 'o1', timeoutSeconds: 30, expiresAt: new Date(before + 50_000).toISOString() }));

    const { deadline } = offers.offers[0];
    expect(deadline - before).toBeGreaterThanOrEqual(30_000);
    expect(deadline - before).toBeLessThan(31_000);
  });

  it('accepts over the socket: the offer leaves and the ticket is confirmed as mine', async () => {
    connection.answer('offer.accept', ({ offerId }) => ({ ok: true, data: ticketAssignedFixture({ offerId, ticketId: 'ticket-o1', agentId: 'agent-1' }) }));
    const offers = useOffersStore();
    await offers.load();

    expect(await offers.accept('o1')).toBe(true);

    expect(connection.requests).toEqual([{ event: 'offer.accept', payload: { offerId: 'o1' } }]);
    expect(ids()).toEqual([]);
    expect(offers.notice).toEqual({ tone: 'success', reference: 'SB-1001', ticketId: 'ticket-o1' });
  });

  it('drops a refused offer and keeps the server’s reason', async () => {
    connection.answer('offer.accept', () => ({ ok: false, error: { code: 'OFFER_EXPIRED', message: 'The offer ran out of time; the ticket went back to the queue.' } }));
    const offers = useOffersStore();
    await offers.load();

    expect(await offers.accept('o1')).toBe(false);

    expect(ids()).toEqual([]);
    expect(offers.notice).toEqual({ tone: 'error', message: 'The offer ran out of time; the ticket went back to the queue.' });
  });

  it('keeps the offer for another try when the answer got lost on the way', async () => {
    connection.answer('offer.accept', () => ({ ok: false, error: { code: 'SERVICE_UNAVAILABLE', message: 'Switchboard did not answer in time. Please try again.' } }));
    const offers = useOffersStore();
    await offers.load();

    await offers.accept('o1');

    expect(ids()).toEqual(['o1']);
    expect(offers.errors.get('o1')).toBe('Switchboard did not answer in time. Please try again.');
    expect(offers.notice).toBeNull();
  });

  it('answers over HTTP while the live connection is down', async () => {
    api.use(mockListMyOffers([offer('o1', 'SB-1001', 10), offer('o2', 'SB-1002', 5)]), mockRejectOffer('o1'), mockAcceptOffer('o2', apiFailure(409, 'AGENT_AT_CAPACITY', 'You are at capacity; the ticket went back to the queue.')));
    connection.setState('reconnecting');
    const offers = useOffersStore();
    await offers.load();

    await offers.reject('o1', 'Wrong language');
    await offers.accept('o2');

    expect(connection.requests).toEqual([]);
    expect(api.callsTo('POST', '/api/offers/o1/reject').map((call) => call.body)).toEqual([{ reason: 'Wrong language' }]);
    expect(api.callsTo('POST', '/api/offers/o2/accept')).toHaveLength(1);
    expect(ids()).toEqual([]);
    expect(offers.notice).toEqual({ tone: 'error', message: 'You are at capacity; the ticket went back to the queue.' });
  });

  it('drops an offer whose ticket was assigned, and confirms it when another tab of mine accepted it', async () => {
    const offers = useOffersStore();
    offers.applyOffered(offer('o1', 'SB-1001'));
    offers.applyOffered(offer('o2', 'SB-1002'));

    offers.applyAssigned(ticketAssignedFixture({ ticketId: 'ticket-o2', offerId: 'o9', agentId: 'someone-else' }));
    expect(ids()).toEqual(['o1']);
    expect(offers.notice).toBeNull();

    offers.applyAssigned(ticketAssignedFixture({ ticketId: 'ticket-o1', offerId: 'o1', agentId: 'agent-1' }));
    expect(ids()).toEqual([]);
    expect(offers.notice).toMatchObject({ tone: 'success', reference: 'SB-1001' });
  });

  it('refetches after a reconnect only once the list is in use', async () => {
    const offers = useOffersStore();
    await offers.refresh();
    expect(api.callsTo('GET', '/api/offers')).toHaveLength(0);

    await offers.load();
    api.use(mockListMyOffers([]));
    await offers.refresh();

    expect(api.callsTo('GET', '/api/offers')).toHaveLength(2);
    expect(ids()).toEqual([]);
  });
});
