import { CANNED_PLACEHOLDERS, type CannedPlaceholder } from '@switchboard/shared-contracts';

const PLACEHOLDER = /\{\{\s*([A-Za-z.]+)\s*\}\}/g;

/** Placeholders in a text that Switchboard does not know (a typo an admin should hear about when saving). */
export function unknownPlaceholders(text: string): string[] {
  const unknown = new Set<string>();
  for (const [, name] of text.matchAll(PLACEHOLDER)) if (!(CANNED_PLACEHOLDERS as readonly string[]).includes(name)) unknown.add(name);
  return [...unknown];
}

/**
 * Fills a canned response. A value that is not known (a web visitor who gave no name) leaves its
 * placeholder in the text, listed in `unfilled`, so the agent sees what to write before sending.
 */
export function fillPlaceholders(text: string, values: Partial<Record<CannedPlaceholder, string | null>>): { text: string; unfilled: string[] } {
  const unfilled = new Set<string>();
  const filled = text.replace(PLACEHOLDER, (whole, name: string) => {
    const value = (values as Record<string, string | null | undefined>)[name]?.trim();
    if (value) return value;
    unfilled.add(name);
    return `{{${name}}}`;
  });
  return { text: filled, unfilled: [...unfilled] };
}

/** Placeholders still in a draft (the composer will not send it until they are written over). */
export function placeholdersLeft(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map(([, name]) => name))];
}

/** A name's first word, unless the name is one Switchboard made up for an anonymous contact. */
export function firstNameOf(displayName: string | null | undefined): string | null {
  const name = displayName?.trim();
  if (!name || /^(web visitor|unknown contact)\b/i.test(name) || /^\+?[\d\s()-]+$/.test(name) || name.includes('@')) return null;
  return name.split(/\s+/)[0];
}

/**
 * Canned responses for what the agent typed after `/`: shortcuts that start with it first, then
 * shortcuts and titles that contain it, each group in shortcut order.
 */
export function matchCannedResponses<T extends { shortcut: string; title: string }>(responses: readonly T[], query: string, limit = 8): T[] {
  const q = query.trim().toLowerCase();
  const byShortcut = (a: T, b: T) => a.shortcut.localeCompare(b.shortcut);
  if (!q) return [...responses].sort(byShortcut).slice(0, limit);
  const starts = responses.filter((r) => r.shortcut.startsWith(q)).sort(byShortcut);
  const contains = responses.filter((r) => !r.shortcut.startsWith(q) && (r.shortcut.includes(q) || r.title.toLowerCase().includes(q))).sort(byShortcut);
  return [...starts, ...contains].slice(0, limit);
}
