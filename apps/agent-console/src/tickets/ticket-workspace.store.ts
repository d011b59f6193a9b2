import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { ErrorCode, REPLY_MAX_BYTES, type CustomerTyping, type MessageView, type SettableTicketStatus, type TicketDetail, type TicketMessage, type TicketSummary } from '@switchboard/shared-contracts';
import { placeholdersLeft } from '@switchboard/shared-domain';
import { ApiError, getEarlierMessages, getTicket, sendTicketMessage, setTicketStatus } from '@switchboard/web-data-access';
import { RealtimeError, useRealtimeStore } from '@switchboard/web-realtime';
import { useDeskContentStore } from './desk-content.store';

export type WorkspaceStatus = 'idle' | 'loading' | 'ready' | 'error';
export type ComposerKind = 'reply' | 'note';

/** The customer's typing indicator goes out on its own if no update follows (the widget re-sends every 2 s while typing). */
export const CUSTOMER_TYPING_HIDE_MS = 6_000;
/** The agent's typing is announced at most this often. */
export const AGENT_TYPING_EVERY_MS = 2_000;

const messageOf = (error: unknown) => (error instanceof Error ? error.message : 'Something went wrong. Please try again.');
const codeOf = (error: unknown) => (error instanceof ApiError || error instanceof RealtimeError ? error.code : null);
const bySeq = (a: TicketMessage, b: TicketMessage) => a.seq - b.seq;

/** What the composer refuses before anything is sent. */
export function composerProblem(body: string): string | null {
  if (body.trim() === '') return 'Write something first.';
  const left = placeholdersLeft(body);
  if (left.length) return `Fill in ${left.map((name) => `{{${name}}}`).join(', ')} before sending.`;
  const bytes = new TextEncoder().encode(body).length;
  if (bytes > REPLY_MAX_BYTES) return `This message is ${bytes.toLocaleString('en')} bytes; the limit is ${REPLY_MAX_BYTES.toLocaleString('en')}.`;
  return null;
}

/** A live message as a timeline line (live events carry what the customer sees; the rest is filled in on reload). */
function asTimelineLine(message: MessageView): TicketMessage {
  return { subject: null, bodyHtml: null, attachments: [], deliveryError: null, ...message };
}

/**
 * The ticket open in the workspace: its timeline, kept exactly once per message (by id) whatever
 * arrives live, twice, or again on a reload after a reconnect; the customer's typing; the composer's
 * draft, kept when a send fails; and the status actions.
 */
