/**
 * How an agent's name appears to the client's own users (the portal's QA report per agent): first name and
 * the initial of the last name — "Maria Santos" → "Maria S." — the BPO's usual practice: the client can tell
 * its agents apart and follow one over time without the provider handing over staff records. A one-word name
 * stays as written; no name reads "Agent".
 */
export function agentShortName(displayName: string): string {
  const words = displayName.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return 'Agent';
  if (words.length === 1) return words[0];
  const [initial] = Array.from(words[words.length - 1]);
  return `${words[0]} ${initial.toLocaleUpperCase()}.`;
}

/**
 * Short names of several agents, kept apart: two agents who shorten alike ("Maria S." twice) are numbered
 * in the order of their ids ("Maria S. (1)", "Maria S. (2)"), so a client never reads two rows as one agent.
 */
export function agentShortNames(agents: readonly { id: string; displayName: string }[]): Map<string, string> {
  const byName = new Map<string, string[]>();
  for (const agent of [...agents].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const short = agentShortName(agent.displayName);
    byName.set(short, [...(byName.get(short) ?? []), agent.id]);
  }
  const names = new Map<string, string>();
  for (const [short, ids] of byName) ids.forEach((id, index) => names.set(id, ids.length === 1 ? short : `${short} (${index + 1})`));
  return names;
}
