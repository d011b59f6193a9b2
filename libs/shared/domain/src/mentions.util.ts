/** Mentions in an internal note: `@` and a colleague's name, chosen from a list while typing. */

/** How much of a name a mention lookup reads after `@`. */
const QUERY_MAX_CHARS = 30;

/**
 * What the agent is looking up: the text after an `@` that starts a word at the end of the draft,
 * while it may still be part of a name (no line break, at most 30 characters, two spaces). Null once
 * the `@` is a finished mention of one of `chosenNames` followed by more text, or there is no `@`.
 */
export function mentionQuery(draft: string, chosenNames: readonly string[] = []): string | null {
  const at = draft.lastIndexOf('@');
  if (at === -1 || (at > 0 && !/\s/.test(draft[at - 1]))) return null;
  const query = draft.slice(at + 1);
  if (query.length > QUERY_MAX_CHARS || /[\n@]/.test(query) || query.startsWith(' ') || (query.match(/ /g)?.length ?? 0) > 2) return null;
  if (chosenNames.some((name) => query.startsWith(`${name} `) || query === name)) return null;
  return query;
}

/** The draft with its trailing `@query` replaced by the chosen colleague's name and a space. */
export function insertMention(draft: string, name: string): string {
  const at = draft.lastIndexOf('@');
  return `${at === -1 ? `${draft}@` : draft.slice(0, at + 1)}${name} `;
}

/** The ids of the chosen colleagues still named in the note (`@Name` not followed by a letter or digit). */
export function mentionedIds(body: string, chosen: readonly { id: string; name: string }[]): string[] {
  const ids = chosen.filter(({ name }) => {
    let from = 0;
    for (;;) {
      const at = body.indexOf(`@${name}`, from);
      if (at === -1) return false;
      const next = body[at + name.length + 1];
      if (next === undefined || !/[\p{L}\p{N}]/u.test(next)) return true;
      from = at + 1;
    }
  });
  return [...new Set(ids.map(({ id }) => id))];
}
