import { detectAll } from 'tinyld';

/** Shorter texts ("hi", "ok", an order number) say too little about their language. */
const MIN_LETTERS = 12;
const MIN_ACCURACY = 0.1;

/**
 * The language of a customer's text (ISO 639-1), chosen among the client's languages when it has any,
 * or null when the text is too short or too uncertain to tell.
 */
export function detectLanguage(text: string, clientLanguages: readonly string[] = []): string | null {
  const letters = text.replace(/[^\p{L}]/gu, '');
  if (letters.length < MIN_LETTERS) return null;
  const candidates = detectAll(text).filter((c) => clientLanguages.length === 0 || clientLanguages.includes(c.lang));
  const best = candidates[0];
  return best && best.accuracy >= MIN_ACCURACY ? best.lang : null;
}
