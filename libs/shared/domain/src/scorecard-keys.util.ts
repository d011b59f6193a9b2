/**
 * A key for a new scorecard section or question, made from its title or text (the editor proposes it;
 * answers are keyed by it, so it is unique in the scorecard and keeps to `a-z`, digits and `_`,
 * starting with a letter, at most 40 characters). Accents are dropped; a taken key gets `_2`, `_3`…
 */
export function scorecardKeyOf(text: string, taken: ReadonlySet<string>, fallback = 'question'): string {
  const base =
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^[^a-z]+/, '')
      .slice(0, 40)
      .replace(/_+$/, '') || fallback;
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base.slice(0, 40 - String(n).length - 1)}_${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
