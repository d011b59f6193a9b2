import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { ErrorCode, type OfferClosed, type OfferView, type TicketAssigned } from '@switchboard/shared-contracts';
import { acceptOffer, ApiError, listMyOffers, rejectOffer, useSessionStore } from '@switchboard/web-data-access';
import { RealtimeError, useRealtimeStore } from '@switchboard/web-realtime';

export type OffersStatus = 'idle' | 'loading' | 'ready' | 'error';
export type OfferAnswer = 'accept' | 'reject';

/** An open offer and when it runs out by this browser's clock. */
export interface PendingOffer {
  offer: OfferView;
  /**
   * The earlier of `expiresAt` and arrival + `timeoutSeconds`: a browser clock running behind the
   * server's must not promise time the agent does not have.
   */
  deadline: number;
}

/** What the agent last learned about an answered offer: the ticket is theirs, or why it is not. */
export type OfferNotice = { tone: 'success'; reference: string; ticketId: string } | { tone: 'error'; message: string };

/** Refusals after which the offer is gone for good (anything else, e.g. no answer in time, may be retried). */
const FINAL_REFUSALS = new Set<ErrorCode>([
  ErrorCode.OfferExpired,
  ErrorCode.OfferClosed,
  ErrorCode.OfferNotYours,
  ErrorCode.AgentAtCapacity,
  ErrorCode.NotFound,
  ErrorCode.ValidationFailed,
]);

const codeOf = (error: unknown) => (error instanceof ApiError || error instanceof RealtimeError ? error.code : null);
const messageOf = (error: unknown) => (error instanceof Error ? error.message : 'Something went wrong. Please try again.');
const oldestFirst = (a: PendingOffer, b: PendingOffer) => Date.parse(a.offer.createdAt) - Date.parse(b.offer.createdAt) || a.deadline - b.deadline;

type Change = { kind: 'add'; offer: OfferView; at: number } | { kind: 'remove'; match: (offer: OfferView) => boolean };

