import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CustomerClientEvents, CustomerServerEvents } from '@switchboard/shared-contracts';
import {
  apiFailure,
  installApiMock,
  messageViewFixture,
  mockGetWidgetInbox,
  visitorSessionFixture,
  widgetInboxFixture,
  type ApiMock,
} from '@switchboard/web-data-access';
import { createFakeConnection, type ConnectRealtimeOptions, type FakeRealtimeConnection } from '@switchboard/web-realtime';
import { renderComponent, within } from '@switchboard/web-ui';
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
    localStorage.clear();
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
    expect(view.getByRole('status').textContent).toContain("We're away — leave a message and we'll reply here");

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

  it('lets the visitor write while the team is away: the message waits in the queue', async () => {
    api.use(mockGetWidgetInbox('wk_globex_demo', widgetInboxFixture({ online: false })));
    connection.answer('message.send', (request) => ({ ok: true, data: messageViewFixture({ body: request.body, clientMsgId: request.clientMsgId }) }));
    const view = await embed('wk_globex_demo');
    connection.emitFromServer('visitor.session', visitorSessionFixture());

    await view.type(view.getByRole('textbox', { name: 'Message' }), 'Please call me back');
    await view.click(view.getByRole('button', { name: 'Send' }));

    expect(view.getByRole('status').textContent).toContain("We're away");
    expect(within(view.getByRole('list', { name: 'Conversation' })).getByRole('listitem').textContent).toContain('Please call me back');
    expect(view.queryByText(/coming soon/)).toBeNull();
  });

  it('says so when the socket is refused for a known inbox, keeping what was written', async () => {
    api.use(mockGetWidgetInbox('wk_globex_demo', widgetInboxFixture()));
    const view = await embed('wk_globex_demo');

    options?.onRejected?.({ code: 'ORIGIN_NOT_ALLOWED', message: 'Chat is not enabled on this website.' });
    await view.settle();

    expect(view.getByRole('alert').textContent).toContain('Chat is not enabled on this website.');
    expect(view.getByRole('textbox', { name: 'Message' })).toBeTruthy();
  });

  it('closes with Escape and gives focus back to the launcher', async () => {
    api.use(mockGetWidgetInbox('wk_globex_demo', widgetInboxFixture()));
    const view = await embed('wk_globex_demo');

    await view.press(view.getByRole('dialog'), 'Escape');

    expect(view.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(view.getByRole('button', { name: 'Chat with Globex Retail' }));
  });
});
