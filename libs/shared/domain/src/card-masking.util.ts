/**
 * Card numbers (PANs) never reach storage, sockets, logs or exports: every Luhn-valid run of 13–19
 * digits, written plainly or grouped with single spaces, dashes or dots, keeps its last four digits
 * and its separators; the other digits become `*`. CVV/CVC codes named as such are blanked too.
 */
export interface MaskResult {
  text: string;
  /** Card numbers masked. */
  cards: number;
  /** Security codes masked. */
  securityCodes: number;
}

const MASK = '*';
/** Digit runs that may hold a card: 13+ digits, each pair separated by at most one space, dash or dot. */
const CANDIDATE = /\d(?:[ .-]?\d){12,}/g;
/** Card brand prefixes (IINs) checked inside runs longer than any card, to avoid masking every long id. */
const BRAND_PREFIX = /^(4|5[1-5]|2[2-7]|3[47]|6(?:011|5|4[4-9])|3(?:0[0-5]|[689]))/;
/** A security code named as such, in the clients' languages (English, Spanish, Tagalog): "CVV is 123", "el código de seguridad es 123", "CVV ko ay 123". */
const SECURITY_CODE =
  /(?<![\p{L}\d])(cvv2?|cvc2?|cid|csc|security\s+code|card\s+verification(?:\s+(?:code|value))?|c[oó]digo\s+de\s+seguridad)((?:\s*(?:number|no\.?|code|n[uú]mero|ko|nito)\b)?\s*(?:(?:is|es|ay|was|era)\b)?\s*(?:=|:|#|-)?\s*)(\d{3,4})(?![\p{L}\d])/giu;

export function isLuhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export function maskSensitiveData(text: string): MaskResult {
  let cards = 0;
  let securityCodes = 0;
  const masked = text.replace(CANDIDATE, (run) => {
    const result = maskRun(run);
    cards += result.cards;
    return result.text;
  });
  const withCodes = masked.replace(SECURITY_CODE, (_all, label: string, gap: string, code: string) => {
    securityCodes++;
    return `${label}${gap}${MASK.repeat(code.length)}`;
  });
  return { text: withCodes, cards, securityCodes };
}

/** Masks a card number, keeping separators and the last four digits. */
function maskDigits(run: string): string {
  const total = run.replace(/\D/g, '').length;
  let seen = 0;
  return run.replace(/\d/g, (d) => (++seen > total - 4 ? d : MASK));
}

function maskRun(run: string): { text: string; cards: number } {
  const digits = run.replace(/\D/g, '');
  if (digits.length <= 19) {
    return isLuhnValid(digits) ? { text: maskDigits(run), cards: 1 } : { text: run, cards: 0 };
  }
  // Longer than any card: look for a branded, Luhn-valid card inside (e.g. two numbers run together).
  const positions = [...run].map((ch, i) => (/\d/.test(ch) ? i : -1)).filter((i) => i >= 0);
  const hide = new Set<number>();
  let cards = 0;
  for (let start = 0; start < digits.length; start++) {
    for (let length = 19; length >= 13; length--) {
      const window = digits.slice(start, start + length);
      if (window.length !== length || !BRAND_PREFIX.test(window) || !isLuhnValid(window)) continue;
      for (let k = start; k < start + length - 4; k++) hide.add(positions[k]);
      cards++;
      start += length - 1;
      break;
    }
  }
  return { text: [...run].map((ch, i) => (hide.has(i) ? MASK : ch)).join(''), cards };
}

/** Digits (with single separators) at the very end of a text, and at the very start. */
const TRAILING_DIGITS = /\d(?:[ .-]?\d)*\s*$/;
const LEADING_DIGITS = /^\s*\d(?:[ .-]?\d)*/;

/**
 * A card number typed across two messages ("4111 1111" then "1111 1111"): when the end of the earlier
 * message and the start of the later one together form a Luhn-valid, branded 13–19 digit number, both
 * parts are masked (the last four digits stay visible). Null when there is nothing to mask.
 */
export function maskCardSplitAcrossMessages(earlier: string, later: string): { earlier: string; later: string } | null {
  const tail = TRAILING_DIGITS.exec(earlier);
  const head = LEADING_DIGITS.exec(later);
  if (!tail || !head) return null;
  const tailDigits = tail[0].replace(/\D/g, '');
  const headDigits = head[0].replace(/\D/g, '');
  const joined = tailDigits + headDigits;
  if (tailDigits.length < 4 || headDigits.length < 1 || joined.length < 13 || joined.length > 19) return null;
  if (!BRAND_PREFIX.test(joined) || !isLuhnValid(joined)) return null;
  const keep = 4;
  let seen = 0;
  const hide = (part: string, offset: number) =>
    part.replace(/\d/g, (d) => {
      const index = offset + seen++;
      return index >= joined.length - keep ? d : MASK;
    });
  const maskedTail = hide(tail[0], 0);
  seen = 0;
  const maskedHead = hide(head[0], tailDigits.length);
  return { earlier: earlier.slice(0, tail.index) + maskedTail, later: maskedHead + later.slice(head[0].length) };
}