/** The signed-in agent's open offers: `ticket.offered` adds one; closing, accepting or rejecting removes it. */
export const useOffersStore = defineStore('offers', () => {
  const realtime = useRealtimeStore();
  const session = useSessionStore();
  const byId = shallowRef<ReadonlyMap<string, PendingOffer>>(new Map());
  const status = ref<OffersStatus>('idle');
  const loadError = ref<string | null>(null);
  /** Offers being answered, and how, so their buttons can show progress. */
  const answering = shallowRef<ReadonlyMap<string, OfferAnswer>>(new Map());
  /** A failed answer that may be retried, per offer. */
  const errors = shallowRef<ReadonlyMap<string, string>>(new Map());
  const notice = shallowRef<OfferNotice | null>(null);
  /** Events that arrive while a load is under way, replayed on top of its answer so none is lost. */
  let changedDuringLoad: Change[] | null = null;

  const offers = computed(() => [...byId.value.values()].sort(oldestFirst));
  const oldest = computed(() => offers.value[0] ?? null);

  function apply(map: ReadonlyMap<string, PendingOffer>, change: Change): Map<string, PendingOffer> {
    const next = new Map(map);
    if (change.kind === 'add') {
      const { offer, at } = change;
      if (offer.status === 'pending') next.set(offer.id, { offer, deadline: Math.min(Date.parse(offer.expiresAt), at + offer.timeoutSeconds * 1000) });
    } else {
      for (const [id, pending] of next) if (change.match(pending.offer)) next.delete(id);
    }
    return next;
  }

  function change(next: Change): void {
    changedDuringLoad?.push(next);
    byId.value = apply(byId.value, next);
    if (next.kind === 'remove') {
      answering.value = new Map([...answering.value].filter(([id]) => byId.value.has(id)));
      errors.value = new Map([...errors.value].filter(([id]) => byId.value.has(id)));
    }
  }

  const remove = (offerId: string) => change({ kind: 'remove', match: (offer) => offer.id === offerId });

  async function load(): Promise<void> {
    if (status.value !== 'ready') status.value = 'loading';
    loadError.value = null;
    const changed: Change[] = [];
    changedDuringLoad = changed;
    const at = Date.now();
    try {
      const loaded = await listMyOffers();
      if (changedDuringLoad !== changed) return; // a newer load (or a reset) owns the list now
      const fresh = loaded.reduce<ReadonlyMap<string, PendingOffer>>((map, offer) => apply(map, { kind: 'add', offer, at }), new Map());
      byId.value = changed.reduce<ReadonlyMap<string, PendingOffer>>(apply, fresh);
      status.value = 'ready';
    } catch (cause) {
      if (changedDuringLoad !== changed) return;
      loadError.value = messageOf(cause);
      if (status.value !== 'ready') status.value = 'error';
    } finally {
      if (changedDuringLoad === changed) changedDuringLoad = null;
    }
  }

  /** After a reconnect: what the server holds open is the truth again (if the list was in use). */
  async function refresh(): Promise<void> {
    if (status.value === 'ready' || status.value === 'error') await load();
  }

  /** `ticket.offered`. */
  function applyOffered(offer: OfferView): void {
    change({ kind: 'add', offer, at: Date.now() });
  }

  /** `offer.closed`: timed out, withdrawn, or answered in another tab. */
  function applyClosed(event: OfferClosed): void {
    remove(event.offerId);
  }

  /** `ticket.assigned`: whoever got the ticket, an offer of it is moot; when it was ours (another tab), say so. */
  function applyAssigned(event: TicketAssigned): void {
    const mine = byId.value.get(event.offerId ?? '') ?? offers.value.find((pending) => pending.offer.ticketId === event.ticketId);
    change({ kind: 'remove', match: (offer) => offer.id === event.offerId || offer.ticketId === event.ticketId });
    if (mine && event.agentId === session.user?.id) notice.value = { tone: 'success', reference: mine.offer.ticket.reference, ticketId: event.ticketId };
  }

  /** Answers over the live connection (acknowledged), or over HTTP while it is down. */
  async function answer(offerId: string, how: OfferAnswer, reason?: string): Promise<boolean> {
    const pending = byId.value.get(offerId);
    if (!pending || answering.value.has(offerId)) return false;
    answering.value = new Map(answering.value).set(offerId, how);
    errors.value = new Map([...errors.value].filter(([id]) => id !== offerId));
    notice.value = null;
    try {
      const connection = realtime.connection;
      const live = connection && connection.state.value === 'connected' ? connection : null;
      if (how === 'accept') {
        const assigned = live ? await live.request('offer.accept', { offerId }) : await acceptOffer(offerId);
        notice.value = { tone: 'success', reference: pending.offer.ticket.reference, ticketId: assigned.ticketId };
      } else {
        const request = reason ? { reason } : {};
        await (live ? live.request('offer.reject', { offerId, ...request }) : rejectOffer(offerId, request));
      }
      remove(offerId);
      return true;
    } catch (error) {
      const code = codeOf(error);
      if (code && FINAL_REFUSALS.has(code)) {
        remove(offerId);
        notice.value = { tone: 'error', message: messageOf(error) };
      } else if (byId.value.has(offerId)) {
        errors.value = new Map(errors.value).set(offerId, messageOf(error));
      }
      return false;
    } finally {
      answering.value = new Map([...answering.value].filter(([id]) => id !== offerId));
    }
  }

  const accept = (offerId: string) => answer(offerId, 'accept');
  const reject = (offerId: string, reason?: string) => answer(offerId, 'reject', reason);

  function dismissNotice(): void {
    notice.value = null;
  }

  function $reset(): void {
    byId.value = new Map();
    status.value = 'idle';
    loadError.value = null;
    answering.value = new Map();
    errors.value = new Map();
    notice.value = null;
    changedDuringLoad = null;
  }

  return {
    offers,
    oldest,
    status,
    loadError,
    answering,
    errors,
    notice,
    load,
    refresh,
    applyOffered,
    applyClosed,
    applyAssigned,
    accept,
    reject,
    dismissNotice,
    $reset,
  };
});
