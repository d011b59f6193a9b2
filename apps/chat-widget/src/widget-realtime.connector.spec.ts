import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CustomerClientEvents, CustomerServerEvents } from '@switchboard/shared-contracts';
import { messageViewFixture, visitorProfileFixture, visitorSessionFixture } from '@switchboard/web-data-access';
import { createFakeConnection, type ConnectRealtimeOptions, type FakeRealtimeConnection } from '@switchboard/web-realtime';
import { renderComponent } from '@switchboard/web-ui';
import { useConversationStore } from './conversation.store';
import { useTypingStore } from './typing.store';
import { useVisitorStore } from './visitor.store';
import { startWidgetRealtime } from './widget-realtime.connector';

type FakeCustomerConnection = FakeRealtimeConnection<CustomerServerEvents, CustomerClientEvents>;

describe('startWidgetRealtime', () => {
  let connection: FakeCustomerConnection;
  let options: ConnectRealtimeOptions;
  let stop: (() => void) | null;

  beforeEach(async () => {
    localStorage.clear();
    await renderComponent({ render: () => null });
    connection = createFakeConnection<CustomerServerEvents, CustomerClientEvents>('connected');
    stop = null;
  });
  afterEach(() => stop?.());

  function start(inboxKey = 'wk_globex_demo') {
    stop = startWidgetRealtime(inboxKey, {
      connect: (given) => {
        options = given;
        return connection;
      },
    });
  }

  it('keeps the visitor token per inbox and presents it on every later connection', () => {
    start();
    expect(options.auth()).toEqual({ inboxKey: 'wk_globex_demo' });

    connection.emitFromServer('visitor.session', visitorSessionFixture({ visitorToken: 'vt-new' }));

    expect(localStorage.getItem('switchboard:visitor:wk_globex_demo')).toBe('vt-new');
    expect(localStorage.getItem('switchboard:visitor:wk_other')).toBeNull();
    connection.setState('reconnecting');
    connection.setState('connected');
    expect(options.auth()).toEqual({ inboxKey: 'wk_globex_demo', visitorToken: 'vt-new' });
  });

  it('continues a returning visitor’s conversation: the stored token goes with the first connection', () => {
    localStorage.setItem('switchboard:visitor:wk_globex_demo', 'vt-returning');
    start();
    expect(options.auth()).toEqual({ inboxKey: 'wk_globex_demo', visitorToken: 'vt-returning' });

    const earlier = messageViewFixture({ id: 'm1', body: 'Where is my order?' });
    connection.emitFromServer('visitor.session', visitorSessionFixture({ visitorToken: 'vt-returning', ticketId: 'ticket-1', messages: [earlier] }));

    expect(useConversationStore().timeline.map((entry) => entry.body)).toEqual(['Where is my order?']);
  });

  it('replaces a message the server re-masked (a card number typed across two messages)', () => {
    start();
    const first = messageViewFixture({ id: 'm1', seq: 1, body: 'my card is 4111 1111' });
    connection.emitFromServer('visitor.session', visitorSessionFixture({ ticketId: 'ticket-1', messages: [first] }));
    connection.emitFromServer('message.updated', { ...first, body: 'my card is **** ****' });

    expect(useConversationStore().timeline.map((entry) => entry.body)).toEqual(['my card is **** ****']);
  });

  it('still continues the conversation after a reconnect when the page may not use storage', () => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = () => {
      throw new DOMException('Blocked', 'SecurityError');
    };
    try {
      start();
      connection.emitFromServer('visitor.session', visitorSessionFixture({ visitorToken: 'vt-page-only' }));
    } finally {
      Storage.prototype.setItem = setItem;
    }
    expect(options.auth()).toEqual({ inboxKey: 'wk_globex_demo', visitorToken: 'vt-page-only' });
  });

  it('sends details and typing only on a connection the server has greeted', async () => {
    start();
    connection.answer('visitor.profile', (profile) => ({ ok: true, data: profile }));
    connection.answer('typing.set', (state) => ({ ok: true, data: state }));
    const visitor = useVisitorStore();
    const typing = useTypingStore();

    expect(await visitor.save(visitorProfileFixture({ email: 'ann@example.com' }))).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    typing.visitorTyped();
    expect(connection.requests).toHaveLength(0);

    connection.emitFromServer('visitor.session', visitorSessionFixture({ profile: visitorProfileFixture({ name: 'Ann' }) }));
    expect(visitor.profile).toEqual({ name: 'Ann', email: null });
    expect(await visitor.save(visitorProfileFixture({ name: 'Ann', email: 'ann@example.com' }))).toBeNull();
    typing.visitorTyped();
    expect(connection.requests.map((request) => request.event)).toEqual(['visitor.profile', 'typing.set']);

    connection.emitFromServer('agent.typing', { typing: true, name: 'Maria' });
    connection.setState('reconnecting');
    expect(typing.agentName).toBeNull();
    typing.visitorStopped();
    expect(await visitor.save(visitorProfileFixture())).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect(connection.requests).toHaveLength(2);
  });
});
