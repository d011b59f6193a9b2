import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatSendRequest, CustomerClientEvents, CustomerServerEvents, VisitorProfile } from '@switchboard/shared-contracts';
import {
  apiFailure,
  installApiMock,
  messageViewFixture,
  mockGetWidgetInbox,
  visitorProfileFixture,
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

  it('shows the inbox greeting at the top, as text', async () => {
    api.use(mockGetWidgetInbox('wk_globex_demo', widgetInboxFixture({ greeting: 'Hi there! <b>Ask</b> us anything about your order.' })));
    const view = await embed('wk_globex_demo');

    expect(view.getByText('Hi there! <b>Ask</b> us anything about your order.')).toBeTruthy();
    expect(view.getByRole('dialog').querySelector('b')).toBeNull();
  });

  describe('pre-chat form', () => {
    const profilesSent = () => connection.requests.filter((request) => request.event === 'visitor.profile').map((request) => request.payload as VisitorProfile);

    it('stands before the first message until the required details are given, showing what is wrong', async () => {
      api.use(mockGetWidgetInbox('wk_globex_demo', widgetInboxFixture({ preChat: { name: 'required', email: 'optional' } })));
      const view = await embed('wk_globex_demo');
      connection.emitFromServer('visitor.session', visitorSessionFixture());
      await view.settle();

      const form = view.getByRole('form', { name: 'Before we start' });
      expect(view.queryByRole('textbox', { name: 'Message' })).toBeNull();
      expect(view.queryByRole('button', { name: 'Skip' })).toBeNull();
      expect(view.getByRole('textbox', { name: 'Your name' }).getAttribute('aria-required')).toBe('true');
      expect(within(form).getByText('(optional)')).toBeTruthy();

      await view.click(view.getByRole('button', { name: 'Start chat' }));
      expect(view.getByText('Please tell us your name.')).toBeTruthy();
      expect(document.activeElement).toBe(view.getByRole('textbox', { name: 'Your name' }));
      expect(profilesSent()).toHaveLength(0);

      connection.answer('visitor.profile', () => ({
        ok: false,
        error: { code: 'VALIDATION_FAILED', message: 'Some details are not valid.', fields: [{ field: 'email', message: 'This is not an email address.' }] },
      }));
      await view.type(view.getByRole('textbox', { name: 'Your name' }), ' Ann ');
      await view.type(view.getByRole('textbox', { name: 'Your email (optional)' }), 'ann@');
      await view.click(view.getByRole('button', { name: 'Start chat' }));

      expect(view.queryByText('Please tell us your name.')).toBeNull();
      expect(view.getByText('This is not an email address.')).toBeTruthy();
      expect(view.getByRole('textbox', { name: 'Your email (optional)' }).getAttribute('aria-invalid')).toBe('true');
      expect(view.queryByRole('textbox', { name: 'Message' })).toBeNull();

      connection.answer('visitor.profile', (request) => ({ ok: true, data: request }));
      await view.type(view.getByRole('textbox', { name: 'Your email (optional)' }), 'ann@example.com');
      await view.click(view.getByRole('button', { name: 'Start chat' }));

      expect(profilesSent().at(-1)).toEqual({ name: 'Ann', email: 'ann@example.com' });
      expect(view.queryByRole('form', { name: 'Before we start' })).toBeNull();
      expect(view.getByRole('textbox', { name: 'Message' })).toBeTruthy();
    });

    it('is not shown to a visitor who already told us, nor once the conversation has begun', async () => {
      api.use(mockGetWidgetInbox('wk_globex_demo', widgetInboxFixture({ preChat: { name: 'required', email: 'required' } })));
      const view = await embed('wk_globex_demo');
      connection.emitFromServer('visitor.session', visitorSessionFixture({ profile: visitorProfileFixture({ name: 'Ann', email: 'ann@example.com' }) }));
      await view.settle();
      expect(view.queryByRole('form', { name: 'Before we start' })).toBeNull();

      connection.emitFromServer('visitor.session', visitorSessionFixture({ ticketId: 'ticket-1', messages: [messageViewFixture({ body: 'Earlier question' })] }));
      await view.settle();
      expect(view.queryByRole('form', { name: 'Before we start' })).toBeNull();
      expect(view.getByText('Earlier question')).toBeTruthy();
    });

    it('can be skipped when every detail is optional', async () => {
      api.use(mockGetWidgetInbox('wk_globex_demo', widgetInboxFixture({ preChat: { name: 'optional', email: 'off' } })));
      const view = await embed('wk_globex_demo');
      connection.emitFromServer('visitor.session', visitorSessionFixture());
      await view.settle();

      expect(view.queryByRole('textbox', { name: /Your email/ })).toBeNull();
      await view.click(view.getByRole('button', { name: 'Skip' }));

      expect(view.queryByRole('form', { name: 'Before we start' })).toBeNull();
      expect(view.getByRole('textbox', { name: 'Message' })).toBeTruthy();
      expect(profilesSent()).toHaveLength(0);
    });
  });

  describe('while the team is away', () => {
    const away = () => widgetInboxFixture({ online: false, open: false, offline: true });

    it('takes a message with the visitor’s email: the details first, then the message, then a confirmation', async () => {
      api.use(mockGetWidgetInbox('wk_globex_demo', away()));
      connection.answer('visitor.profile', (request) => ({ ok: true, data: request }));
      connection.answer('message.send', (request) => ({ ok: true, data: messageViewFixture({ body: request.body, clientMsgId: request.clientMsgId }) }));
      const view = await embed('wk_globex_demo');
      connection.emitFromServer('visitor.session', visitorSessionFixture());
      await view.settle();

      expect(view.getByRole('status').textContent).toContain("We're away right now — leave a message and we'll reply by email");
      view.getByRole('form', { name: 'Leave a message' });
      await view.type(view.getByRole('textbox', { name: 'Message' }), 'My parcel never arrived.');
      await view.click(view.getByRole('button', { name: 'Send message' }));

      expect(view.getByText('Please tell us your email address.')).toBeTruthy();
      expect(connection.requests).toHaveLength(0);

      await view.type(view.getByRole('textbox', { name: 'Your name (optional)' }), 'Ann');
      await view.type(view.getByRole('textbox', { name: 'Your email' }), 'ann@example.com');
      await view.click(view.getByRole('button', { name: 'Send message' }));

      expect(connection.requests.map((request) => request.event)).toEqual(['visitor.profile', 'message.send']);
      expect(connection.requests[0].payload).toEqual({ name: 'Ann', email: 'ann@example.com' });
      expect((connection.requests[1].payload as ChatSendRequest).body).toBe('My parcel never arrived.');
      expect(view.queryByRole('form', { name: 'Leave a message' })).toBeNull();
      expect(view.getByText("Thanks — we've got your message and will reply by email to ann@example.com.")).toBeTruthy();
      expect(within(view.getByRole('list', { name: 'Conversation' })).getByRole('listitem').textContent).toContain('My parcel never arrived.');
    });

    it('still confirms the message after a reload, without asking again', async () => {
      api.use(mockGetWidgetInbox('wk_globex_demo', away()));
      const view = await embed('wk_globex_demo');
      connection.emitFromServer(
        'visitor.session',
        visitorSessionFixture({
          ticketId: 'ticket-1',
          profile: visitorProfileFixture({ name: 'Ann', email: 'ann@example.com' }),
          messages: [messageViewFixture({ body: 'My parcel never arrived.' })],
        }),
      );
      await view.settle();

      expect(view.queryByRole('form', { name: 'Leave a message' })).toBeNull();
      expect(view.getByText("Thanks — we've got your message and will reply by email to ann@example.com.")).toBeTruthy();
      expect(view.getByText('My parcel never arrived.')).toBeTruthy();
    });

    it('does not send the message when the details are refused', async () => {
      api.use(mockGetWidgetInbox('wk_globex_demo', away()));
      connection.answer('visitor.profile', () => ({
        ok: false,
        error: { code: 'VALIDATION_FAILED', message: 'Some details are not valid.', fields: [{ field: 'email', message: 'This is not an email address.' }] },
      }));
      const view = await embed('wk_globex_demo');
      connection.emitFromServer('visitor.session', visitorSessionFixture());
      await view.settle();

      await view.type(view.getByRole('textbox', { name: 'Your email' }), 'ann@');
      await view.type(view.getByRole('textbox', { name: 'Message' }), 'Hello?');
      await view.click(view.getByRole('button', { name: 'Send message' }));

      expect(view.getByText('This is not an email address.')).toBeTruthy();
      expect(connection.requests.map((request) => request.event)).toEqual(['visitor.profile']);
      expect((view.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement).value).toBe('Hello?');
    });
  });
});
