import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AgentClientEvents, AgentServerEvents, UserView } from '@switchboard/shared-contracts';
import {
  endSession,
  installApiMock,
  meResponseFixture,
  mockAcceptOffer,
  mockGetMe,
  mockListMyOffers,
  offerClosedFixture,
  offerViewFixture,
  seedSession,
  ticketAssignedFixture,
  ticketSummaryFixture,
  userFixture,
  useSessionStore,
  type ApiMock,
} from '@switchboard/web-data-access';
import { createFakeConnection, type FakeRealtimeConnection } from '@switchboard/web-realtime';
import { renderComponent, within } from '@switchboard/web-ui';
import { startAgentRealtime } from '../realtime/agent-realtime.connector';
import OfferToast from './OfferToast.vue';
import { useOffersStore } from './offers.store';

type FakeAgentConnection = FakeRealtimeConnection<AgentServerEvents, AgentClientEvents>;

const EMPTY = { render: () => null };
const globexOffer = (overrides: Parameters<typeof offerViewFixture>[0] = {}) =>
  offerViewFixture({
    id: 'offer-1042',
    queueName: 'Globex support',
    ticket: ticketSummaryFixture({ id: 'ticket-1042', reference: 'SB-1042', clientId: 'client-globex', channel: 'chat', contactName: 'Ana Gomez', preview: 'My parcel never arrived', language: 'es' }),
    ...overrides,
  });

