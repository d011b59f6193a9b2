import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CustomerClientEvents, CustomerServerEvents } from '@switchboard/shared-contracts';
import { apiFailure, installApiMock, mockGetWidgetInbox, widgetInboxFixture, type ApiMock } from '@switchboard/web-data-access';
import { createFakeConnection, type ConnectRealtimeOptions, type FakeRealtimeConnection } from '@switchboard/web-realtime';
import { renderComponent } from '@switchboard/web-ui';
import WidgetApp from './WidgetApp.vue';
import { useInboxStore } from './inbox.store';
import { startWidgetRealtime } from './widget-realtime.connector';

type FakeCustomerConnection = FakeRealtimeConnection<CustomerServerEvents, CustomerClientEvents>;

describe('WidgetApp', () => {
  let api: ApiMock;
  let connection: FakeCustomerConnection;
  let options: ConnectRealtimeOptions | null;
  let stop: (() => void) | null;

  beforeEach(() => {
    api = installApiMock();
    connection = createFakeConnection<CustomerServerEvents, CustomerClientEvents>('connected');
    options = null;
    stop = null;
  });
  afterEach(() => {
    stop?.();
    api.restore();
  });

  /** Does what widget.js does on a page: load the inbox, then go live. */
  async function embed(inboxKey: string) {
    const view = await renderComponent(WidgetApp);
    const inbox = useInboxStore();
    await inbox.load(inboxKey);
    if (!inbox.isUnknown) {
      stop = startWidgetRealtime(inboxKey, {
        connect: (given) => {
          options = given;
          return connection;
        },
      });
    }
    await view.settle();
    await view.click(view.getByRole('button', { name: /^(Chat with|Open chat)/ }));
    return view;
  }

  it('shows the client, the inbox and that the team is online', async () => {
    api.use(mockGetWidgetInbox('wk_globex_demo', widgetInboxFixture({ online: true })));
    const view = await embed('wk_globex_demo');

    const panel = view.getByRole('dialog', { name: 'Chat with Globex Retail' });
    expect(panel.textContent).toContain('Website chat');
    expect(view.getByRole('status').textContent).toContain("We're online");
    expect(options?.auth()).toEqual({ inboxKey: 'wk_globex_demo' });
  });

  it('switches to away, and back, as inbox.availability arrives', async () => {
    api.use(mockGetWidgetInbox('wk_globex_demo', widgetInboxFixture({ online: true })));
    const view = await embed('wk_globex_demo');

    connection.emitFromServer('inbox.availability', widgetInboxFixture({ online: false }));
    await view.settle();
    expect(view.getByRole('status').textContent).toContain("We're away — leave a message and we'll reply by email");

    connection.emitFromServer('inbox.availability', widgetInboxFixture({ online: true }));
    await view.settle();
    expect(view.getByRole('status').textContent).toContain("We're online");
  });

  it('explains an unknown inbox key instead of pretending', async () => {
    api.use(mockGetWidgetInbox('wk_nope', apiFailure(404, 'INBOX_UNKNOWN', 'No chat inbox matches this key.')));
    const view = await embed('wk_nope');

    expect(view.getByRole('alert').textContent).toContain('Chat is unavailable');
    expect(view.getByRole('alert').textContent).toContain('No chat inbox matches this key.');
    expect(options).toBeNull();
  });

  it('shows the socket refusing an unknown inbox', async () => {
    api.use(mockGetWidgetInbox('wk_gone', widgetInboxFixture()));
    const view = await embed('wk_gone');

    options?.onRejected?.({ code: 'INBOX_UNKNOWN', message: 'This inbox no longer exists.' });
    await view.settle();

    expect(view.getByRole('alert').textContent).toContain('This inbox no longer exists.');
  });

  it('closes with Escape and gives focus back to the launcher', async () => {
    api.use(mockGetWidgetInbox('wk_globex_demo', widgetInboxFixture()));
    const view = await embed('wk_globex_demo');

    await view.press(view.getByRole('dialog'), 'Escape');

    expect(view.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(view.getByRole('button', { name: 'Chat with Globex Retail' }));
  });
});
