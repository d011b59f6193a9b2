import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { ErrorCode, type ChatSendRequest, type DeliveryStatus, type ErrorBody, type MessageDirection, type MessageView, type VisitorSession } from '@switchboard/shared-contracts';
import { chatMessageProblem, newClientMsgId, refusalOf } from './chat-message.util';

/** Sends one message over the live connection and resolves with the stored message (the ack). */
export type SendMessage = (request: ChatSendRequest) => Promise<MessageView>;

/** A message the visitor wrote that the server has not confirmed yet. */
export interface OutgoingMessage {
  /** Made once when the visitor sends; every retry reuses it, so the server stores the message once. */
  clientMsgId: string;
  body: string;
  /** `sending`: queued or on its way (also while disconnected); `failed`: refused, see `error`. */
  state: 'sending' | 'failed';
  error: ErrorBody | null;
  /** False when sending the same text again cannot succeed (too large, invalid): the visitor edits it instead. */
  retryable: boolean;
}

/** One line of the conversation as the widget shows it. */
export interface TimelineEntry {
  key: string;
  direction: MessageDirection;
  body: string;
  /** The agent's first name on a reply; null otherwise. */
  authorName: string | null;
  /** Of a message the server stored; null while it is still the visitor's outgoing copy. */
  deliveryStatus: DeliveryStatus | null;
  /** Set while the visitor's own message is unconfirmed. */
  outgoing: OutgoingMessage | null;
}

/** Codes for which a retry would only be refused again. */
const FINAL_REFUSALS = new Set<ErrorCode>([ErrorCode.MessageTooLarge, ErrorCode.ValidationFailed]);

/** Within one ticket `seq` is the order; across tickets (a new conversation) the time is. */
const inTimelineOrder = (a: MessageView, b: MessageView) =>
  a.ticketId === b.ticketId ? a.seq - b.seq : Date.parse(a.createdAt) - Date.parse(b.createdAt);

/**
 * The visitor's conversation: messages the server confirmed, plus the visitor's own messages still
 * on their way. Unsent messages wait while the connection is down and go, in order, once the server
 * has greeted this connection with `visitor.session`.
 */
