import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import {
  ErrorCode,
  REPLY_MAX_BYTES,
  type CallAction,
  type CallView,
  type Colleague,
  type CustomerTyping,
  type MessageView,
  type ReplyRequest,
  type SettableTicketStatus,
  type TicketDetail,
  type TicketMessage,
  type TicketSummary,
  type UploadedAttachment,
  type AttachmentView,
} from '@switchboard/shared-contracts';
import { attachmentRefusal, attachmentsAllowed, checkReplyFields, checkSocialReply, insertMention, mentionedIds, parseAddressList, placeholdersLeft, replySubjectOf } from '@switchboard/shared-domain';
import { ApiError, answerCall as postCallAnswer, controlCall as postCallControl, deleteAttachment, getEarlierMessages, getTicket, sendTicketMessage, setTicketStatus, uploadAttachment } from '@switchboard/web-data-access';
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

/** A file on the draft: uploading, uploaded (`uploaded` holds what the API kept), or failed (with why). */
export interface DraftAttachment {
  key: string;
  name: string;
  size: number;
  status: 'uploading' | 'ready' | 'failed';
  uploaded: UploadedAttachment | null;
  error: string | null;
}

let attachmentKeys = 0;

/** What the composer refuses before anything is sent. */
export function composerProblem(body: string): string | null {
  if (body.trim() === '') return 'Write something first.';
  const left = placeholdersLeft(body);
  if (left.length) return `Fill in ${left.map((name) => `{{${name}}}`).join(', ')} before sending.`;
  const bytes = new TextEncoder().encode(body).length;
  if (bytes > REPLY_MAX_BYTES) return `This message is ${bytes.toLocaleString('en')} bytes; the limit is ${REPLY_MAX_BYTES.toLocaleString('en')}.`;
  return null;
}

/** What a reply adds to its text on this ticket's channel: subject and cc (email), the network's limits (social). */
export function replyExtrasProblem(ticket: TicketDetail, kind: ComposerKind, body: string, subject: string, ccText: string, now = Date.now()): string | null {
  if (kind !== 'reply') return null;
  if (ticket.channel === 'email') {
    const verdict = checkReplyFields({ channel: 'email', kind, subject, cc: parseAddressList(ccText) });
    return verdict.ok ? null : verdict.fields.map((f) => (f.field.startsWith('cc') ? `Cc: ${f.message}.` : `Subject ${f.message}.`)).join(' ');
  }
  if (ticket.channel === 'social' && ticket.social) {
    const windowEnd = ticket.social.replyWindowEndsAt ? Date.parse(ticket.social.replyWindowEndsAt) : null;
    const lastInbound = windowEnd === null ? null : new Date(windowEnd - 24 * 3_600_000);
    const verdict = checkSocialReply(ticket.social.network, body.trim(), lastInbound, new Date(now));
    return verdict.ok ? null : verdict.message;
  }
  return null;
}

/** The subject a reply on this email ticket starts with: `Re:` the latest email subject in view, else the ticket's. */
export function defaultReplySubject(ticket: TicketDetail): string {
  const latest = [...ticket.messages].reverse().find((m) => m.subject && (m.direction === 'inbound' || m.direction === 'outbound'));
  return replySubjectOf(latest?.subject ?? ticket.subject);
}