export const useTicketWorkspaceStore = defineStore('ticketWorkspace', () => {
  const realtime = useRealtimeStore();
  const deskContent = useDeskContentStore();
  const ticket = shallowRef<TicketDetail | null>(null);
  const status = ref<WorkspaceStatus>('idle');
  const loadError = ref<string | null>(null);
  const customerTyping = ref(false);
  const draft = ref('');
  const kind = ref<ComposerKind>('reply');
  const sending = ref(false);
  const sendError = ref<string | null>(null);
  const statusChanging = ref<SettableTicketStatus | null>(null);
  const statusError = ref<string | null>(null);
  /** Older lines than the first one shown exist on the server. */
  const hasEarlier = ref(false);
  const loadingEarlier = ref(false);
  const earlierError = ref<string | null>(null);
  let typingTimer: ReturnType<typeof setTimeout> | null = null;
  let lastTypingSentAt = 0;
  /** Drafts of the other tickets opened in this session, so switching back finds them. */
  const drafts = new Map<string, string>();

  const ticketId = computed(() => ticket.value?.id ?? null);
  const messages = computed(() => ticket.value?.messages ?? []);

  /** Opens a ticket: loads it and asks to hear its messages and typing live. */
  async function open(id: string): Promise<void> {
    if (ticket.value && ticket.value.id !== id) await close();
    if (ticket.value?.id !== id) {
      status.value = 'loading';
      draft.value = drafts.get(id) ?? '';
      sendError.value = null;
      statusError.value = null;
    }
    loadError.value = null;
    try {
      await watch(id);
      const loaded = await getTicket(id);
      void deskContent.ensure(loaded.clientId);
      // Messages heard while the ticket loaded are kept: the reload cannot be older than them.
      const heard = ticket.value?.id === id ? ticket.value.messages : [];
      const lines = merged(loaded.messages, heard);
      // Pages loaded before a reconnect stay; older lines exist if the server says so and we hold none older than its page.
      const olderHeld = heard.length > 0 && loaded.messages.length > 0 && heard[0].seq < loaded.messages[0].seq;
      hasEarlier.value = olderHeld ? hasEarlier.value : loaded.hasEarlierMessages;
      ticket.value = { ...loaded, messages: lines };
      status.value = 'ready';
    } catch (error) {
      loadError.value = messageOf(error);
      if (ticket.value?.id !== id) status.value = 'error';
    }
  }

  /** Pages back through a long conversation: the lines before the earliest one shown. */
  async function loadEarlier(): Promise<void> {
    const current = ticket.value;
    const first = current?.messages[0];
    if (!current || !first || !hasEarlier.value || loadingEarlier.value) return;
    loadingEarlier.value = true;
    earlierError.value = null;
    try {
      const page = await getEarlierMessages(current.id, first.seq);
      if (ticket.value?.id !== current.id) return;
      ticket.value = { ...ticket.value, messages: merged(ticket.value.messages, page.messages) };
      hasEarlier.value = page.hasMore;
    } catch (error) {
      earlierError.value = messageOf(error);
    } finally {
      loadingEarlier.value = false;
    }
  }

  /** After a reconnect: the server forgot what this socket watched; watch again and reload what was missed. */
  async function refresh(): Promise<void> {
    if (ticket.value) await open(ticket.value.id);
  }

  async function close(): Promise<void> {
    const id = ticket.value?.id;
    if (id) {
      drafts.set(id, draft.value);
      void unwatch(id);
    }
    hideTyping();
    ticket.value = null;
    status.value = 'idle';
    hasEarlier.value = false;
    earlierError.value = null;
  }

  async function watch(id: string): Promise<void> {
    const connection = realtime.connection;
    if (connection && connection.state.value === 'connected') await connection.request('ticket.watch', { ticketId: id });
  }

  async function unwatch(id: string): Promise<void> {
    const connection = realtime.connection;
    if (connection && connection.state.value === 'connected') await connection.request('ticket.unwatch', { ticketId: id }).catch(() => undefined);
  }

  function merged(base: readonly TicketMessage[], more: readonly TicketMessage[]): TicketMessage[] {
    const byId = new Map(base.map((message) => [message.id, message]));
    for (const message of more) byId.set(message.id, { ...byId.get(message.id), ...message });
    return [...byId.values()].sort(bySeq);
  }

  /** `message.created` / `message.updated`, and the answer to our own send. */
  function applyMessage(message: MessageView): void {
    if (!ticket.value || message.ticketId !== ticket.value.id) return;
    if (message.direction === 'inbound') hideTyping();
    const existing = ticket.value.messages.find((line) => line.id === message.id);
    ticket.value = { ...ticket.value, messages: merged(ticket.value.messages, [existing ? { ...existing, ...message } : asTimelineLine(message)]) };
  }

  /** `ticket.updated`: the header follows (status, assignee, SLA); the timeline is the messages' business. */
  function applyTicket(summary: TicketSummary): void {
    if (!ticket.value || summary.id !== ticket.value.id) return;
    ticket.value = { ...ticket.value, ...summary };
  }

  function applyCustomerTyping(event: CustomerTyping): void {
    if (!ticket.value || event.ticketId !== ticket.value.id) return;
    if (!event.typing) return hideTyping();
    customerTyping.value = true;
    if (typingTimer) clearTimeout(typingTimer);
    typingTimer = setTimeout(hideTyping, CUSTOMER_TYPING_HIDE_MS);
  }

  function hideTyping(): void {
    customerTyping.value = false;
    if (typingTimer) clearTimeout(typingTimer);
    typingTimer = null;
  }

  /** The agent typed in the composer: the customer hears it (replies only, at most every 2 s; never for notes). */
  function agentTyped(now = Date.now()): void {
    const connection = realtime.connection;
    if (!ticket.value || kind.value !== 'reply' || now - lastTypingSentAt < AGENT_TYPING_EVERY_MS) return;
    if (!connection || connection.state.value !== 'connected') return;
    lastTypingSentAt = now;
    void connection.request('typing.set', { ticketId: ticket.value.id, typing: true }).catch(() => undefined);
  }

  /** Sends the draft as a reply or a note. A refusal keeps the draft and says why. */
  async function send(): Promise<boolean> {
    if (!ticket.value || sending.value) return false;
    const problem = composerProblem(draft.value);
    if (problem) {
      sendError.value = problem;
      return false;
    }
    const id = ticket.value.id;
    const body = draft.value;
    sending.value = true;
    sendError.value = null;
    try {
      const message = await sendTicketMessage(id, { clientMsgId: crypto.randomUUID(), kind: kind.value, body });
      applyMessage(message);
      if (ticket.value?.id === id && draft.value === body) draft.value = '';
      drafts.delete(id);
      lastTypingSentAt = 0;
      return true;
    } catch (error) {
      sendError.value = codeOf(error) === ErrorCode.TicketNotYours ? 'This ticket is no longer assigned to you, so your reply was not sent. Your draft is kept.' : messageOf(error);
      return false;
    } finally {
      sending.value = false;
    }
  }

  /** `disposition`: the wrap-up code, when resolving or closing a ticket of a client that has codes. */
  async function changeStatus(next: SettableTicketStatus, disposition?: string): Promise<boolean> {
    if (!ticket.value) return false;
    statusChanging.value = next;
    statusError.value = null;
    try {
      applyTicket(await setTicketStatus(ticket.value.id, next, disposition));
      if (disposition && ticket.value) ticket.value = { ...ticket.value, disposition };
      return true;
    } catch (error) {
      statusError.value = messageOf(error);
      return false;
    } finally {
      statusChanging.value = null;
    }
  }

  function $reset(): void {
    hideTyping();
    ticket.value = null;
    status.value = 'idle';
    loadError.value = null;
    draft.value = '';
    kind.value = 'reply';
    sending.value = false;
    sendError.value = null;
    statusChanging.value = null;
    statusError.value = null;
    drafts.clear();
    lastTypingSentAt = 0;
    hasEarlier.value = false;
    loadingEarlier.value = false;
    earlierError.value = null;
  }

  return {
    ticket,
    ticketId,
    messages,
    status,
    loadError,
    customerTyping,
    draft,
    kind,
    sending,
    sendError,
    statusChanging,
    statusError,
    hasEarlier,
    loadingEarlier,
    earlierError,
    loadEarlier,
    open,
    refresh,
    close,
    applyMessage,
    applyTicket,
    applyCustomerTyping,
    agentTyped,
    send,
    changeStatus,
    $reset,
  };
});
