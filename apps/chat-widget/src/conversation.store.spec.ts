import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { ErrorCode, type ChatSendRequest, type MessageView } from '@switchboard/shared-contracts';
import { messageViewFixture, visitorSessionFixture } from '@switchboard/web-data-access';
import { RealtimeError } from '@switchboard/web-realtime';
import { useConversationStore } from './conversation.store';

const stored = (request: ChatSendRequest): MessageView => messageViewFixture({ id: `m-${request.clientMsgId}`, body: request.body, clientMsgId: request.clientMsgId });
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('useConversationStore', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('keeps a message that was on its way when the connection dropped, and sends it again with the same id', async () => {
    const conversation = useConversationStore();
    const drops: (() => void)[] = [];
    const send = vi.fn(
      (request: ChatSendRequest) =>
        new Promise<MessageView>((resolve, reject) => {
          drops.push(() =>
            reject(new RealtimeError({ code: ErrorCode.ServiceUnavailable, message: 'Switchboard did not answer in time. Please try again.' })),
          );
          if (send.mock.calls.length > 1) resolve(stored(request));
        }),
    );
    conversation.begin(visitorSessionFixture(), send);

    conversation.send('Are you there?');
    conversation.suspend();
    drops[0]();
    await settle();
    expect(conversation.outgoing.map((message) => message.state)).toEqual(['sending']);

    conversation.begin(visitorSessionFixture(), send);
    await settle();

    expect(send).toHaveBeenCalledTimes(2);
    expect(send.mock.calls[1][0].clientMsgId).toBe(send.mock.calls[0][0].clientMsgId);
    expect(conversation.outgoing).toHaveLength(0);
    expect(conversation.timeline.map((entry) => entry.body)).toEqual(['Are you there?']);
  });

  it('does not send again what the server already stored before the drop', async () => {
    const conversation = useConversationStore();
    const send = vi.fn((_request: ChatSendRequest) => new Promise<MessageView>(() => undefined));
    conversation.send('Hello');
    const [{ clientMsgId }] = conversation.outgoing;

    conversation.begin(visitorSessionFixture({ messages: [messageViewFixture({ id: 'm1', body: 'Hello', clientMsgId })] }), send);
    await settle();

    expect(send).not.toHaveBeenCalled();
    expect(conversation.timeline.map((entry) => [entry.body, entry.outgoing])).toEqual([['Hello', null]]);
  });

  it('holds each message once, by id, whether it came by ack, message.created or visitor.session', async () => {
    const conversation = useConversationStore();
    const send = vi.fn(async (request: ChatSendRequest) => stored(request));
    conversation.begin(visitorSessionFixture(), send);
    conversation.send('Mine');
    await settle();
    const mine = conversation.messages[0];
    const reply = messageViewFixture({ id: 'reply-1', seq: 2, direction: 'outbound', body: 'Reply' });

    conversation.receive(mine);
    conversation.receive(reply);
    conversation.receive(reply);
    conversation.begin(visitorSessionFixture({ messages: [mine, reply] }), send);

    expect(conversation.messages.map((message) => message.id)).toEqual([mine.id, 'reply-1']);
    expect(conversation.timeline).toHaveLength(2);
  });

  it('orders messages by their place in the ticket, and a new ticket after the old one', () => {
    const conversation = useConversationStore();
    conversation.receive(messageViewFixture({ id: 'b2', ticketId: 'ticket-2', seq: 1, body: 'new ticket', createdAt: '2025-01-02T00:00:00.000Z' }));
    conversation.receive(messageViewFixture({ id: 'a2', seq: 2, body: 'second', createdAt: '2025-01-01T00:00:00.000Z' }));
    conversation.receive(messageViewFixture({ id: 'a1', seq: 1, body: 'first', createdAt: '2025-01-01T00:00:00.000Z' }));
    conversation.receive(messageViewFixture({ id: 'n1', seq: 3, direction: 'note', body: 'internal note' }));

    expect(conversation.timeline.map((entry) => entry.body)).toEqual(['first', 'second', 'new ticket']);
  });
});
