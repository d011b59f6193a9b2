import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nextTick } from 'vue';
import {
  CHAT_MESSAGE_MAX_BYTES,
  type Ack,
  type ChatSendRequest,
  type CsatRequest,
  type CustomerClientEvents,
  type CustomerServerEvents,
  type MessageView,
  type TypingState,
  type VisitorProfile,
} from '@switchboard/shared-contracts';
import { messageViewFixture, visitorSessionFixture, visitorTicketStatusFixture } from '@switchboard/web-data-access';
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

const requested = <T>(connection: FakeCustomerConnection, event: string) =>
  connection.requests.filter((request) => request.event === event).map((request) => request.payload as T);

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
  afterEach(() => {
    stop();
    vi.useRealTimers();
  });

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

  it('shows markup and scripts in anyone’s text as the text itself, never running it', async () => {
    const hostile = '<img src=x onerror="window.pwned=1"><script>window.pwned=1</script>';
    connection.emitFromServer(
      'visitor.session',
      visitorSessionFixture({
        ticketId: 'ticket-1',
        messages: [
          messageViewFixture({ id: 'm1', seq: 1, body: `I typed ${hostile}` }),
          messageViewFixture({ id: 'm2', seq: 2, direction: 'outbound', authorName: '<i>Maria</i>', body: `Agent says ${hostile}` }),
        ],
      }),
    );
    connection.emitFromServer('agent.typing', { typing: true, name: '<b>Eve</b>' });
    await view.settle();

    expect(messages().map((item) => item.textContent?.trim())).toEqual([`You: I typed ${hostile}`, `<i>Maria</i>: Agent says ${hostile}`]);
    expect(view.getByText('<b>Eve</b> is typing…')).toBeTruthy();
    expect(view.container.querySelector('img, script, i, b')).toBeNull();
    expect((window as Window & { pwned?: number }).pwned).toBeUndefined();
  });

  it('names the agent on their replies', async () => {
    connection.emitFromServer(
      'visitor.session',
      visitorSessionFixture({ ticketId: 'ticket-1', messages: [messageViewFixture({ id: 'm1', direction: 'outbound', authorName: 'Maria', body: 'Hi, I am on it.' })] }),
    );
    await view.settle();

    expect(within(messages()[0]).getByText('Maria:')).toBeTruthy();
    expect(messages()[0].textContent?.trim()).toBe('Maria: Hi, I am on it.');
  });

  describe('typing', () => {
    /** Types like a person, `at` ms after the previous keystroke, with fake time. */
    async function keystroke(text: string, at = 0) {
      await vi.advanceTimersByTimeAsync(at);
      const field = view.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement;
      field.value = text;
      field.dispatchEvent(new Event('input', { bubbles: true }));
      await nextTick();
    }
    const typingSent = () => requested<TypingState>(connection, 'typing.set').map((request) => request.typing);

    beforeEach(async () => {
      connection.answer('typing.set', (request) => ({ ok: true, data: request }));
      connection.emitFromServer('visitor.session', visitorSessionFixture());
      await view.settle();
      vi.useFakeTimers();
    });

    it('tells the agent the visitor is typing at most every 2 s, and that they stopped after 4 s idle', async () => {
      await keystroke('W');
      await keystroke('Wh', 500);
      await keystroke('Whe', 500);
      expect(typingSent()).toEqual([true]);

      await keystroke('Wher', 1_100); // 2.1 s after the first signal, still typing
      expect(typingSent()).toEqual([true, true]);

      await vi.advanceTimersByTimeAsync(3_900);
      expect(typingSent()).toEqual([true, true]);
      await vi.advanceTimersByTimeAsync(200);
      expect(typingSent()).toEqual([true, true, false]);
    });

    it('says the visitor stopped typing as soon as the message is sent', async () => {
      connection.answer('message.send', (request) => ({ ok: true, data: stored(request) }));
      await keystroke('Hello');
      view.getByRole('button', { name: 'Send' }).click();
      await vi.advanceTimersByTimeAsync(0);

      expect(typingSent()).toEqual([true, false]);
      await vi.advanceTimersByTimeAsync(10_000);
      expect(typingSent()).toEqual([true, false]);
    });

    it('shows which agent is typing, and hides it after 6 s without a refresh', async () => {
      connection.emitFromServer('agent.typing', { typing: true, name: 'Maria' });
      await nextTick();
      expect(view.getByText('Maria is typing…')).toBeTruthy();

      await vi.advanceTimersByTimeAsync(5_000);
      connection.emitFromServer('agent.typing', { typing: true, name: 'Maria' }); // refreshed: shown for 6 s more
      await vi.advanceTimersByTimeAsync(5_000);
      expect(view.queryByText('Maria is typing…')).not.toBeNull();

      await vi.advanceTimersByTimeAsync(1_100);
      expect(view.queryByText('Maria is typing…')).toBeNull();
    });

    it('hides the agent typing as soon as they stop or their reply arrives', async () => {
      connection.emitFromServer('agent.typing', { typing: true, name: 'Maria' });
      connection.emitFromServer('agent.typing', { typing: false, name: 'Maria' });
      await nextTick();
      expect(view.queryByText(/is typing/)).toBeNull();

      connection.emitFromServer('agent.typing', { typing: true, name: 'Maria' });
      connection.emitFromServer('message.created', messageViewFixture({ id: 'r1', direction: 'outbound', authorName: 'Maria', body: 'Found it!' }));
      await nextTick();
      expect(view.queryByText(/is typing/)).toBeNull();
      expect(view.getByText('Found it!')).toBeTruthy();
    });
  });

  describe('rating the conversation', () => {
    const ratings = () => requested<CsatRequest>(connection, 'csat.submit');

    it('asks how we did once the ticket is resolved, and sends the score and comment', async () => {
      connection.emitFromServer('visitor.session', visitorSessionFixture({ ticketId: 'ticket-1', messages: [messageViewFixture()] }));
      connection.answer('csat.submit', (request) => ({ ok: true, data: visitorTicketStatusFixture({ ticketId: request.ticketId, csatRequested: false }) }));
      await view.settle();
      expect(view.queryByText('How did we do?')).toBeNull();

      connection.emitFromServer('ticket.status', visitorTicketStatusFixture({ ticketId: 'ticket-1', status: 'resolved', csatRequested: true }));
      await view.settle();

      const rating = view.getByRole('group', { name: 'How did we do?' });
      expect(within(rating).getAllByRole('button').map((button) => button.getAttribute('aria-label'))).toEqual([
        '1 – Very poor',
        '2 – Poor',
        '3 – Okay',
        '4 – Good',
        '5 – Excellent',
      ]);
      await view.click(view.getByRole('button', { name: '4 – Good' }));
      expect(view.getByRole('button', { name: '4 – Good' }).getAttribute('aria-pressed')).toBe('true');
      await view.type(view.getByRole('textbox', { name: /Comment/ }), '  Quick and friendly  ');
      await view.click(view.getByRole('button', { name: 'Send rating' }));

      expect(ratings()).toEqual([{ ticketId: 'ticket-1', score: 4, comment: 'Quick and friendly' }]);
      expect(view.getByRole('status').textContent).toBe('Thanks for your feedback');
      expect(view.queryByText('How did we do?')).toBeNull();
    });

    it('asks again after a reload while the rating is still pending, and takes "already given" as done', async () => {
      connection.answer('csat.submit', () => ({ ok: false, error: { code: 'CSAT_ALREADY_GIVEN', message: 'This conversation was already rated.' } }));
      connection.emitFromServer('visitor.session', visitorSessionFixture({ csatPending: { ticketId: 'ticket-7' } }));
      await view.settle();

      await view.click(view.getByRole('button', { name: '5 – Excellent' }));
      await view.click(view.getByRole('button', { name: 'Send rating' }));

      expect(ratings()).toEqual([{ ticketId: 'ticket-7', score: 5 }]);
      expect(view.getByText('Thanks for your feedback')).toBeTruthy();
      expect(view.queryByText('This conversation was already rated.')).toBeNull();
    });

    it('needs a score, and keeps the prompt with the reason when sending fails', async () => {
      connection.answer('csat.submit', () => ({ ok: false, error: { code: 'SERVICE_UNAVAILABLE', message: 'Chat is busy right now. Please try again.' } }));
      connection.emitFromServer('visitor.session', visitorSessionFixture());
      connection.emitFromServer('ticket.status', visitorTicketStatusFixture());
      await view.settle();

      await view.click(view.getByRole('button', { name: 'Send rating' }));
      expect(view.getByRole('alert').textContent).toBe('Please choose a rating from 1 to 5.');
      expect(ratings()).toHaveLength(0);

      await view.click(view.getByRole('button', { name: '2 – Poor' }));
      await view.click(view.getByRole('button', { name: 'Send rating' }));
      expect(view.getByRole('alert').textContent).toBe('Chat is busy right now. Please try again.');
      expect(view.getByRole('button', { name: '2 – Poor' }).getAttribute('aria-pressed')).toBe('true');

      connection.answer('csat.submit', (request) => ({ ok: true, data: visitorTicketStatusFixture({ ticketId: request.ticketId, csatRequested: false }) }));
      await view.click(view.getByRole('button', { name: 'Send rating' }));
      expect(view.getByText('Thanks for your feedback')).toBeTruthy();
    });
  });

  it('asks for the details the server needs before it takes the message, then sends it', async () => {
    connection.emitFromServer('visitor.session', visitorSessionFixture());
    connection.answer('message.send', () => ({
      ok: false,
      error: { code: 'VISITOR_DETAILS_REQUIRED', message: 'Please leave your email so we can reply.', fields: [{ field: 'email', message: 'Email is required.' }] },
    }));
    connection.answer('visitor.profile', (request) => ({ ok: true, data: request }));

    await write('Is anyone there?');

    const form = view.getByRole('form', { name: 'A few details first' });
    expect(form.textContent).toContain('Please leave your email so we can reply.');
    expect(within(messages()[0]).getByText('Waiting for your details…')).toBeTruthy();
    expect(view.queryByRole('textbox', { name: 'Message' })).toBeNull();

    connection.answer('message.send', (request) => ({ ok: true, data: stored(request) }));
    await view.type(view.getByRole('textbox', { name: 'Your email' }), 'ann@example.com');
    await view.click(view.getByRole('button', { name: 'Continue' }));

    expect(requested<VisitorProfile>(connection, 'visitor.profile')).toEqual([{ name: null, email: 'ann@example.com' }]);
    const [first, second] = sent(connection);
    expect(second.clientMsgId).toBe(first.clientMsgId);
    expect(messages().map((item) => item.textContent?.trim())).toEqual(['You: Is anyone there?']);
    expect(view.queryByRole('form', { name: 'A few details first' })).toBeNull();
    expect(view.getByRole('textbox', { name: 'Message' })).toBeTruthy();
  });
});
