/**
 * A generated corpus of chat, email and call-transcript lines carrying card numbers (PANs) in the
 * ways people really type them, with and without security codes, plus lines with numbers that are
 * not cards. Deterministic (seeded), so a failure names the same line every run.
 */
export type CorpusChannel = 'chat' | 'email' | 'transcript';

export interface CorpusLine {
  id: number;
  channel: CorpusChannel;
  /** One message, or two when the card is split across consecutive messages. */
  messages: string[];
  /** The Luhn-valid card numbers written in it (digits only). */
  pans: string[];
  /** The security codes written next to a card. */
  cvvs: string[];
  /** How the card was written (for failure reports and coverage counts). */
  format: string;
}

/** mulberry32: small, seedable, good enough to vary a corpus. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function luhnCheckDigit(partial: string): string {
  let sum = 0;
  for (let i = 0; i < partial.length; i++) {
    let d = partial.charCodeAt(partial.length - 1 - i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

const BRANDS: { name: string; prefixes: string[]; length: number; groups: number[] }[] = [
  { name: 'visa', prefixes: ['4'], length: 16, groups: [4, 4, 4, 4] },
  { name: 'visa13', prefixes: ['4'], length: 13, groups: [4, 3, 3, 3] },
  { name: 'visa19', prefixes: ['4'], length: 19, groups: [4, 4, 4, 4, 3] },
  { name: 'mastercard', prefixes: ['51', '52', '53', '54', '55', '2221', '2720'], length: 16, groups: [4, 4, 4, 4] },
  { name: 'amex', prefixes: ['34', '37'], length: 15, groups: [4, 6, 5] },
  { name: 'discover', prefixes: ['6011', '65', '644'], length: 16, groups: [4, 4, 4, 4] },
  { name: 'diners', prefixes: ['36', '300'], length: 14, groups: [4, 6, 4] },
  { name: 'jcb', prefixes: ['3528', '3589'], length: 16, groups: [4, 4, 4, 4] },
  { name: 'unionpay', prefixes: ['62'], length: 16, groups: [4, 4, 4, 4] },
  { name: 'maestro', prefixes: ['6759', '5018'], length: 18, groups: [4, 4, 4, 4, 2] },
];

type Writer = (groups: string[], rnd: () => number) => string;
const pick = <T>(items: readonly T[], rnd: () => number): T => items[Math.floor(rnd() * items.length)];

const FORMATS: Record<string, Writer> = {
  plain: (g) => g.join(''),
  spaces: (g) => g.join(' '),
  dashes: (g) => g.join('-'),
  dots: (g) => g.join('.'),
  slashes: (g) => g.join('/'),
  underscores: (g) => g.join('_'),
  'mixed separators': (g, r) => g.reduce((out, group, i) => (i === 0 ? group : out + pick([' ', '-', '.', ' - '], r) + group), ''),
  'double spaces': (g) => g.join('  '),
  tabs: (g) => g.join('\t'),
  'spaced dashes': (g) => g.join(' - '),
  'one digit at a time': (g) => g.join('').split('').join(' '),
  'line breaks': (g) => `${g.slice(0, 2).join(' ')}\n${g.slice(2).join(' ')}`,
  'inside a word': (g, r) => `${pick(['card', 'no', 'num', 'pan', 'x'], r)}${g.join('')}${pick(['please', 'thx', 'ok', 'x'], r)}`,
  'in brackets': (g) => `(${g.join(' ')})`,
  'in quotes': (g) => `"${g.join('-')}"`,
  'after a hash': (g) => `#${g.join('')}`,
};

const CVV_WRITERS: ((cvv: string, rnd: () => number) => string)[] = [
  (c) => `CVV ${c}`,
  (c) => `cvv: ${c}`,
  (c) => `cvv:${c}`,
  (c) => `CVC ${c}`,
  (c) => `cvc2 ${c}`,
  (c) => `CVV2=${c}`,
  (c) => `cvv#${c}`,
  (c) => `(cvv ${c})`,
  (c) => `CVV/CVC: ${c}`,
  (c) => `security code is ${c}`,
  (c) => `the security code: ${c}`,
  (c) => `card verification value ${c}`,
  (c) => `CVV value is ${c}`,
  (c) => `my cvv number is ${c}`,
  (c) => `el código de seguridad es ${c}`,
  (c) => `código CVV ${c}`,
  (c) => `ang CVV ko ay ${c}`,
  // Not named at all, straight after the card or its expiry date.
  (c, r) => `exp ${pick(['01', '07', '12'], r)}/${pick(['27', '28', '2029'], r)} ${c}`,
  (c, r) => `${pick(['08', '11'], r)}/${pick(['27', '30'], r)} ${c}`,
  (c) => `${c}`,
];

const OPENERS: Record<CorpusChannel, string[]> = {
  chat: ['hi, my card is', 'can you charge', 'pls use', 'card number', 'here it is:', 'ok so its', 'Hola, mi tarjeta es', 'eto po yung card ko', 'use this one'],
  email: ['Dear team, please bill my card', 'Subject: payment — card', 'Re: invoice 20417 — my card is', 'Kind regards. Card on file:', 'Please refund to', '> On Monday you wrote: charge'],
  transcript: ['Customer: the number is', 'Caller: it is', 'Customer: okay, card', 'Agent: go ahead. Customer:', '[00:03:12] Customer:', 'Cliente: el número es'],
};
const CLOSERS = ['thanks', 'thank you!', '', 'gracias', 'salamat po', 'is that ok?', '— sent from my phone', 'expiry next year', 'order 20417'];

/** Lines with numbers that are not cards (phone numbers, order ids, dates, amounts): they must survive. */
const NON_CARDS = [
  'call me on +1 800 555 0142 after 5pm',
  'order #A-1029, 3 items, total 149.99',
  'my policy is NW-2026-004471',
  'the claim is 4471 and the date 2026-11-23',
  'tracking 1Z 999 AA1 01 2345 6784',
  'room 101, floor 3, building 12',
  'ref 90000000000000000000001',
  'meet at 10:30 on 12/01',
];

