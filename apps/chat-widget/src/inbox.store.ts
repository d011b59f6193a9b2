import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { ErrorCode, type CustomerClientEvents, type CustomerServerEvents, type ErrorBody, type WidgetInboxView } from '@switchboard/shared-contracts';
import { ApiError, getWidgetInbox } from '@switchboard/web-data-access';
import type { RealtimeConnection } from '@switchboard/web-realtime';

export type CustomerConnection = RealtimeConnection<CustomerServerEvents, CustomerClientEvents>;
export type WidgetStatus = 'loading' | 'ready' | 'error';

/** The inbox this widget belongs to, and whether anyone is there to answer. */
export const useInboxStore = defineStore('inbox', () => {
  const inbox = shallowRef<WidgetInboxView | null>(null);
  const status = ref<WidgetStatus>('loading');
  const error = shallowRef<ErrorBody | null>(null);
  const connection = shallowRef<CustomerConnection | null>(null);

  /** The key matches no inbox: nothing will ever load, so the widget should stop trying. */
  const isUnknown = computed(() => error.value?.code === ErrorCode.InboxUnknown);

  async function load(inboxKey: string): Promise<void> {
    status.value = 'loading';
    try {
      apply(await getWidgetInbox(inboxKey));
    } catch (cause) {
      fail(
        cause instanceof ApiError
          ? { code: cause.code, message: cause.message }
          : { code: ErrorCode.ServiceUnavailable, message: "We can't reach the chat service right now." },
      );
    }
  }

  /** Availability from the API or from `inbox.availability`. */
  function apply(view: WidgetInboxView): void {
    inbox.value = view;
    error.value = null;
    status.value = 'ready';
  }

  /** A failure keeps the last known inbox on screen unless the inbox is unknown. */
  function fail(reason: ErrorBody): void {
    error.value = reason;
    if (reason.code === ErrorCode.InboxUnknown) inbox.value = null;
    if (!inbox.value) status.value = 'error';
  }

  function attach(next: CustomerConnection | null): void {
    connection.value = next;
  }

  return { inbox, status, error, connection, isUnknown, load, apply, fail, attach };
});
