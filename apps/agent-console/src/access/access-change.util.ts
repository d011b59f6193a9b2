import type { ClientRef } from '@switchboard/shared-contracts';

const names = (clients: readonly ClientRef[]) => {
  const list = clients.map((client) => client.name);
  return list.length <= 1 ? list.join('') : `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
};

/**
 * What to tell a signed-in user whose clients changed under them (an admin added or removed a client
 * assignment): which clients went, with their tickets and offers, and which came. Null when nothing changed.
 */
export function accessChangeNotice(before: readonly ClientRef[], after: readonly ClientRef[]): string | null {
  const afterIds = new Set(after.map((client) => client.id));
  const beforeIds = new Set(before.map((client) => client.id));
  const removed = before.filter((client) => !afterIds.has(client.id));
  const added = after.filter((client) => !beforeIds.has(client.id));
  const parts: string[] = [];
  if (removed.length) parts.push(`You no longer serve ${names(removed)}: ${removed.length === 1 ? 'its' : 'their'} tickets and offers are gone from your screens.`);
  if (added.length) parts.push(`You now also serve ${names(added)}.`);
  return parts.length ? `Your access changed. ${parts.join(' ')}` : null;
}