export const useConversationStore = defineStore('conversation', () => {
  const messages = shallowRef<MessageView[]>([]);
  const outgoing = ref<OutgoingMessage[]>([]);
  /** What the visitor is typing; kept here so closing the panel does not lose it. */
  const draft = ref('');
  /**
   * The server will not take messages until the visitor gives the details it names
   * (`VISITOR_DETAILS_REQUIRED`): waiting messages stay queued, in order, until `detailsGiven()`.
   */
  const detailsRequired = shallowRef<ErrorBody | null>(null);

  /** How to send while the server knows this visitor on a live connection; null otherwise. */
  let transport: SendMessage | null = null;
  /** Changes whenever the connection is lost or greeted again, so a late failure can tell it belonged to an older one. */
  let generation = 0;
  let flushing = false;

  const timeline = computed<TimelineEntry[]>(() => [
    // Internal notes never reach a visitor; skipping them here is a second line of defence.
    ...messages.value
      .filter((message) => message.direction !== 'note')
      // The visitor's own message keeps its key when confirmed, so the list does not announce it twice.
      .map((message) => ({
        key: message.clientMsgId ?? message.id,
        direction: message.direction,
        body: message.body,
        authorName: message.authorName,
        deliveryStatus: message.deliveryStatus,
        outgoing: null,
      })),
    ...outgoing.value.map((message) => ({
      key: message.clientMsgId,
      direction: 'inbound' as const,
      body: message.body,
      authorName: null,
      deliveryStatus: null,
      outgoing: message,
    })),
  ]);

  /** Adds or replaces messages by id, and retires the outgoing copies they confirm. */
  function upsert(incoming: MessageView[]): void {
    if (!incoming.length) return;
    const byId = new Map(messages.value.map((message) => [message.id, message]));
    incoming.forEach((message) => byId.set(message.id, message));
    messages.value = [...byId.values()].sort(inTimelineOrder);
    const confirmed = new Set(incoming.map((message) => message.clientMsgId).filter((id) => id !== null));
    if (outgoing.value.some((message) => confirmed.has(message.clientMsgId))) {
      outgoing.value = outgoing.value.filter((message) => !confirmed.has(message.clientMsgId));
    }
  }

  /** `visitor.session`, on every (re)connection: the server's copy of the conversation, then whatever waits goes out. */
  function begin(session: VisitorSession, send: SendMessage): void {
    generation += 1;
    upsert(session.messages);
    // Asked again if still needed: the details may have been given meanwhile, e.g. in another tab.
    detailsRequired.value = null;
    transport = send;
    void flush();
  }

  /** The connection dropped: new and in-flight messages wait for the next `visitor.session`. */
  function suspend(): void {
    generation += 1;
    transport = null;
  }

  /** `message.created`: an agent's reply, or the visitor's own message from this or another tab. */
  function receive(message: MessageView): void {
    upsert([message]);
  }

  /** Queues the text as a new message. Returns why it cannot be sent instead, if so. */
  function send(text: string): ErrorBody | null {
    const body = text.trim();
    if (!body) return null;
    const problem = chatMessageProblem(body);
    if (problem) return problem;
    outgoing.value = [...outgoing.value, { clientMsgId: newClientMsgId(), body, state: 'sending', error: null, retryable: true }];
    void flush();
    return null;
  }

  /** Sends a failed message again, with the same `clientMsgId`. */
  function retry(clientMsgId: string): void {
    const message = outgoing.value.find((candidate) => candidate.clientMsgId === clientMsgId);
    if (!message || message.state !== 'failed') return;
    message.state = 'sending';
    message.error = null;
    void flush();
  }

  /** Takes a failed message out of the conversation and gives its text back for editing. */
  function discard(clientMsgId: string): string {
    const message = outgoing.value.find((candidate) => candidate.clientMsgId === clientMsgId);
    outgoing.value = outgoing.value.filter((candidate) => candidate !== message);
    return message?.body ?? '';
  }

  /** The visitor gave the details the server asked for: waiting messages go now. */
  function detailsGiven(): void {
    detailsRequired.value = null;
    void flush();
  }

  /** Sends waiting messages one at a time, so they arrive in the order they were written. */
  async function flush(): Promise<void> {
    if (flushing) return;
    flushing = true;
    try {
      for (let next = nextToSend(); next && transport && !detailsRequired.value; next = nextToSend()) {
        await deliver(next, transport);
      }
    } finally {
      flushing = false;
    }
  }

  const nextToSend = () => outgoing.value.find((message) => message.state === 'sending');

  async function deliver(message: OutgoingMessage, sendNow: SendMessage): Promise<void> {
    const sentIn = generation;
    try {
      const stored = await sendNow({ clientMsgId: message.clientMsgId, body: message.body });
      upsert([stored]);
      // The ack is the answer for this message whatever it carries, so the loop can never send it again.
      outgoing.value = outgoing.value.filter((candidate) => candidate.clientMsgId !== message.clientMsgId);
    } catch (cause) {
      // Lost with the connection: it stays "sending" and goes again after the reconnect.
      if (sentIn !== generation || !transport) return;
      const error = refusalOf(cause, 'Your message could not be sent. Please try again.');
      if (error.code === ErrorCode.VisitorDetailsRequired) {
        // Not a failure of this message: it (and any after it) waits for the visitor's details.
        detailsRequired.value = error;
        return;
      }
      message.state = 'failed';
      message.error = error;
      message.retryable = !FINAL_REFUSALS.has(error.code);
    }
  }

  return { messages, outgoing, draft, detailsRequired, timeline, begin, suspend, receive, send, retry, discard, detailsGiven };
});
