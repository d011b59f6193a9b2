import type { AutoQaCheck, AutoQaRuleId, AutoQaSettings, Channel, FieldError } from '@switchboard/shared-contracts';
import { roundTenth } from './scorecard.util';

/**
 * AutoQA: deterministic checks of a resolved ticket, each a pure function of the ticket's facts and the
 * client's settings, each with its evidence. A failed check raises a flag (which targeted sampling may
 * pick up); the automatic score is passed / applicable checks × 100. Kept apart from human scores: it is
 * never part of an evaluation or of the QA score.
 *
 * Agent lines are the public agent messages (chat, email, social) or, on calls, the transcript's agent
 * lines (`Agent: …`, optionally timed `[mm:ss]` or `[h:mm:ss]`). Card numbers are masked before storage,
 * so an agent typing one shows as a masked run (`**** **** **** 1111`).
 */

export interface AutoQaMessage {
  direction: 'inbound' | 'outbound' | 'note' | 'system';
  body: string;
  at: string;
}

export interface AutoQaHold {
  start: string;
  /** Null when the call ended on hold (then the call's end closes it). */
  end: string | null;
}

export interface AutoQaFacts {
  channel: Channel;
  createdAt: string;
  firstResponseAt: string | null;
  /** In order. */
  messages: readonly AutoQaMessage[];
  /** Calls: each hold. */
  holds: readonly AutoQaHold[];
  /** Calls: the (masked) transcript, when there is one. */
  transcript: string | null;
  callEndedAt: string | null;
}

export interface AutoQaOutcome {
  score: number | null;
  flags: string[];
  checks: AutoQaCheck[];
}

export const DEFAULT_AUTOQA_SETTINGS: AutoQaSettings = Object.freeze({
  greetingPhrases: ['hello', 'hi', 'good morning', 'good afternoon', 'good evening', 'thank you for contacting', 'thanks for contacting', 'thank you for calling', 'welcome', 'hola', 'buenos días', 'buenas tardes'],
  closingPhrases: ['anything else', 'have a great day', 'have a nice day', 'have a good day', 'thank you for contacting', 'thanks for contacting', 'thank you for calling', 'goodbye', 'bye', 'take care', 'algo más', 'buen día'],
  firstResponseTargetSeconds: 300,
  requiredPhrases: [],
  maxHoldSeconds: 120,
  maxSilenceSeconds: 60,
}) as AutoQaSettings;

export const AUTOQA_LIMITS = { phrases: 50, phraseLength: 200, seconds: 7 * 86_400 } as const;

/** Checks settings from an admin; every problem with its field path, none = valid. */
export function checkAutoQaSettings(input: unknown): FieldError[] {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return [{ field: '', message: 'must be an object' }];
  const record = input as Record<string, unknown>;
  const problems: FieldError[] = [];
  const known = Object.keys(DEFAULT_AUTOQA_SETTINGS);
  for (const key of Object.keys(record)) if (!known.includes(key)) problems.push({ field: key, message: 'is not an AutoQA setting' });
  for (const key of ['greetingPhrases', 'closingPhrases', 'requiredPhrases'] as const) {
    const list = record[key];
    const minimum = key === 'requiredPhrases' ? 0 : 1;
    if (!Array.isArray(list) || list.length < minimum || list.length > AUTOQA_LIMITS.phrases || !list.every((p) => typeof p === 'string' && p.trim().length > 0 && p.length <= AUTOQA_LIMITS.phraseLength)) {
      problems.push({ field: key, message: `must list ${minimum}–${AUTOQA_LIMITS.phrases} phrases of 1–${AUTOQA_LIMITS.phraseLength} characters` });
    }
  }
  for (const key of ['firstResponseTargetSeconds', 'maxHoldSeconds', 'maxSilenceSeconds'] as const) {
    const value = record[key];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > AUTOQA_LIMITS.seconds) problems.push({ field: key, message: `must be a whole number of seconds from 1 to ${AUTOQA_LIMITS.seconds}` });
  }
  return problems;
}

// ─── Lines ──────────────────────────────────────────────────────────────────────────────────────────

export interface Line {
  speaker: 'agent' | 'customer' | 'unknown';
  text: string;
  /** Seconds into the call (timed transcripts) or the message's instant in ms. */
  atSeconds: number | null;
}

const TRANSCRIPT_LINE = /^\s*(?:\[(?:(\d{1,2}):)?(\d{1,2}):(\d{2})\]\s*)?(?:(agent|customer|caller)\s*:\s*)?(.*)$/i;

