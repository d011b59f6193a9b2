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
/**
 * Digit runs that may hold a card: 13+ digits, each pair separated by up to three spaces, tabs, line
 * breaks, dashes, dots, slashes or underscores ("4111 1111 1111 1111", "4111 - 1111", "4111/1111",
 * "4111\n1111", "4 1 1 1 …").
 */
const CANDIDATE = /\d(?:[ \t\r\n./_-]{0,3}\d){12,}/g;
/** Card brand prefixes (IINs): Visa, Mastercard, Amex, Discover, Diners, JCB, UnionPay, Maestro. */
const BRAND_PREFIX = /^(4|5[0-5]|2[2-7]|3[47]|6(?:011|5|4[4-9]|2|7)|3(?:0[0-5]|[5689]))/;
/** A security code named as such, in the clients' languages (English, Spanish, Tagalog): "CVV is 123", "el código de seguridad es 123", "CVV ko ay 123". */
const SECURITY_CODE =
  /(?<![\p{L}\d])(cvv2?|cvc2?|cid|csc|security\s+code|card\s+verification(?:\s+(?:code|value))?|c[oó]digo\s+de\s+seguridad)((?:\s*(?:number|no\.?|code|value|n[uú]mero|ko|nito)\b)?\s*(?:(?:is|es|ay|was|era)\b)?\s*(?:=|:|#|-)?\s*)(\d{3,4})(?![\p{L}\d])/giu;
/**
 * An unnamed security code straight after a card (or after its expiry date): "… 1111 123",
 * "… 1111, exp 12/27 123", "… 1111 08/27 123". Only within the same line, only 3–4 digits.
 */
const CODE_AFTER_CARD = /^\p{L}{0,10}(?:[^\S\n]|[,;:()[\]#"'.-])*(?:(?:exp(?:iry|ires|\.)?|valid(?:\s+thru)?|vence|vto\.?)\s*)?(?:\d{1,2}\s*[/-]\s*\d{2,4}(?:[^\S\n]|[,;:()[\]#"'.-])*)?(\d{3,4})(?!\d)/iu;

/**
 * A code named loosely after a card in the same line, with no other digits between: "… 1111 and the
 * code is 456", "… 1111, el código es 789", "… 1111 and the 3 digits on the back are 321" is not
 * (a digit in between). Only ever tried right after a card, where a 3–4 digit "code" is its CVV.
 */
const LOOSE_CODE_AFTER_CARD = /^[^\n\d]{0,40}?(?<!\p{L})(?:code|c[oó]digo|pin|cvv|cvc)\b(?:\s+(?:is|es|ay|was|era|on\s+the\s+back|at\s+the\s+back|detr[aá]s))*\s*(?:=|:|#|-)?\s*(\d{3,4})(?!\d)/iu;

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
  /** Where each masked card ends (masking keeps lengths, so input and output offsets agree). */
  const cardEnds: number[] = [];
  const masked = text.replace(CANDIDATE, (run, offset: number) => {
    const result = maskRun(run);
    cards += result.cards;
    securityCodes += result.securityCodes;
    for (const end of result.cardEnds) cardEnds.push(offset + end);
    return result.text;
  });
  let afterCards = masked;
  for (const end of cardEnds) {
    const next = maskCodeAfter(afterCards, end);
    if (next !== afterCards) securityCodes++;
    afterCards = next;
  }
  const withCodes = afterCards.replace(SECURITY_CODE, (_all, label: string, gap: string, code: string) => {
    securityCodes++;
    return `${label}${gap}${MASK.repeat(code.length)}`;
  });
  return { text: withCodes, cards, securityCodes };
}

/** Blanks a security code right after a card that ends at `end` (see CODE_AFTER_CARD and LOOSE_CODE_AFTER_CARD). */
function maskCodeAfter(text: string, end: number): string {
  const code = CODE_AFTER_CARD.exec(text.slice(end, end + 48)) ?? LOOSE_CODE_AFTER_CARD.exec(text.slice(end, end + 64));
  if (!code) return text;
  const at = end + code[0].length - code[1].length;
  return text.slice(0, at) + MASK.repeat(code[1].length) + text.slice(at + code[1].length);
}

interface RunMask {
  text: string;
  cards: number;
  securityCodes: number;
  /** Offsets in the run just after each masked card. */
  cardEnds: number[];
}

/**
 * Masks the cards in one digit run. The whole run when it is a Luhn-valid 13–19 digit number;
 * otherwise whole groups that together make a branded, Luhn-valid number (a card followed by its
 * code, "4111 1111 1111 1111 123", or by an expiry date); otherwise (a run longer than any card,
 * e.g. two numbers run together) any branded, Luhn-valid stretch of digits inside it.
 */
function maskRun(run: string, requireBrand = false): RunMask {
  const chars = [...run];
  const groups = [...run.matchAll(/\d+/g)].map((m) => ({ start: m.index as number, end: (m.index as number) + m[0].length, digits: m[0] }));
  const digits = groups.map((g) => g.digits).join('');
  const hide = new Set<number>();
  const cardEnds: number[] = [];
  let cards = 0;
  let securityCodes = 0;
  const hideDigitsOf = (from: number, to: number, keepLast: number) => {
    const positions = chars.map((ch, i) => (i >= from && i < to && /\d/.test(ch) ? i : -1)).filter((i) => i >= 0);
    positions.slice(0, Math.max(0, positions.length - keepLast)).forEach((i) => hide.add(i));
  };

  const isCard = (d: string, branded: boolean) => d.length >= 13 && d.length <= 19 && (!branded || BRAND_PREFIX.test(d)) && isLuhnValid(d);
  // A card and its code in one run ("3723 503981 10618 9423"): the code is not taken for the last four.
  const last = groups[groups.length - 1];
  if (groups.length >= 2 && last.digits.length >= 3 && last.digits.length <= 4 && isCard(digits.slice(0, -last.digits.length), true)) {
    hideDigitsOf(0, groups[groups.length - 2].end, 4);
    hideDigitsOf(last.start, last.end, 0);
    // If that last group was the card's own end after all, a code may still follow: blank it too.
    return { text: apply(chars, hide), cards: 1, securityCodes: 1, cardEnds: [run.length] };
  }
  if (isCard(digits, requireBrand)) {
    hideDigitsOf(0, run.length, 4);
    return { text: apply(chars, hide), cards: 1, securityCodes: 0, cardEnds: [run.length] };
  }
  for (let i = 0; i < groups.length; i++) {
    for (let j = groups.length - 1; j >= i; j--) {
      const span = groups.slice(i, j + 1).map((g) => g.digits).join('');
      if (span.length < 13 || span.length > 19 || !BRAND_PREFIX.test(span) || !isLuhnValid(span)) continue;
      hideDigitsOf(groups[i].start, groups[j].end, 4);
      cards++;
      // What follows the card in the same run (an expiry, a code): its last group, if 3–4 digits, is the code.
      const rest = groups.slice(j + 1);
      const code = rest[rest.length - 1];
      if (rest.length >= 1 && rest.length <= 3 && code.digits.length >= 3 && code.digits.length <= 4) {
        hideDigitsOf(code.start, code.end, 0);
        securityCodes++;
        i = groups.length; // the rest was the card's expiry and code
      } else {
        i = j;
      }
      if (rest.length === 0) cardEnds.push(groups[j].end);
      break;
    }
  }
  if (cards === 0) {
    // A group longer than any card, with no separators to go by (two numbers run together): look for
    // a branded, Luhn-valid card inside it.
    for (const group of groups.filter((g) => g.digits.length > 19)) {
      const d = group.digits;
      for (let start = 0; start < d.length; start++) {
        for (let length = 19; length >= 13; length--) {
          const window = d.slice(start, start + length);
          if (window.length !== length || !BRAND_PREFIX.test(window) || !isLuhnValid(window)) continue;
          for (let k = start; k < start + length - 4; k++) hide.add(group.start + k);
          if (start + length === d.length && group === groups[groups.length - 1]) cardEnds.push(run.length);
          cards++;
          start += length - 1;
          break;
        }
      }
    }
  }
  return { text: apply(chars, hide), cards, securityCodes, cardEnds };
}

const apply = (chars: string[], hide: Set<number>) => chars.map((ch, i) => (hide.has(i) ? MASK : ch)).join('');

/** Digits (with the separators a card may have) at the very end of a text, and at the very start. */
const TRAILING_DIGITS = /\d(?:[ \t./_-]{0,3}\d)*\s*$/;
const LEADING_DIGITS = /^\s*\d(?:[ \t./_-]{0,3}\d)*/;

/**
 * A card number typed across two messages ("4111 1111" then "1111 1111"): when the end of the earlier
 * message and the start of the later one together form a Luhn-valid, branded 13–19 digit number, both
 * parts are masked (the last four digits stay visible). Null when there is nothing to mask.
 */
export function maskCardSplitAcrossMessages(earlier: string, later: string): { earlier: string; later: string } | null {
  const tail = TRAILING_DIGITS.exec(earlier);
  const head = LEADING_DIGITS.exec(later);
  if (!tail || !head) return null;
  const tailText = tail[0].replace(/\s+$/, '');
  const headText = head[0].replace(/^\s+/, '');
  if (tailText.replace(/\D/g, '').length < 4) return null;
  // The two ends read as one run (a space between them), masked by the same rules as one message,
  // but only as a branded card: two unrelated numbers in a row rarely are one.
  const joined = maskRun(`${tailText} ${headText}`, true);
  if (joined.cards === 0) return null;
  const maskedTail = joined.text.slice(0, tailText.length);
  const maskedHead = joined.text.slice(tailText.length + 1);
  if (maskedTail === tailText && maskedHead === headText) return null;
  const tailAt = tail.index;
  const headAt = later.indexOf(headText);
  let laterMasked = later.slice(0, headAt) + maskedHead + later.slice(headAt + headText.length);
  // A code written after the card's end in the later message ("… 6750 exp 12/27 912").
  if (joined.cardEnds.includes(tailText.length + 1 + headText.length)) laterMasked = maskCodeAfter(laterMasked, headAt + headText.length);
  return { earlier: earlier.slice(0, tailAt) + maskedTail + earlier.slice(tailAt + tailText.length), later: laterMasked };
}

/** Digits a message ends with, written like the start of a card (see maskTrailingPartialCard). */
const TRAILING_RUN = /\d(?:[ \t./_-]{0,3}\d)*(?=[\s.,;:!?)"']*$)/;
/** A message that ends with a partial card already blanked: `**** **** ****`. */
const TRAILING_BLANKED = /\*(?:[ \t./_-]{0,3}\*)*(?=[\s.,;:!?)"']*$)/;

/**
 * Conversations are shown live, so the first half of a card typed across two chat messages must not
 * go out before the second half arrives. A message that ends with what can only be the start of a
 * card is blanked at once: 7–18 digits with a card brand's prefix, not a whole card, written in
 * card groups (a first group of four) or ungrouped — but not 10 or 11 ungrouped digits, nor
 * three-digit groups, which are phone numbers. The next message then completes it
 * (maskCardSplitAcrossMessages). Chat and social only: an email arrives whole.
 */
export function maskTrailingPartialCard(text: string): { text: string; masked: boolean } {
  const run = TRAILING_RUN.exec(text);
  if (!run) return { text, masked: false };
  const groups = run[0].match(/\d+/g) ?? [];
  const digits = groups.join('');
  const grouped = groups.length > 1;
  if (digits.length < 7 || digits.length > 18 || !BRAND_PREFIX.test(digits)) return { text, masked: false };
  if (digits.length >= 13 && isLuhnValid(digits)) return { text, masked: false }; // a whole card: maskSensitiveData's job
  if (grouped ? groups[0]?.length !== 4 : digits.length === 10 || digits.length === 11) return { text, masked: false };
  const blanked = run[0].replace(/\d/g, MASK);
  return { text: text.slice(0, run.index) + blanked + text.slice(run.index + run[0].length), masked: true };
}

/**
 * The later half of a card whose first half was already blanked (maskTrailingPartialCard): the
 * digits the later message starts with make the card up to 13–19 digits; all of them but the last
 * four are blanked, and a security code after them too. Null when the earlier message does not end
 * blanked or the later does not start with digits.
 */
export function maskCardAfterBlankedStart(earlier: string, later: string): string | null {
  const blanked = TRAILING_BLANKED.exec(earlier);
  const head = LEADING_DIGITS.exec(later);
  if (!blanked || !head) return null;
  const hidden = (blanked[0].match(/\*/g) ?? []).length;
  if (hidden < 7) return null;
  const headText = head[0].replace(/^\s+/, '');
  const headAt = later.indexOf(headText);
  const groups = [...headText.matchAll(/\d+/g)].map((m) => ({ start: m.index as number, end: (m.index as number) + m[0].length, digits: m[0] }));
  // How many leading groups complete the card. Reading a long card as a shorter one plus a code only
  // hides more, so that reading wins: a code is never taken for the card's last four.
  const totals = groups.map((_g, i) => hidden + groups.slice(0, i + 1).reduce((n, g) => n + g.digits.length, 0));
  const fits = totals.map((total, i) => (total >= 13 && total <= 19 ? i + 1 : 0)).filter(Boolean);
  const codeLike = (take: number) => take < groups.length && groups.length - take <= 4 && /^\d{3,4}$/.test(groups[groups.length - 1].digits);
  const length = [16, 15, 14, 13, 17, 18, 19].find((l) => totals.includes(l));
  // A reading that leaves a code after the card hides it; otherwise the most common card length.
  const take = fits.find(codeLike) ?? (length === undefined ? 0 : totals.indexOf(length) + 1);
  if (take === 0) return null;
  const chars = [...headText];
  const cardDigits = chars.map((ch, i) => (i < groups[take - 1].end && /\d/.test(ch) ? i : -1)).filter((i) => i >= 0);
  const hide = new Set(cardDigits.slice(0, Math.max(0, cardDigits.length - 4)));
  const rest = groups.slice(take);
  const code = rest[rest.length - 1];
  // What follows (the card's tail, an expiry date, a code): the last group, if 3–4 digits, is the code.
  if (rest.length >= 1 && rest.length <= 4 && code.digits.length >= 3 && code.digits.length <= 4) for (let i = code.start; i < code.end; i++) hide.add(i);
  const maskedHead = apply(chars, hide);
  let result = later.slice(0, headAt) + maskedHead + later.slice(headAt + headText.length);
  result = maskCodeAfter(result, headAt + headText.length);
  return result === later ? null : result;
}
