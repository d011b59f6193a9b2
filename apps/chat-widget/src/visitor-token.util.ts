/**
 * The visitor token lives in the host page's `localStorage`, one per inbox, so a visitor who comes
 * back (another tab, tomorrow) continues the same conversation. It is a credential: never log it.
 */
export const visitorTokenKey = (inboxKey: string) => `switchboard:visitor:${inboxKey}`;

export function readVisitorToken(inboxKey: string): string | null {
  try {
    return window.localStorage.getItem(visitorTokenKey(inboxKey));
  } catch {
    // Storage blocked by the browser or the page (privacy mode, sandboxed frame): start as a new visitor.
    return null;
  }
}

export function saveVisitorToken(inboxKey: string, token: string): void {
  try {
    window.localStorage.setItem(visitorTokenKey(inboxKey), token);
  } catch {
    // Storage blocked: the connector still keeps the token for this page, so reconnects continue the chat.
  }
}