export function generateCardCorpus(count: number, seed = 20261202): CorpusLine[] {
  const rnd = random(seed);
  const lines: CorpusLine[] = [];
  const formats = Object.keys(FORMATS);
  for (let id = 0; lines.length < count; id++) {
    const channel = pick(['chat', 'email', 'transcript'] as const, rnd);
    if (rnd() < 0.08) {
      lines.push({ id, channel, messages: [pick(NON_CARDS, rnd)], pans: [], cvvs: [], format: 'not a card' });
      continue;
    }
    const brand = pick(BRANDS, rnd);
    let partial = pick(brand.prefixes, rnd);
    while (partial.length < brand.length - 1) partial += String(Math.floor(rnd() * 10));
    const pan = partial + luhnCheckDigit(partial);
    const groups: string[] = [];
    let at = 0;
    for (const size of brand.groups) {
      groups.push(pan.slice(at, at + size));
      at += size;
    }
    const split = rnd() < 0.12;
    const format = split ? 'split across two messages' : pick(formats, rnd);
    const withCvv = rnd() < 0.4;
    let cvv = withCvv ? String(Math.floor(rnd() * (brand.name === 'amex' ? 9000 : 900)) + (brand.name === 'amex' ? 1000 : 100)) : '';
    // A code that is also the card's visible last digits could not be told apart in the check.
    while (withCvv && pan.slice(-5).includes(cvv)) cvv = String(((Number(cvv) + 137) % 900) + 100);
    const cvvText = withCvv ? ` ${pick(CVV_WRITERS, rnd)(cvv, rnd)}` : '';
    const opener = pick(OPENERS[channel], rnd);
    const closer = pick(CLOSERS, rnd);
    if (split) {
      const cut = 1 + Math.floor(rnd() * (groups.length - 1));
      const first = `${opener} ${groups.slice(0, cut).join(' ')}`;
      const second = `${groups.slice(cut).join(' ')}${cvvText} ${closer}`.trim();
      lines.push({ id, channel, messages: [first, second], pans: [pan], cvvs: withCvv ? [cvv] : [], format });
    } else {
      const second = rnd() < 0.1 ? pick(BRANDS.filter((b) => b.length === 16), rnd) : null;
      let extra = '';
      const pans = [pan];
      if (second) {
        let p2 = pick(second.prefixes, rnd);
        while (p2.length < 15) p2 += String(Math.floor(rnd() * 10));
        p2 += luhnCheckDigit(p2);
        pans.push(p2);
        extra = ` or my other card ${p2.match(/.{4}/g)?.join(' ')}`;
      }
      lines.push({ id, channel, messages: [`${opener} ${FORMATS[format](groups, rnd)}${cvvText}${extra} ${closer}`.trim()], pans, cvvs: withCvv ? [cvv] : [], format });
    }
  }
  return lines;
}
