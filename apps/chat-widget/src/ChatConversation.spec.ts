import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHAT_MESSAGE_MAX_BYTES, type Ack, type ChatSendRequest, type CustomerClientEvents, type CustomerServerEvents, type MessageView } from '@switchboard/shared-contracts';
import { messageViewFixture, visitorSessionFixture } from '@switchboard/web-data-access';
import { createFakeConnection, type FakeRealtimeConnection } from '@switchboard/web-realtime';
import { renderComponent, within, type RenderResult } from '@switchboard/web-ui';
import ChatConversation from './ChatConversation.vue';
import { startWidgetRealtime } from './widget-realtime.connector';

type FakeCustomerConnection = FakeRealtimeConnection<CustomerServerEvents, CustomerClientEvents>;

/** What the server answers to `message.send`: the message as stored. */
const stored = (request: ChatSendRequest, seq = 1): MessageView =>
  messageViewFixture({ id: `message-${request.clientMsgId}`, seq, body: request.body, clientMsgId: request.clientMsgId });

const sent = (connection: FakeCustomerConnection) =>
  connection.requests.filter((request) => request.event === 'message.send').map((request) => request.payload as ChatSendRequest);

describe('ChatConversation', () => {
  let connection: FakeCustomerConnection;
  let stop: () => void;
  let view: RenderResult;

  beforeEach(async () => {
    localStorage.clear();
    view = await renderComponent(ChatConversation);
    connection = createFakeConnection<CustomerServerEvents, CustomerClientEvents>('connected');
    stop = startWidgetRealtime('wk_globex_demo', { connect: () => connection });
  });
  afterEach(() => stop());

  const conversation = () => view.getByRole('list', { name: 'Conversation' });
  const messages = () => within(conversation()).getAllByRole('listitem');
  const draft = () => (view.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement).value;

  async function write(text: string, how: 'enter' | 'button' = 'enter') {
    const field = view.getByRole('textbox', { name: 'Message' });
    await view.type(field, text);
    if (how === 'enter') await view.press(field, 'Enter');
    else await view.click(view.getByRole('button', { name: 'Send' }));
  }

  it('shows the conversation the server remembers, as plain text, saying who wrote what', async () => {
    connection.emitFromServer(
      'visitor.session',
      visitorSessionFixture({
        ticketId: 'ticket-1',
        messages: [
          messageViewFixture({ id: 'm2', seq: 2, direction: 'outbound', body: 'Hello! <b>Happy</b> to help.' }),
          messageViewFixture({ id: 'm1', seq: 1, direction: 'inbound', body: 'Where is my order?' }),
        ],
      }),
    );
    await view.settle();

    expect(messages().map((item) => item.textContent?.trim())).toEqual(['You: Where is my order?', 'Agent: Hello! <b>Happy</b> to help.']);
    expect(conversation().querySelector('b')).toBeNull();
    expect(conversation().getAttribute('aria-live')).toBe('polite');
  });

  it('sends with Enter, shows it as sending, then as the message the server stored', async () => {
    connection.emitFromServer('visitor.session', visitorSessionFixture());
    let answer: (ack: Ack<MessageView>) => void = () => undefined;
    connection.answer('message.send', () => new Promise((resolve) => (answer = resolve)));

    await write('  Where is my order?\n');

    expect(within(messages()[0]).getByText('Sending…')).toBeTruthy();
    expect(draft()).toBe('');
    const [request] = sent(connection);
    expect(request.body).toBe('Where is my order?');
    expect(request.clientMsgId).toMatch(/^[0-9a-f-]{36}$/);

    answer({ ok: true, data: stored(request) });
    await view.settle();

    expect(messages()).toHaveLength(1);
    expect(messages()[0].textContent?.trim()).toBe('You: Where is my order?');
    expect(view.queryByText('Sending…')).toBeNull();
  });

  it('makes a new line with Shift+Enter instead of sending', async () => {
    connection.emitFromServer('visitor.session', visitorSessionFixture());
    const field = view.getByRole('textbox', { name: 'Message' });
    await view.type(field, 'First line');

    const shiftEnter = new KeyboardEvent('keydown', { key: 'Enter', shiftKey: true, bubbles: true, cancelable: true });
    field.dispatchEvent(shiftEnter);
    await view.settle();

    expect(shiftEnter.defaultPrevented).toBe(false);
    expect(sent(connection)).toHaveLength(0);
  });

  it('shows why a message was refused, and Retry sends it again with the same clientMsgId', async () => {
    connection.emitFromServer('visitor.session', visitorSessionFixture());
    connection.answer('message.send', () => ({ ok: false, error: { code: 'SERVICE_UNAVAILABLE', message: 'Chat is busy right now. Please try again.' } }));

    await write('Hello?', 'button');

    const failed = within(messages()[0]);
    expect(failed.getByText('Chat is busy right now. Please try again.')).toBeTruthy();
    expect(failed.queryByText('Sending…')).toBeNull();

    connection.answer('message.send', (request) => ({ ok: true, data: stored(request) }));
    await view.click(failed.getByRole('button', { name: 'Retry' }));

    const [first, second] = sent(connection);
    expect(second.clientMsgId).toBe(first.clientMsgId);
    expect(second.body).toBe('Hello?');
    expect(messages()).toHaveLength(1);
    expect(view.queryByText('Chat is busy right now. Please try again.')).toBeNull();
    expect(view.queryByRole('button', { name: 'Retry' })).toBeNull();
  });

  it('refuses a message over the size limit before sending it, counting UTF-8 bytes', async () => {
    connection.emitFromServer('visitor.session', visitorSessionFixture());
    const tooLarge = 'é'.repeat(CHAT_MESSAGE_MAX_BYTES / 2 + 1); // fewer characters than the limit, more bytes

    await write(tooLarge, 'button');

    expect(view.getByRole('alert').textContent).toContain('This message is too long to send: the limit is 8 KB of text.');
    expect(draft()).toBe(tooLarge);
    expect(sent(connection)).toHaveLength(0);
    expect(within(conversation()).queryByRole('listitem')).toBeNull();

    await view.type(view.getByRole('textbox', { name: 'Message' }), 'Short now');
    expect(view.queryByRole('alert')).toBeNull();
  });

  it('offers Edit, not Retry, when the server refuses a message as too large', async () => {
    connection.emitFromServer('visitor.session', visitorSessionFixture());
    connection.answer('message.send', () => ({ ok: false, error: { code: 'MESSAGE_TOO_LARGE', message: 'This message is too large.' } }));

    await write('Big one');
    expect(view.getByText('This message is too large.')).toBeTruthy();
    expect(view.queryByRole('button', { name: 'Retry' })).toBeNull();

    await view.click(view.getByRole('button', { name: 'Edit' }));
    expect(draft()).toBe('Big one');
    expect(within(conversation()).queryByRole('listitem')).toBeNull();
  });

  it('shows each message once, however often message.created brings it', async () => {
    connection.emitFromServer('visitor.session', visitorSessionFixture());
    connection.answer('message.send', (request) => {
      // The server tells every tab of the visitor, this one too, before the ack arrives.
      connection.emitFromServer('message.created', stored(request));
      return { ok: true, data: stored(request) };
    });

    await write('Mine');
    const reply = messageViewFixture({ id: 'reply-1', seq: 2, direction: 'outbound', body: 'An agent reply' });
    connection.emitFromServer('message.created', reply);
    connection.emitFromServer('message.created', reply);
    connection.emitFromServer('message.created', messageViewFixture({ id: 'other-tab', seq: 3, body: 'From my other tab', clientMsgId: 'other-tab-msg' }));
    await view.settle();

    expect(messages().map((item) => item.textContent?.trim())).toEqual(['You: Mine', 'Agent: An agent reply', 'You: From my other tab']);
  });

  it('keeps messages written while disconnected as sending, and sends them after the reconnect', async () => {
    connection.emitFromServer('visitor.session', visitorSessionFixture());
    connection.answer('message.send', (request) => ({ ok: true, data: stored(request) }));
    connection.setState('reconnecting');
    await view.settle();

    await write('Still there?');
    await write('Hello?');

    expect(messages().map((item) => within(item).queryByText('Sending…') !== null)).toEqual([true, true]);
    expect(sent(connection)).toHaveLength(0);

    connection.setState('connected');
    connection.emitFromServer('visitor.session', visitorSessionFixture({ visitorToken: 'visitor-token-1' }));
    await view.settle();

    expect(sent(connection).map((request) => request.body)).toEqual(['Still there?', 'Hello?']);
    expect(view.queryByText('Sending…')).toBeNull();
    expect(messages()).toHaveLength(2);
  });
});
