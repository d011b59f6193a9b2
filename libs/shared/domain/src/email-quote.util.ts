/**
 * Splits the plain text of an email into what the sender wrote now and what they quoted or signed
 * under it, so an agent reads the new part first and opens the rest on demand.
 *
 * The quoted tail starts at the first of:
 * - an attribution line: `On … wrote:` (Gmail, Apple Mail, Thunderbird; wrapped over up to three
 *   lines, as Gmail does with long names) and its German, French, Spanish and Portuguese forms;
 * - an Outlook header: `-----Original Message-----`, a `____` rule followed by `From:`, or a
 *   `From:` line followed within four lines by `Sent:` or `Date:` (and `To:`/`Subject:`);
 * - a signature delimiter: `-- ` on a line of its own (RFC 3676; `--` when the space was trimmed);
 * - a run of `>` lines that nothing but blank lines, `>` lines and the markers above follow.
 *
 * Quoted lines between the sender's own lines (inline answers) stay visible: they are the context
 * of what was answered. When splitting would hide everything, nothing is hidden.
 */
export interface SplitEmailText {
  /** What the sender wrote now (trailing blank lines removed). */
  visible: string;
  /** The quoted history and signature, from its first line; null when there is none. */
  quoted: string | null;
}

const ATTRIBUTION_START = /^\s*(On|Am|Le|El|Em)\s/;
// German puts the sender after the verb: `Am … schrieb Pat <pat@example.com>:`.
const ATTRIBUTION_END = /(wrote|schrieb|a écrit|escribió|escreveu)(\s*|\s.*):\s*$/i;
const ORIGINAL_MESSAGE = /^\s*-{2,}\s*(Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje original)\s*-{2,}\s*$/i;
const UNDERSCORE_RULE = /^\s*_{10,}\s*$/;
const HEADER_FROM = /^\s*\*?(From|Von|De)\s*:\*?\s+\S/i;
const HEADER_SENT = /^\s*\*?(Sent|Date|Gesendet|Envoyé|Enviado)\s*:\*?\s+\S/i;
const SIGNATURE = /^-- ?$/;
const QUOTE = /^\s*>/;

/** The line index where the quoted tail begins, or -1. */
function quoteStart(lines: readonly string[]): number {
  let trailingQuoteFrom = -1;
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i];
    if (SIGNATURE.test(line) || ORIGINAL_MESSAGE.test(line)) return earliest(trailingQuoteFrom, i);
    if (ATTRIBUTION_START.test(line)) {
      const joined = lines.slice(i, i + 3);
      for (let j = 0; j < joined.length; j += 1) {
        if (ATTRIBUTION_END.test(joined[j]) && (j === 0 || !joined.slice(1, j + 1).some((l) => l.trim() === ''))) return earliest(trailingQuoteFrom, i);
      }
    }
    if (UNDERSCORE_RULE.test(line) && lines.slice(i + 1, i + 3).some((l) => HEADER_FROM.test(l))) return earliest(trailingQuoteFrom, i);
    if (HEADER_FROM.test(line) && lines.slice(i + 1, i + 5).some((l) => HEADER_SENT.test(l))) return earliest(trailingQuoteFrom, i);

    if (QUOTE.test(line)) {
      if (trailingQuoteFrom === -1) trailingQuoteFrom = i;
    } else if (line.trim() !== '') {
      trailingQuoteFrom = -1; // the sender wrote again after the quote: it was an inline quote
    }
  }
  return trailingQuoteFrom;
}

function earliest(quoteFrom: number, marker: number): number {
  return quoteFrom === -1 ? marker : Math.min(quoteFrom, marker);
}

export function splitQuotedText(text: string): SplitEmailText {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const start = quoteStart(lines);
  if (start === -1) return { visible: trimEnd(lines.join('\n')), quoted: null };
  const visible = trimEnd(lines.slice(0, start).join('\n'));
  const quoted = trimEnd(lines.slice(start).join('\n'));
  if (visible.trim() === '' || quoted.trim() === '') return { visible: trimEnd(lines.join('\n')), quoted: null };
  return { visible, quoted };
}

const trimEnd = (text: string) => text.replace(/\s+$/, '');
