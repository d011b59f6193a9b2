import type { WidgetInboxView } from '@switchboard/shared-contracts';
import { sendJson } from '../http/http-transport.util';

/** `GET /api/widget/inboxes/:inboxKey` (public). 404 INBOX_UNKNOWN for a key that matches no inbox. */
export function getWidgetInbox(inboxKey: string): Promise<WidgetInboxView> {
  return sendJson<WidgetInboxView>('GET', `/api/widget/inboxes/${encodeURIComponent(inboxKey)}`);
}
