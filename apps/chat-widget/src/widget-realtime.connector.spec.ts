import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CustomerClientEvents, CustomerServerEvents } from '@switchboard/shared-contracts';
import { messageViewFixture, visitorSessionFixture } from '@switchboard/web-data-access';
import { createFakeConnection, type ConnectRealtimeOptions, type FakeRealtimeConnection } from '@switchboard/web-realtime';
import { renderComponent } from '@switchboard/web-ui';
import { useConversationStore } from './conversation.store';
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
});