/** A live message as a timeline line (live events carry what the customer sees; the rest is filled in on reload). */
function asTimelineLine(message: MessageView): TicketMessage {
  return { subject: null, bodyHtml: null, attachments: [], deliveryError: null, email: null, ...message };
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
  /** Colleagues chosen from the `@` list for the note being written (sent as mentions while still named in it). */
  const mentioned = shallowRef<Colleague[]>([]);
  /** Email tickets: the reply's subject and cc (addresses as typed, comma-separated). */
  const subject = ref('');
  const cc = ref('');
  const kind = ref<ComposerKind>('reply');
  /** The call control being carried out, and why the last one failed. */
  const callBusy = ref<CallAction | 'answer' | null>(null);
  const callError = ref<string | null>(null);
  let rereading: Promise<void> | null = null;
  let rereadAgain = false;
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
  /** Files on the draft (uploaded to the ticket as they are chosen) and why the last ones chosen were refused. */
  const attachments = ref<DraftAttachment[]>([]);
  const attachError = ref<string | null>(null);
  const attachmentDrafts = new Map<string, DraftAttachment[]>();

  const ticketId = computed(() => ticket.value?.id ?? null);
  const messages = computed(() => ticket.value?.messages ?? []);

  /** Opens a ticket: loads it and asks to hear its messages and typing live. */
  async function open(id: string): Promise<void> {
    if (ticket.value && ticket.value.id !== id) await close();
    if (ticket.value?.id !== id) {
      status.value = 'loading';
      draft.value = drafts.get(id) ?? '';
      attachments.value = attachmentDrafts.get(id) ?? [];
      attachError.value = null;
      sendError.value = null;
      statusError.value = null;
      callError.value = null;
      subject.value = '';
      cc.value = '';
      mentioned.value = [];
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
      const first = ticket.value?.id !== id;
      ticket.value = { ...loaded, messages: lines };
      if (first && loaded.channel === 'email') subject.value = defaultReplySubject(ticket.value);
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
      attachmentDrafts.set(id, attachments.value);
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

  /**
   * Lines by id, `more` over `base`. Live events carry only what the customer sees, so a line heard live
   * never wipes the subject, HTML, addresses or attachments a read from the server brought.
   */
  function merged(base: readonly TicketMessage[], more: readonly TicketMessage[]): TicketMessage[] {
    const byId = new Map(base.map((message) => [message.id, message]));
    for (const message of more) {
      const known = byId.get(message.id);
      byId.set(
        message.id,
        known
          ? {
              ...known,
              ...message,
              subject: message.subject ?? known.subject,
              bodyHtml: message.bodyHtml ?? known.bodyHtml,
              email: message.email ?? known.email,
              attachments: message.attachments.length ? message.attachments : known.attachments,
            }
          : message,
      );
    }
    return [...byId.values()].sort(bySeq);
  }

  /** `message.created` / `message.updated`, and the answer to our own send. */
  function applyMessage(message: MessageView): void {
    if (!ticket.value || message.ticketId !== ticket.value.id) return;
    if (message.direction === 'inbound') hideTyping();
    const existing = ticket.value.messages.find((line) => line.id === message.id);
    ticket.value = { ...ticket.value, messages: merged(ticket.value.messages, [existing ? { ...existing, ...message } : asTimelineLine(message)]) };
    // A new email (the customer's, or a reply) is shown as a card with its subject and addresses, which live events do not carry: read them.
    if (!existing && ticket.value.channel === 'email' && (message.direction === 'inbound' || message.direction === 'outbound')) void reread();
  }

  /** Our own message went out with these files: show them on its line (live events do not carry them). */
  function showAttachments(messageId: string, views: AttachmentView[]): void {
    if (!ticket.value) return;
    ticket.value = { ...ticket.value, messages: ticket.value.messages.map((line) => (line.id === messageId ? { ...line, attachments: views } : line)) };
  }

  /** `ticket.updated`: the header follows (status, assignee, SLA); the timeline is the messages' business. */
  function applyTicket(summary: TicketSummary): void {
    if (!ticket.value || summary.id !== ticket.value.id) return;
    ticket.value = { ...ticket.value, ...summary };
    // Every change to a call (ours, a colleague's, the provider's: the caller hung up, a recording) announces its ticket; the card re-reads the call.
    if (summary.channel === 'voice') void refreshCall();
  }

  /** Re-reads the open voice ticket's call. */
  function refreshCall(): Promise<void> {
    return reread();
  }

  /** Re-reads the open ticket's latest lines and call (not the header: ticket.updated keeps it); changes heard during a read make one more. */
  async function reread(): Promise<void> {
    if (rereading) {
      rereadAgain = true;
      return await rereading;
    }
    rereading = (async () => {
      do {
        rereadAgain = false;
        const id = ticket.value?.id;
        if (!id) return;
        try {
          const loaded = await getTicket(id);
          if (ticket.value?.id === id) ticket.value = { ...ticket.value, call: loaded.call, social: loaded.social, messages: merged(ticket.value.messages, loaded.messages) };
        } catch {
          // The next change or a reload tries again; the workspace keeps what it showed.
        }
      } while (rereadAgain);
    })();
    try {
      await rereading;
    } finally {
      rereading = null;
    }
  }

  /** Takes the waiting call: the ticket becomes the agent's and the caller is put through to their softphone. */
  function answerCall(): Promise<boolean> {
    return callRequest('answer', (id) => postCallAnswer(id));
  }

  /** Hold, resume, hang up or transfer the call; a refusal says why and changes nothing. */
  function controlCall(action: CallAction, agentId?: string): Promise<boolean> {
    return callRequest(action, (id) => postCallControl(id, agentId ? { action, agentId } : { action }));
  }

  async function callRequest(action: CallAction | 'answer', request: (ticketId: string) => Promise<CallView>): Promise<boolean> {
    const current = ticket.value;
    if (!current || callBusy.value) return false;
    callBusy.value = action;
    callError.value = null;
    try {
      const call = await request(current.id);
      if (ticket.value?.id === current.id) ticket.value = { ...ticket.value, call };
      return true;
    } catch (error) {
      callError.value = codeOf(error) === ErrorCode.ProviderFailed ? `The phone provider did not do it: ${messageOf(error)}` : messageOf(error);
      return false;
    } finally {
      callBusy.value = null;
    }
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

  /** The agent chose a colleague from the `@` list: their name goes into the draft, and they will hear of the note. */
  function chooseMention(colleague: Colleague): void {
    draft.value = insertMention(draft.value, colleague.name);
    if (!mentioned.value.some((known) => known.id === colleague.id)) mentioned.value = [...mentioned.value, colleague];
  }

  /**
   * Files chosen in the composer. Each is checked before anything is uploaded (at most 10 MB, not
   * empty, at most 5 on the message: the refused ones are named in `attachError`), then uploaded to the
   * ticket at once, so sending only names them.
   */
  async function attachFiles(files: readonly File[]): Promise<void> {
    const current = ticket.value;
    if (!current) return;
    const refusals: string[] = [];
    const accepted: { entry: DraftAttachment; file: File }[] = [];
    for (const file of files) {
      const refusal = attachmentRefusal(file, attachments.value.filter((a) => a.status !== 'failed').length + accepted.length);
      if (refusal) refusals.push(refusal);
      else accepted.push({ file, entry: { key: `attachment-${(attachmentKeys += 1)}`, name: file.name, size: file.size, status: 'uploading', uploaded: null, error: null } });
    }
    attachError.value = refusals.length ? refusals.join(' ') : null;
    if (accepted.length === 0) return;
    attachments.value = [...attachments.value, ...accepted.map((a) => a.entry)];
    await Promise.all(
      accepted.map(async ({ entry, file }) => {
        let change: Partial<DraftAttachment>;
        try {
          change = { status: 'ready', uploaded: await uploadAttachment(current.id, file) };
        } catch (error) {
          change = { status: 'failed', error: messageOf(error) };
        }
        const update = (list: DraftAttachment[]) => list.map((a) => (a.key === entry.key ? { ...a, ...change } : a));
        if (ticket.value?.id === current.id) attachments.value = update(attachments.value);
        else attachmentDrafts.set(current.id, update(attachmentDrafts.get(current.id) ?? []));
      }),
    );
  }

  /** Takes a file off the draft (and off the server, where it waited to be sent). */
  async function removeAttachment(key: string): Promise<void> {
    const entry = attachments.value.find((a) => a.key === key);
    if (!entry || entry.status === 'uploading') return;
    attachments.value = attachments.value.filter((a) => a.key !== key);
    if (entry.uploaded) await deleteAttachment(entry.uploaded.id).catch(() => undefined); // the day's sweep removes it otherwise
  }

  /** Why the draft's files keep it from going out now, or null. */
  function attachmentsProblem(channel: TicketDetail['channel']): string | null {
    if (attachments.value.length === 0) return null;
    if (!attachmentsAllowed(channel, kind.value)) return `Files go with internal notes and email replies only; remove them to reply on a ${channel} ticket.`;
    if (attachments.value.some((a) => a.status === 'uploading')) return 'Wait until the files have uploaded.';
    if (attachments.value.some((a) => a.status === 'failed')) return 'Remove the files that did not upload before sending.';
    return null;
  }

  /** Sends the draft as a reply or a note. A refusal keeps the draft and says why. */
  async function send(): Promise<boolean> {
    if (!ticket.value || sending.value) return false;
    const problem = composerProblem(draft.value) ?? replyExtrasProblem(ticket.value, kind.value, draft.value, subject.value, cc.value) ?? attachmentsProblem(ticket.value.channel);
    if (problem) {
      sendError.value = problem;
      return false;
    }
    const id = ticket.value.id;
    const body = draft.value;
    const request: ReplyRequest = { clientMsgId: crypto.randomUUID(), kind: kind.value, body };
    const mentions = kind.value === 'note' ? mentionedIds(body, mentioned.value) : [];
    if (mentions.length) request.mentions = mentions;
    const files = attachments.value.flatMap((a) => (a.uploaded ? [a.uploaded] : []));
    if (files.length) request.attachmentIds = files.map((f) => f.id);
    if (ticket.value.channel === 'email' && kind.value === 'reply') {
      request.subject = subject.value.trim();
      const addresses = parseAddressList(cc.value);
      if (addresses.length) request.cc = addresses;
    }
    sending.value = true;
    sendError.value = null;
    try {
      const message = await sendTicketMessage(id, request);
      if (ticket.value?.id === id && request.cc) cc.value = '';
      applyMessage(message);
      if (files.length) showAttachments(message.id, files.map((f): AttachmentView => ({ ...f, stored: true })));
      if (ticket.value?.id === id && draft.value === body) {
        draft.value = '';
        mentioned.value = [];
      }
      if (ticket.value?.id === id && files.length) attachments.value = attachments.value.filter((a) => !a.uploaded || !request.attachmentIds?.includes(a.uploaded.id));
      drafts.delete(id);
      attachmentDrafts.delete(id);
      lastTypingSentAt = 0;
      return true;
    } catch (error) {
      const code = codeOf(error);
      if (code === ErrorCode.TicketNotYours) sendError.value = 'This ticket is no longer assigned to you, so your reply was not sent. Your draft is kept.';
      else if (code === ErrorCode.SocialWindowClosed) sendError.value = `Not sent: ${messageOf(error)} Your draft is kept.`;
      else if (code === ErrorCode.EmailAddressInvalid) sendError.value = `Not sent: check the cc addresses. ${messageOf(error)}`;
      else sendError.value = messageOf(error);
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
    subject.value = '';
    cc.value = '';
    callBusy.value = null;
    callError.value = null;
    kind.value = 'reply';
    sending.value = false;
    sendError.value = null;
    statusChanging.value = null;
    statusError.value = null;
    drafts.clear();
    attachmentDrafts.clear();
    attachments.value = [];
    attachError.value = null;
    mentioned.value = [];
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
    mentioned,
    chooseMention,
    subject,
    cc,
    kind,
    callBusy,
    callError,
    controlCall,
    answerCall,
    refreshCall,
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
    attachments,
    attachError,
    attachFiles,
    removeAttachment,
    changeStatus,
    $reset,
  };
});