/** Transcript lines with their speaker (Agent / Customer / Caller) and time when written `[mm:ss]`. */
export function transcriptLines(transcript: string): Line[] {
  return transcript
    .split(/\r?\n/)
    .map((raw) => {
      const match = TRANSCRIPT_LINE.exec(raw) as RegExpExecArray;
      const [, h, mm, ss, who, text] = match;
      const atSeconds = mm === undefined ? null : Number(h ?? 0) * 3600 + Number(mm) * 60 + Number(ss);
      const speaker = who === undefined ? 'unknown' : who.toLowerCase() === 'agent' ? 'agent' : 'customer';
      return { speaker, text: text.trim(), atSeconds } as Line;
    })
    .filter((line) => line.text.length > 0);
}

/** The ticket's conversation as lines: public messages, or a call's transcript. */
export function conversationLines(facts: AutoQaFacts): Line[] {
  if (facts.channel === 'voice') return facts.transcript ? transcriptLines(facts.transcript) : [];
  return facts.messages
    .filter((m) => m.direction === 'inbound' || m.direction === 'outbound')
    .map((m) => ({ speaker: m.direction === 'outbound' ? 'agent' : 'customer', text: m.body.trim(), atSeconds: Date.parse(m.at) / 1000 }) as Line)
    .filter((line) => line.text.length > 0);
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The first of `phrases` found in `text` as whole words, case-insensitively; null when none. */
export function findPhrase(text: string, phrases: readonly string[]): string | null {
  const lower = text.toLocaleLowerCase();
  for (const phrase of phrases) {
    const words = phrase.trim().toLocaleLowerCase();
    if (words && new RegExp(`(?<![\\p{L}\\d])${escape(words)}(?![\\p{L}\\d])`, 'u').test(lower)) return phrase;
  }
  return null;
}

const quote = (text: string) => `"${text.length > 120 ? `${text.slice(0, 117)}…` : text}"`;

function check(rule: AutoQaRuleId, outcome: AutoQaCheck['outcome'], flag: string, evidence: string[]): AutoQaCheck {
  return { rule, outcome, flag: outcome === 'fail' ? flag : null, evidence };
}

// ─── Rules ──────────────────────────────────────────────────────────────────────────────────────────

/** The agent's first line greets the customer. */
export function greetingRule(facts: AutoQaFacts, settings: AutoQaSettings): AutoQaCheck {
  const lines = conversationLines(facts);
  const first = lines.find((l) => l.speaker === 'agent') ?? (lines.every((l) => l.speaker === 'unknown') ? lines[0] : undefined);
  if (!first) return check('greeting', 'not_applicable', 'missing_greeting', ['no agent line']);
  const found = findPhrase(first.text, settings.greetingPhrases);
  return found ? check('greeting', 'pass', 'missing_greeting', [`first agent line ${quote(first.text)} greets ("${found}")`]) : check('greeting', 'fail', 'missing_greeting', [`first agent line ${quote(first.text)} has no greeting`]);
}

/** The agent's last line closes the conversation. */
export function closingRule(facts: AutoQaFacts, settings: AutoQaSettings): AutoQaCheck {
  const lines = conversationLines(facts);
  const agent = lines.filter((l) => l.speaker === 'agent');
  const last = agent[agent.length - 1] ?? (lines.every((l) => l.speaker === 'unknown') ? lines[lines.length - 1] : undefined);
  if (!last) return check('closing', 'not_applicable', 'missing_closing', ['no agent line']);
  const found = findPhrase(last.text, settings.closingPhrases);
  return found ? check('closing', 'pass', 'missing_closing', [`last agent line ${quote(last.text)} closes ("${found}")`]) : check('closing', 'fail', 'missing_closing', [`last agent line ${quote(last.text)} has no closing`]);
}

/** Digital tickets: the first public agent reply within the client's target (calls are measured by service level instead). */
export function firstResponseRule(facts: AutoQaFacts, settings: AutoQaSettings): AutoQaCheck {
  if (facts.channel === 'voice') return check('first_response', 'not_applicable', 'slow_first_response', ['calls are answered live']);
  if (!facts.firstResponseAt) return check('first_response', 'fail', 'slow_first_response', ['no public agent reply before resolution']);
  const seconds = Math.round((Date.parse(facts.firstResponseAt) - Date.parse(facts.createdAt)) / 1000);
  const evidence = [`first reply after ${seconds} s (target ${settings.firstResponseTargetSeconds} s)`];
  return check('first_response', seconds <= settings.firstResponseTargetSeconds ? 'pass' : 'fail', 'slow_first_response', evidence);
}

/** Asking for card data, in the clients' languages. */
const CARD_REQUEST = /(?<![\p{L}\d])(card\s+number|credit\s+card|debit\s+card|card\s+details|long\s+number\s+on\s+the\s+card|cvv2?|cvc2?|security\s+code|expiry\s+date|expiration\s+date|n[uú]mero\s+de\s+(?:la\s+)?tarjeta|c[oó]digo\s+de\s+seguridad)(?![\p{L}\d])/iu;
/** A masked card number (13–19 digits, all but the last four masked, grouping kept) or a masked security code. */
const MASKED_CARD = /(?:\*[ .-]?){9,}\d{4}|(?:cvv2?|cvc2?|security\s+code)\D{0,12}\*{3,4}(?!\d)/iu;

/** The agent never asks for a card number or security code, nor types one (it shows masked). */
export function cardDataRule(facts: AutoQaFacts): AutoQaCheck {
  const agent = conversationLines(facts).filter((l) => l.speaker === 'agent');
  if (agent.length === 0) return check('card_data', 'not_applicable', 'card_data', ['no agent line']);
  const evidence: string[] = [];
  for (const line of agent) {
    if (MASKED_CARD.test(line.text)) evidence.push(`agent typed card data: ${quote(line.text)}`);
    else if (CARD_REQUEST.test(line.text)) evidence.push(`agent asked for card data: ${quote(line.text)}`);
  }
  return evidence.length ? check('card_data', 'fail', 'card_data', evidence) : check('card_data', 'pass', 'card_data', ['no card data asked for or typed']);
}

const NEGATIVE = [
  'angry', 'terrible', 'awful', 'useless', 'worst', 'ridiculous', 'disappointed', 'disappointing', 'unacceptable', 'frustrated', 'frustrating', 'horrible',
  'not happy', 'unhappy', 'never again', 'complaint', 'waste of time', 'still not working', "doesn't work", 'does not work', 'rude', 'cancel my',
  'pésimo', 'horrible', 'molesto', 'decepcionado', 'inaceptable', 'no funciona', 'queja',
  // Tagalog (Globex serves Filipino customers), Taglish included.
  'galit', 'nakakainis', 'nakakadismaya', 'walang kwenta', 'hindi gumagana', 'reklamo', 'bwisit', 'badtrip', 'ayoko na',
];
const POSITIVE = [
  'thanks', 'thank you', 'great', 'perfect', 'excellent', 'appreciate', 'awesome', 'helpful', 'resolved', 'gracias', 'excelente', 'perfecto', 'genial',
  'salamat', 'ang galing', 'magaling', 'maayos na', 'okay na po',
];

/** The words of `text` that carry sentiment: negative minus positive (a lexicon in English, Spanish and Tagalog, deterministic; "not happy" counts as negative). */
export function sentimentOf(text: string): { score: number; negative: string[]; positive: string[] } {
  const negative = NEGATIVE.filter((w) => findPhrase(text, [w]) !== null);
  const positive = POSITIVE.filter((w) => findPhrase(text, [w]) !== null && !negative.some((n) => n.includes(w)));
  return { score: positive.length - negative.length, negative, positive };
}

/** The customer does not end the conversation on a negative note (their last line). */
export function negativeEndRule(facts: AutoQaFacts): AutoQaCheck {
  const customer = conversationLines(facts).filter((l) => l.speaker === 'customer');
  const last = customer[customer.length - 1];
  if (!last) return check('negative_end', 'not_applicable', 'negative_end', ['no customer line']);
  const sentiment = sentimentOf(last.text);
  if (sentiment.score < 0) return check('negative_end', 'fail', 'negative_end', [`last customer line ${quote(last.text)} is negative (${sentiment.negative.join(', ')})`]);
  return check('negative_end', 'pass', 'negative_end', [`last customer line ${quote(last.text)} is ${sentiment.score > 0 ? 'positive' : 'neutral'}`]);
}

/** Calls: no hold longer than the client's limit (a hold left open ends with the call). */
export function longHoldRule(facts: AutoQaFacts, settings: AutoQaSettings): AutoQaCheck {
  if (facts.channel !== 'voice') return check('long_hold', 'not_applicable', 'long_hold', ['not a call']);
  if (facts.holds.length === 0) return check('long_hold', 'pass', 'long_hold', ['no hold']);
  const durations = facts.holds.map((h) => {
    const end = h.end ?? facts.callEndedAt;
    return end ? Math.max(0, Math.round((Date.parse(end) - Date.parse(h.start)) / 1000)) : 0;
  });
  const long = durations.filter((d) => d > settings.maxHoldSeconds);
  const longest = Math.max(...durations);
  if (long.length) return check('long_hold', 'fail', 'long_hold', [`${long.length} hold${long.length === 1 ? '' : 's'} over ${settings.maxHoldSeconds} s (longest ${longest} s)`]);
  return check('long_hold', 'pass', 'long_hold', [`${durations.length} hold${durations.length === 1 ? '' : 's'}, longest ${longest} s (limit ${settings.maxHoldSeconds} s)`]);
}

/**
 * No long silence: on calls, a gap between timed transcript lines (untimed transcripts cannot tell);
 * on chats, a customer waiting for the agent's next line. Emails and social messages are not live.
 */
export function longSilenceRule(facts: AutoQaFacts, settings: AutoQaSettings): AutoQaCheck {
  const lines = conversationLines(facts);
  if (facts.channel === 'voice') {
    const timed = lines.filter((l) => l.atSeconds !== null);
    if (timed.length < 2) return check('long_silence', 'not_applicable', 'long_silence', [facts.transcript ? 'the transcript is not timed' : 'no transcript']);
    const gaps = timed.slice(1).map((l, i) => ({ seconds: (l.atSeconds as number) - (timed[i].atSeconds as number), at: timed[i].atSeconds as number }));
    return silenceOutcome(gaps.map((g) => ({ seconds: g.seconds, where: `after ${clock(g.at)}` })), settings.maxSilenceSeconds);
  }
  if (facts.channel !== 'chat') return check('long_silence', 'not_applicable', 'long_silence', [`${facts.channel} is not live`]);
  const gaps: { seconds: number; where: string }[] = [];
  lines.forEach((line, i) => {
    if (line.speaker !== 'customer' || (i > 0 && lines[i - 1].speaker === 'customer')) return;
    const reply = lines.slice(i + 1).find((l) => l.speaker === 'agent');
    if (reply) gaps.push({ seconds: Math.round((reply.atSeconds as number) - (line.atSeconds as number)), where: `after ${quote(line.text)}` });
  });
  if (gaps.length === 0) return check('long_silence', 'not_applicable', 'long_silence', ['no customer line answered']);
  return silenceOutcome(gaps, settings.maxSilenceSeconds);
}

function silenceOutcome(gaps: { seconds: number; where: string }[], max: number): AutoQaCheck {
  const long = gaps.filter((g) => g.seconds > max);
  if (long.length) return check('long_silence', 'fail', 'long_silence', long.map((g) => `${g.seconds} s of silence ${g.where} (limit ${max} s)`));
  return check('long_silence', 'pass', 'long_silence', [`longest silence ${Math.max(...gaps.map((g) => g.seconds))} s (limit ${max} s)`]);
}

const clock = (seconds: number) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;

/** The client's required phrases each appear at least once in the agent's lines. */
export function requiredPhrasesRule(facts: AutoQaFacts, settings: AutoQaSettings): AutoQaCheck {
  if (settings.requiredPhrases.length === 0) return check('required_phrases', 'not_applicable', 'missing_required_phrase', ['the client requires no phrase']);
  const lines = conversationLines(facts);
  const agentText = lines.filter((l) => l.speaker !== 'customer').map((l) => l.text).join('\n');
  if (!agentText) return check('required_phrases', 'not_applicable', 'missing_required_phrase', ['no agent line']);
  const missing = settings.requiredPhrases.filter((p) => findPhrase(agentText, [p]) === null);
  if (missing.length) return check('required_phrases', 'fail', 'missing_required_phrase', missing.map((p) => `never said "${p}"`));
  return check('required_phrases', 'pass', 'missing_required_phrase', settings.requiredPhrases.map((p) => `said "${p}"`));
}

/** Every rule, in the order of AUTOQA_RULES, and the automatic score (passed / applicable × 100). */
export function runAutoQa(facts: AutoQaFacts, settings: AutoQaSettings = DEFAULT_AUTOQA_SETTINGS): AutoQaOutcome {
  const checks = [
    greetingRule(facts, settings),
    closingRule(facts, settings),
    firstResponseRule(facts, settings),
    cardDataRule(facts),
    negativeEndRule(facts),
    longHoldRule(facts, settings),
    longSilenceRule(facts, settings),
    requiredPhrasesRule(facts, settings),
  ];
  const applicable = checks.filter((c) => c.outcome !== 'not_applicable');
  const passed = applicable.filter((c) => c.outcome === 'pass').length;
  return {
    score: applicable.length ? roundTenth((passed / applicable.length) * 100) : null,
    flags: checks.flatMap((c) => (c.flag ? [c.flag] : [])),
    checks,
  };
}