describe('OfferToast', () => {
  let api: ApiMock;
  let connection: FakeAgentConnection;
  let stop: (() => void) | null = null;

  beforeEach(() => {
    api = installApiMock(mockGetMe(meResponseFixture()), mockListMyOffers([]));
    connection = createFakeConnection<AgentServerEvents, AgentClientEvents>('connected');
    connection.answer('offer.accept', ({ offerId }) => ({ ok: true, data: ticketAssignedFixture({ offerId, ticketId: 'ticket-1042' }) }));
    connection.answer('offer.reject', ({ offerId }) => ({ ok: true, data: { offerId } }));
  });
  afterEach(() => {
    stop?.();
    stop = null;
    vi.useRealTimers();
    api.restore();
    endSession();
  });

  /** The toast as the console shows it: fed by the realtime connector, for a signed-in user. */
  async function renderToast(user: UserView = userFixture()) {
    seedSession(user);
    const view = await renderComponent(OfferToast, {
      routes: [
        { path: '/', component: EMPTY },
        { path: '/tickets/:ticketId', name: 'ticket', component: EMPTY },
      ],
    });
    stop = startAgentRealtime(() => connection);
    await Promise.all([useSessionStore().loadMe(), useOffersStore().load()]);
    await view.settle();
    return view;
  }

  async function offered(view: Awaited<ReturnType<typeof renderToast>>, offer = globexOffer()) {
    connection.emitFromServer('ticket.offered', offer);
    await view.settle();
  }

  it('shows an offer with its client, channel, queue, ticket, preview and a countdown', async () => {
    const view = await renderToast();
    await offered(view, globexOffer({ transfer: { fromAgentName: 'Ravi Kumar', note: 'Customer prefers Spanish', warm: true } }));

    const card = within(view.getByRole('alertdialog', { name: 'Chat offer SB-1042 from Globex Retail' }));
    expect(card.getByText('Globex Retail')).toBeTruthy();
    expect(card.getByText('Chat · Globex support')).toBeTruthy();
    expect(card.getByText('SB-1042')).toBeTruthy();
    expect(card.getByText('Ana Gomez')).toBeTruthy();
    expect(card.getByText('Spanish')).toBeTruthy();
    expect(card.getByText('My parcel never arrived')).toBeTruthy();
    expect(card.getByText('Warm transfer from Ravi Kumar: “Customer prefers Spanish”')).toBeTruthy();
    expect(card.getByRole('timer').textContent).toMatch(/^(30|29)s$/);
    expect(card.getByRole('button', { name: 'Accept' })).toBeTruthy();
    expect(card.getByRole('button', { name: 'Reject' })).toBeTruthy();
  });

  it('counts down and turns red in the last 5 seconds', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    const view = await renderToast();
    await offered(view, globexOffer({ timeoutSeconds: 12, expiresAt: new Date(Date.now() + 12_000).toISOString() }));
    const timer = () => view.getByRole('timer');
    expect(timer().textContent).toBe('12s');
    expect(timer().closest('.offer-card--urgent')).toBeNull();

    vi.advanceTimersByTime(7000);
    await view.settle();

    expect(timer().textContent).toBe('5s');
    expect(timer().getAttribute('aria-label')).toBe('5 seconds left to answer');
    expect(timer().closest('.offer-card--urgent')).not.toBeNull();
  });

  it('accepts: the card leaves and the ticket is confirmed, with a link to its workspace', async () => {
    const view = await renderToast(userFixture({ role: 'team_lead' }));
    await offered(view);

    await view.click(view.getByRole('button', { name: 'Accept' }));

    expect(connection.requests).toEqual([{ event: 'offer.accept', payload: { offerId: 'offer-1042' } }]);
    expect(view.queryByRole('alertdialog')).toBeNull();
    expect(view.getByRole('alert').textContent).toContain('SB-1042 is yours.');
    expect(view.getByRole('link', { name: 'Open SB-1042' }).getAttribute('href')).toBe('/tickets/ticket-1042');
  });

  it('confirms over HTTP while the connection is down', async () => {
    api.use(mockAcceptOffer('offer-1042'));
    const view = await renderToast();
    await offered(view);
    connection.setState('reconnecting');

    await view.click(view.getByRole('button', { name: 'Accept' }));

    expect(api.callsTo('POST', '/api/offers/offer-1042/accept')).toHaveLength(1);
    expect(view.getByRole('alert').textContent).toContain('SB-1042 is yours.');
  });

  it('shows the server’s message when the accept is refused', async () => {
    connection.answer('offer.accept', () => ({ ok: false, error: { code: 'OFFER_EXPIRED', message: 'The offer ran out of time; the ticket went back to the queue.' } }));
    const view = await renderToast();
    await offered(view);

    await view.click(view.getByRole('button', { name: 'Accept' }));

    expect(view.queryByRole('alertdialog')).toBeNull();
    expect(view.getByRole('alert').textContent).toContain('The offer ran out of time; the ticket went back to the queue.');
  });

  it('removes the card when the offer closes (timed out or withdrawn)', async () => {
    const view = await renderToast();
    await offered(view);
    expect(view.getByRole('alertdialog')).toBeTruthy();

    connection.emitFromServer('offer.closed', offerClosedFixture({ offerId: 'offer-1042', ticketId: 'ticket-1042', status: 'timed_out' }));
    await view.settle();

    expect(view.queryByRole('alertdialog')).toBeNull();
    expect(view.queryByRole('alert')).toBeNull();
  });

  it('ignores an offer of a client the user does not serve', async () => {
    const view = await renderToast();

    await offered(view, offerViewFixture({ id: 'offer-foreign', ticket: ticketSummaryFixture({ id: 'ticket-foreign', clientId: 'client-initech', reference: 'SB-9999' }) }));

    expect(view.queryByRole('alertdialog')).toBeNull();
    expect(view.queryByText(/SB-9999/)).toBeNull();
  });

  it('answers the oldest offer from the keyboard, but not while typing or when Enter belongs to a focused button', async () => {
    const view = await renderToast();
    await offered(view, globexOffer({ createdAt: new Date(Date.now() - 5000).toISOString() }));
    await offered(view, offerViewFixture({ id: 'offer-1043', ticket: ticketSummaryFixture({ id: 'ticket-1043', reference: 'SB-1043', clientId: 'client-northwind' }) }));
    const field = document.createElement('input');
    const button = document.createElement('button');
    document.body.append(field, button);

    await view.press(field, 'r');
    await view.press(field, 'Enter');
    await view.press(button, 'Enter');
    expect(connection.requests).toEqual([]);

    await view.press(document.body, 'Escape');
    expect(connection.requests).toEqual([{ event: 'offer.reject', payload: { offerId: 'offer-1042' } }]);
    expect(view.getAllByRole('alertdialog').map((dialog) => dialog.getAttribute('aria-label'))).toEqual(['Chat offer SB-1043 from Northwind Traders']);

    await view.press(document.body, 'a');
    expect(connection.requests[1]).toEqual({ event: 'offer.accept', payload: { offerId: 'offer-1043' } });
    expect(view.queryByRole('alertdialog')).toBeNull();
    field.remove();
    button.remove();
  });

  describe('when the agent looks elsewhere', () => {
    const shown: { title: string; body: string | undefined; tag: string | undefined }[] = [];
    const tones: number[] = [];
    let permission: NotificationPermission = 'granted';
    let visibility: DocumentVisibilityState = 'hidden';

    beforeEach(() => {
      shown.length = 0;
      tones.length = 0;
      permission = 'granted';
      visibility = 'hidden';
      vi.stubGlobal(
        'Notification',
        class {
          static get permission() {
            return permission;
          }
          static requestPermission = vi.fn(async () => (permission = 'granted'));
          onclick: (() => void) | null = null;
          constructor(title: string, options?: NotificationOptions) {
            shown.push({ title, body: options?.body, tag: options?.tag });
          }
          close = vi.fn();
        },
      );
      vi.stubGlobal(
        'AudioContext',
        class {
          currentTime = 0;
          destination = {};
          createOscillator() {
            const tone = { frequency: { value: 0 }, connect: (node: unknown) => node, start: () => tones.push(tone.frequency.value), stop: () => undefined };
            return tone;
          }
          createGain() {
            return { gain: { setValueAtTime: () => undefined, exponentialRampToValueAtTime: () => undefined }, connect: (node: unknown) => node };
          }
        },
      );
      vi.spyOn(document, 'visibilityState', 'get').mockImplementation(() => visibility);
    });
    afterEach(() => {
      vi.unstubAllGlobals();
      vi.restoreAllMocks();
    });

    it('chimes and shows a desktop notification while the console is in the background', async () => {
      const view = await renderToast();
      await offered(view);

      expect(tones).toEqual([880, 1175]);
      expect(shown).toEqual([{ title: 'New chat offer · Globex Retail', body: 'SB-1042 · Ana Gomez: My parcel never arrived', tag: 'offer-1042' }]);
    });

    it('only chimes while the console is in front, or when notifications were not allowed', async () => {
      visibility = 'visible';
      const view = await renderToast();
      await offered(view);
      visibility = 'hidden';
      permission = 'default';
      await offered(view, globexOffer({ id: 'offer-1043', ticket: ticketSummaryFixture({ id: 'ticket-1043', reference: 'SB-1043', clientId: 'client-globex' }) }));

      expect(shown).toEqual([]);
      expect(tones).toHaveLength(4);
    });
  });
});
