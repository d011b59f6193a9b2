import { generateCardCorpus, type CorpusLine } from './card-corpus.spec-fixtures';
import { maskCardAfterBlankedStart, maskCardSplitAcrossMessages, maskSensitiveData, maskTrailingPartialCard } from './card-masking.util';

const CORPUS = generateCardCorpus(10_000);
const digitsOnly = (text: string) => text.replace(/\D/g, '');

/**
 * What the chat intake stores (and sends live): each message masked, a card's start at the end of a
 * message blanked at once; the next message completes it, or re-masks a split the first could not see.
 */
function stored(line: CorpusLine): string[] {
  const masked = line.messages.map((m) => maskTrailingPartialCard(maskSensitiveData(m).text).text);
  if (masked.length === 2) {
    const completed = maskCardAfterBlankedStart(masked[0], masked[1]);
    if (completed) return [masked[0], completed];
    const split = maskCardSplitAcrossMessages(masked[0], masked[1]);
    if (split) return [split.earlier, split.later];
  }
  return masked;
}

describe('card data corpus (10,000 chat, email and transcript lines)', () => {
  const results = CORPUS.map((line) => ({ line, out: stored(line) }));

  it('covers every format, channel and brand it claims to', () => {
    const formats = new Set(CORPUS.map((l) => l.format));
    expect(formats.size).toBeGreaterThanOrEqual(17);
    expect(new Set(CORPUS.map((l) => l.channel))).toEqual(new Set(['chat', 'email', 'transcript']));
    expect(CORPUS.filter((l) => l.messages.length === 2).length).toBeGreaterThan(800);
    expect(CORPUS.filter((l) => l.cvvs.length).length).toBeGreaterThan(3000);
    expect(CORPUS.flatMap((l) => l.pans).length).toBeGreaterThan(9_000);
  });

  it('masks 100 % of the Luhn-valid card numbers, keeping at most the last four digits', () => {
    const leaks = results.filter(({ line, out }) => line.pans.some((pan) => digitsOnly(out.join(' ')).includes(pan.slice(0, -4))));
    const cards = CORPUS.flatMap((l) => l.pans).length;
    console.log(`card corpus: ${CORPUS.length} lines, ${cards} card numbers in ${new Set(CORPUS.map((l) => l.format)).size} formats, ${leaks.length} leaked`);
    expect(leaks.slice(0, 10).map(({ line, out }) => ({ format: line.format, in: line.messages, out }))).toEqual([]);
    // The last four stay, so an agent can still say "the card ending 1111" (short of a card whose
    // last group could also be its code: then both are hidden, security first).
    const withLastFour = results.filter(({ line, out }) => line.pans.every((pan) => digitsOnly(out.join(' ')).includes(pan.slice(-4)))).length;
    expect(withLastFour / results.length).toBeGreaterThan(0.97);
  });

  it('never sends more than the first four digits of a split card before its second half arrives', () => {
    const splits = CORPUS.filter((l) => l.messages.length === 2);
    const early = splits.filter((line) => digitsOnly(maskTrailingPartialCard(maskSensitiveData(line.messages[0]).text).text).length > 4 + digitsOnly(line.messages[0].replace(/\d(?:[ \t./_-]{0,3}\d)*\s*$/, '')).length);
    expect(early.map((l) => l.messages[0]).slice(0, 10)).toEqual([]);
  });

  it('keeps 0 security codes next to a card number', () => {
    const kept = results.filter(({ line, out }) => line.cvvs.some((cvv) => new RegExp(`(?<!\\d)${cvv}(?!\\d)`).test(out.join('\n'))));
    console.log(`card corpus: ${CORPUS.filter((l) => l.cvvs.length).length} lines with a security code, ${kept.length} kept`);
    expect(kept.slice(0, 10).map(({ line, out }) => ({ cvv: line.cvvs, in: line.messages, out }))).toEqual([]);
  });

  it('leaves the numbers that are not cards alone', () => {
    const others = results.filter(({ line }) => line.format === 'not a card');
    expect(others.length).toBeGreaterThan(500);
    expect(others.filter(({ line, out }) => out[0] !== line.messages[0]).map(({ line, out }) => [line.messages[0], out[0]])).toEqual([]);
  });
});
