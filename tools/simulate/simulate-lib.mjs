// The pure parts of `npm run simulate`: options, mix, pacing, signatures, percentiles and the texts the
// simulated customers write. No I/O here, so `node --test tools/simulate/` can check all of it.
import { createHmac, randomBytes } from 'node:crypto';

export const CHANNELS = /** @type {const} */ (['chat', 'email', 'social', 'voice']);
export const DEFAULT_MIX = 'chat=4,email=2,social=2,voice=1';

export const USAGE = `Usage: npm run simulate -- [options]

Drives realistic customer traffic into a running Switchboard through its real channels: the chat
widget socket, inbound SMTP, signed Meta webhooks (Messenger, WhatsApp) and signed Twilio voice webhooks.

Options:
  --rate <n>            new contacts per second (default 2)
  --duration <s>        seconds to keep starting contacts (default 30); contacts still talking then are
                        waited for (at most 60 s)
  --mix <list>          channel weights (default ${DEFAULT_MIX}); weight 0 or leaving a channel
                        out skips it
  --url <url>           Switchboard's address (default $PUBLIC_URL or http://localhost:3000)
  --smtp-port <port>    inbound SMTP port (default $SMTP_PORT or 2525)
  --smtp-host <host>    inbound SMTP host (default 127.0.0.1)
  --data-dir <dir>      the server's data folder, where it keeps meta-app-secret and twilio-auth-token
                        when META_APP_SECRET / TWILIO_AUTH_TOKEN are not set (default $DATA_DIR or .data)
  --public-url <url>    the URL the server signs Twilio webhooks against (default $PUBLIC_URL, else
                        http://localhost:<port of --url>)
  --arrivals <kind>     poisson (default: random gaps, like real customers) or fixed (even gaps)
  --max-in-flight <n>   contacts allowed at once (default 500); a contact due while at the cap is
                        skipped and counted
  --seed <n>            repeatable texts, channels and timings
  -h, --help            show this text

Exit code: 0 when every request was accepted, 1 when any failed (or Switchboard is unreachable),
2 for a bad option. Ctrl-C stops early and prints the summary.
`;

/** A bad command line: the message names the option; the caller prints it with the usage hint and exits 2. */
export class UsageError extends Error {}

const VALUE_OPTIONS = new Set(['rate', 'duration', 'mix', 'url', 'smtp-port', 'smtp-host', 'data-dir', 'public-url', 'arrivals', 'max-in-flight', 'seed']);

/**
 * Parses `argv` (without node and the script) against `env`. Returns the options, or `{ help: true }`.
 * Throws UsageError for anything it does not understand.
 */
export function parseOptions(argv, env = {}) {
  const raw = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') return { help: true };
    const match = /^--([a-z-]+)(?:=(.*))?$/s.exec(arg);
    if (!match) throw new UsageError(`Unexpected argument "${arg}".`);
    const [, name, inline] = match;
    if (!VALUE_OPTIONS.has(name)) throw new UsageError(`Unknown option --${name}.`);
    let value = inline;
    if (value === undefined) {
      value = argv[i + 1];
      if (value === undefined || /^--[a-z]/.test(value)) throw new UsageError(`--${name} needs a value.`);
      i++;
    }
    if (name in raw) throw new UsageError(`--${name} is given twice.`);
    raw[name] = value;
  }

  const url = parseUrl('url', raw.url ?? env.PUBLIC_URL ?? 'http://localhost:3000');
  const publicUrlText = raw['public-url'] ?? env.PUBLIC_URL;
  const options = {
    help: false,
    rate: parseNumber('rate', raw.rate ?? '2', { min: 0.001, max: 10_000 }),
    duration: parseNumber('duration', raw.duration ?? '30', { min: 0.001, max: 7 * 24 * 3600 }),
    mix: parseMix(raw.mix ?? DEFAULT_MIX),
    url,
    smtpPort: parseNumber('smtp-port', raw['smtp-port'] ?? env.SMTP_PORT ?? '2525', { min: 1, max: 65_535, integer: true }),
    smtpHost: nonEmpty('smtp-host', raw['smtp-host'] ?? '127.0.0.1'),
    dataDir: nonEmpty('data-dir', raw['data-dir'] ?? env.DATA_DIR ?? '.data'),
    publicUrl: publicUrlText === undefined ? defaultSigningBase(url) : parseUrl('public-url', publicUrlText),
    arrivals: oneOf('arrivals', raw.arrivals ?? 'poisson', ['poisson', 'fixed']),
    maxInFlight: parseNumber('max-in-flight', raw['max-in-flight'] ?? '500', { min: 1, max: 100_000, integer: true }),
    seed: raw.seed === undefined ? undefined : parseNumber('seed', raw.seed, { min: 0, max: 2 ** 32 - 1, integer: true }),
  };
  return options;
}

function nonEmpty(name, value) {
  if (!value.trim()) throw new UsageError(`--${name} must not be empty.`);
  return value;
}

function oneOf(name, value, allowed) {
  if (!allowed.includes(value)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')} (got "${value}").`);
  return value;
}

function parseNumber(name, text, { min, max, integer = false }) {
  const value = Number(text);
  if (!/^\s*-?[\d.]+(e\d+)?\s*$/i.test(text) || !Number.isFinite(value)) throw new UsageError(`--${name} must be a number (got "${text}").`);
  if (integer && !Number.isInteger(value)) throw new UsageError(`--${name} must be a whole number (got "${text}").`);
  if (value < min || value > max) throw new UsageError(`--${name} must be between ${min} and ${max} (got ${text}).`);
  return value;
}

/** An http(s) URL without a trailing slash, path kept (a deployment may live under a prefix). */
function parseUrl(name, text) {
  let url;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--${name} must be a URL such as http://localhost:3000 (got "${text}").`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--${name} must be an http or https URL (got "${text}").`);
  if (url.search || url.hash) throw new UsageError(`--${name} must not have a query or fragment (got "${text}").`);
  return url.href.replace(/\/+$/, '');
}

/**
 * The base URL the server signs Twilio webhooks against when PUBLIC_URL is not set: it uses
 * `http://localhost:<PORT>`, so a loopback --url maps to that; any other --url is taken as is.
 */
export function defaultSigningBase(url) {
  const parsed = new URL(url);
  if (['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname) && parsed.protocol === 'http:') {
    return `http://localhost:${parsed.port || '80'}${parsed.pathname.replace(/\/+$/, '')}`;
  }
  return url.replace(/\/+$/, '');
}

/** `chat=4,email=2,social=2,voice=1` → `{ chat: 4, email: 2, social: 2, voice: 1 }` (missing channels weigh 0). */
export function parseMix(text) {
  const mix = { chat: 0, email: 0, social: 0, voice: 0 };
  const seen = new Set();
  for (const part of text.split(',')) {
    const item = part.trim();
    if (!item) continue;
    const match = /^([a-z]+)\s*[=:]\s*([\d.]+)$/i.exec(item);
    if (!match) throw new UsageError(`--mix: "${item}" is not channel=weight (for example ${DEFAULT_MIX}).`);
    const channel = match[1].toLowerCase();
    if (!CHANNELS.includes(channel)) throw new UsageError(`--mix: unknown channel "${match[1]}"; the channels are ${CHANNELS.join(', ')}.`);
    if (seen.has(channel)) throw new UsageError(`--mix: ${channel} is given twice.`);
    seen.add(channel);
    const weight = Number(match[2]);
    if (!Number.isFinite(weight) || weight < 0) throw new UsageError(`--mix: the weight of ${channel} must be a number ≥ 0 (got "${match[2]}").`);
    mix[channel] = weight;
  }
  if (CHANNELS.every((c) => mix[c] === 0)) throw new UsageError('--mix: at least one channel needs a weight above 0.');
  return mix;
}

/** Picks a key of `weights` with probability proportional to its weight; `random()` in [0, 1). */
export function pickWeighted(weights, random) {
  const entries = Object.entries(weights).filter(([, w]) => w > 0);
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let point = random() * total;
  for (const [key, weight] of entries) {
    point -= weight;
    if (point < 0) return key;
  }
  return entries[entries.length - 1][0];
}

/** Seconds until the next contact: exponential gaps for Poisson arrivals, or an even 1/rate. */
export function nextGapSeconds(rate, arrivals, random) {
  if (arrivals === 'fixed') return 1 / rate;
  return -Math.log(1 - random()) / rate;
}

/** A small seeded PRNG (mulberry32), so `--seed` repeats a run; without a seed, Math.random. */
export function makeRandom(seed) {
  if (seed === undefined) return Math.random;
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Nearest-rank percentile (p in 0–100) of unsorted numbers; null for none. */
export function percentile(values, p) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}

/** `X-Hub-Signature-256` of a Meta webhook: HMAC-SHA256 of the exact raw body. */
export function metaSignature(appSecret, rawBody) {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}

/**
 * `X-Twilio-Signature`: base64 HMAC-SHA1 of the full URL followed by every POST parameter as
 * name + value, names sorted alphabetically.
 */
export function twilioSignature(authToken, url, params) {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, key) => acc + key + params[key], url);
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

// ---------------------------------------------------------------------------------------------------
// What the simulated customers say.

const pick = (list, random) => list[Math.floor(random() * list.length)];
const digits = (n, random) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
const between = (min, max, random) => min + Math.floor(random() * (max - min + 1));

/** Luhn-valid test card numbers, written the ways people write them; the server must mask all of them. */
export const TEST_CARDS = ['4111 1111 1111 1111', '5555 5555 5555 4444', '4012-8888-8888-1881', '4111111111111111'];

/** Which languages each demo client serves (and how often the simulated customers use them). */
export const CLIENT_LANGUAGES = {
  northwind: { en: 7, es: 3 },
  globex: { en: 7, tl: 3 },
};

const NAMES = {
  en: ['Pat Morgan', 'Jordan Lee', 'Emily Carter', 'Michael Brooks', 'Aisha Khan', 'Tom Whitaker', 'Grace Okafor', 'Liam Murphy', 'Hannah Schultz', 'Raj Patel', 'Chloe Bennett', 'Sam Rivera'],
  es: ['Sofía Ramírez', 'Carlos Mendoza', 'Lucía Fernández', 'Diego Torres', 'Valentina Rojas', 'Andrés Castillo', 'Camila Ortega', 'Mateo Vargas'],
  tl: ['Juan dela Cruz', 'Maria Clara Santos', 'Jose Bautista', 'Angelica Reyes', 'Mark Anthony Villanueva', 'Kristine Mae Ramos', 'Paolo Aquino', 'Rhea Mendoza'],
};

const MAIL_DOMAINS = ['example.com', 'example.net', 'example.org', 'mail.example.com', 'inbox.example.net'];

/** Fills `{order}`, `{policy}`, `{claim}`, `{card}`, `{date}` in a template. */
function fill(template, facts) {
  return template.replace(/\{(\w+)\}/g, (all, key) => facts[key] ?? all);
}

/**
 * Scenarios per client and language: a subject (for email) and the messages a customer sends, first
 * to last. A conversation uses the first 1–3 of them.
 */
const SCENARIOS = {
  northwind: {
    en: [
      { subject: 'Status of my claim {claim}', messages: ['Hi, I filed claim {claim} after a rear-end collision two weeks ago and have not heard back. Can you tell me where it stands?', 'The adjuster was supposed to call me last Friday. Is there someone else I can talk to?', 'I also need to know if a rental car is covered while mine is in the shop.'] },
      { subject: 'Renewing policy {policy}', messages: ['My auto policy {policy} renews next month. Can I lower the premium if I add a second driver with a clean record?', 'She is my daughter, 19, licensed for 2 years, no tickets.', 'Please send the new quote to this address.'] },
      { subject: 'Payment problem', messages: ['My last premium payment for policy {policy} bounced and I got a lapse warning. I want to pay today.', 'You can charge my card {card}, expiry 08/27.', 'Please confirm the policy is still active.'] },
      { subject: 'Water damage in my kitchen', messages: ['A pipe burst under my sink last night and the kitchen floor is soaked. Is this covered under my home policy {policy}?', 'I have photos and a plumber invoice. Where do I send them?', 'Do I need to wait for an adjuster before I start repairs?'] },
      { subject: 'Change of address', messages: ['I moved on {date}. How do I update the address on policy {policy}?', 'Will my premium change? The new place has a garage.'] },
      { subject: 'Proof of insurance needed', messages: ['I need a proof of insurance card for policy {policy} today for the DMV. Can you email it?', 'The one in the app shows the old vehicle.'] },
      { subject: 'Roadside assistance', messages: ['My car broke down on the highway, does my policy include towing?', 'Policy number is {policy}. I am near exit 42.'] },
    ],
    es: [
      { subject: 'Estado de mi reclamo {claim}', messages: ['Hola, presenté el reclamo {claim} hace dos semanas por un choque y nadie me ha llamado. ¿Me pueden decir en qué va?', 'El ajustador iba a llamarme el viernes pasado. ¿Con quién más puedo hablar?', '¿El seguro cubre un auto de alquiler mientras reparan el mío?'] },
      { subject: 'Pago de la póliza {policy}', messages: ['Buenas tardes, mi pago de la póliza {policy} fue rechazado y quiero pagar hoy mismo.', 'Pueden cobrar a mi tarjeta {card}, vence 08/27.', 'Por favor confirmen que la póliza sigue activa.'] },
      { subject: 'Daños por agua', messages: ['Se rompió una tubería en mi cocina anoche. ¿Mi póliza de hogar {policy} cubre los daños?', 'Tengo fotos y la factura del plomero. ¿A dónde las envío?'] },
      { subject: 'Cambio de dirección', messages: ['Me mudé el {date}. ¿Cómo actualizo la dirección de la póliza {policy}?', '¿Cambia mi prima? La casa nueva tiene garaje.'] },
      { subject: 'Necesito constancia de seguro', messages: ['Necesito la constancia de seguro de la póliza {policy} para hoy. ¿Me la pueden enviar por correo?'] },
    ],
  },
  globex: {
    en: [
      { subject: 'Where is my order {order}?', messages: ['Hi! My order {order} was supposed to arrive yesterday but tracking has not moved in 3 days.', 'It is a birthday present so I really need it by Saturday.', 'Can you send it express if it is lost?'] },
      { subject: 'Return for order {order}', messages: ['I would like to return the trainers from order {order}, they are a size too small.', 'Can I exchange them for a 9 instead of getting a refund?', 'Do I need to print the label or can I show a QR code at the shop?'] },
      { subject: 'Payment failed', messages: ['My payment keeps failing at checkout even though the card works everywhere else.', 'It is {card}, expiry 11/26. Can you check on your side?', 'I tried twice, I hope I was not charged twice.'] },
      { subject: 'Wrong item received', messages: ['I ordered a blue hoodie (order {order}) and got a green one.', 'The tag says medium but I ordered large as well.'] },
      { subject: 'Promo code not working', messages: ['The code SPRING20 says it is invalid but your email says it is valid until Sunday.', 'My basket is £64, the minimum is £50.'] },
      { subject: 'Refund not received', messages: ['I returned order {order} on {date} and still have not got my refund.', 'The courier shows it was delivered to your warehouse.'] },
      { subject: 'Change delivery address', messages: ['Can I still change the delivery address for order {order}? I will be at work.'] },
    ],
    tl: [
      { subject: 'Nasaan na po ang order ko {order}', messages: ['Hello po, yung order ko na {order} dapat dumating kahapon pero hindi pa gumagalaw ang tracking.', 'Regalo po kasi yun, kailangan ko na bago mag-Sabado.', 'Pwede po bang i-express na lang kung nawala?'] },
      { subject: 'Ibabalik ko po ang order {order}', messages: ['Gusto ko pong ibalik yung sapatos sa order {order}, maliit po ng isang size.', 'Pwede po bang palitan ng size 9 imbes na refund?'] },
      { subject: 'Hindi pumasok ang bayad', messages: ['Ayaw pong pumasok ng bayad ko sa checkout, gumagana naman po ang card ko sa iba.', 'Ito po ang card ko: {card}, expiry 11/26. Pakicheck naman po.', 'Sana po hindi ako nasingil ng dalawang beses.'] },
      { subject: 'Maling item ang dumating', messages: ['Blue na hoodie po ang inorder ko (order {order}) pero green ang dumating.', 'Medium din po ang size, large po ang inorder ko.'] },
      { subject: 'Refund po', messages: ['Naibalik ko na po ang order {order} noong {date} pero wala pa rin ang refund ko.'] },
    ],
  },
};

/** Sometimes a customer puts a card number in a message that would not otherwise have one. */
const CARD_ASIDES = {
  en: (card) => `If it helps, the card I paid with is ${card}.`,
  es: (card) => `Por si sirve, la tarjeta con la que pagué es ${card}.`,
  tl: (card) => `Kung makakatulong po, ito ang card na ginamit ko: ${card}.`,
};

const SIGN_OFF = {
  en: (text, name) => `Hi,\n\n${text}\n\nThanks,\n${name}`,
  es: (text, name) => `Hola,\n\n${text}\n\nGracias,\n${name}`,
  tl: (text, name) => `Hello po,\n\n${text}\n\nSalamat po,\n${name}`,
};

/**
 * One simulated customer: who they are and what they will write. `messages` holds 1–3 texts; about one
 * conversation in twelve carries a card number, so masking can be seen.
 */
export function makeConversation(client, random, { maxMessages = 3 } = {}) {
  const lang = pickWeighted(CLIENT_LANGUAGES[client], random);
  const scenario = pick(SCENARIOS[client][lang], random);
  const name = pick(NAMES[lang], random);
  const card = pick(TEST_CARDS, random);
  const date = `${between(1, 28, random)}/${between(1, 12, random)}`;
  const facts = {
    order: `GX-${between(100000, 999999, random)}`,
    policy: `NW-${digits(4, random)}-${digits(3, random)}`,
    claim: `CLM-${between(20000, 99999, random)}`,
    card,
    date,
  };
  const count = Math.min(scenario.messages.length, maxMessages, 1 + Math.floor(random() * 3));
  const messages = scenario.messages.slice(0, count).map((m) => fill(m, facts));
  const hasCard = messages.some((m) => m.includes(card));
  if (!hasCard && random() < 1 / 12) {
    const at = Math.floor(random() * messages.length);
    messages[at] = `${messages[at]} ${CARD_ASIDES[lang](card)}`;
  }
  const slug = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '.')
    .replace(/^\.|\.$/g, '');
  return {
    client,
    lang,
    name,
    email: `${slug}${between(1, 999, random)}@${pick(MAIL_DOMAINS, random)}`,
    subject: fill(scenario.subject, facts),
    messages,
  };
}

/** The body of an email, with the greeting and sign-off of the customer's language. */
export function emailBody(conversation, text) {
  return SIGN_OFF[conversation.lang](text, conversation.name);
}

/** Who a customer is on each platform; seeded, so `--seed` repeats the same customers. */
export const identities = {
  /** A US number in the 555 range, E.164. */
  usPhone: (random) => `+1555${digits(7, random)}`,
  /** Messenger page-scoped id. */
  psid: (random) => `${between(1, 9, random)}${digits(15, random)}`,
  /** WhatsApp id (a phone number without +): Philippines or UK mobiles, the Globex markets. */
  waId: (random) => (random() < 0.5 ? `63917${digits(7, random)}` : `447700${digits(6, random)}`),
};

/**
 * Message and call ids, always from crypto randomness (never the seed): the server drops a redelivered
 * id, so a second run with the same seed must still send new ones.
 */
export const ids = {
  /** Twilio CallSid / AccountSid: a prefix and 32 hex digits. */
  twilio: (prefix) => prefix + randomBytes(16).toString('hex'),
  /** A chat clientMsgId (8–100 of [A-Za-z0-9_-]). */
  clientMsgId: () => `sim-${randomBytes(12).toString('base64url')}`,
  messengerMid: () => `m_${randomBytes(24).toString('base64url')}`,
  whatsappId: () => `wamid.${randomBytes(24).toString('base64url')}`,
  /** An RFC 5322 Message-ID at the sender's domain. */
  emailMessageId: (email) => `<sim.${randomBytes(12).toString('hex')}@${email.split('@')[1]}>`,
};

// ---------------------------------------------------------------------------------------------------
// Counting and reporting.

/**
 * Per channel: contacts started, requests (each step that the server acknowledges: a chat connect,
 * profile or message ack, an SMTP 250, a webhook's 2xx), their outcome, and the accept latencies.
 */
export function createStats(now = 0) {
  const channels = {};
  for (const channel of CHANNELS) channels[channel] = { contacts: 0, accepted: 0, failed: 0, latencies: [], steps: {}, errors: new Map() };
  return { startedAt: now, channels, skipped: 0, notes: [] };
}

export function recordAccepted(stats, channel, step, ms) {
  const c = stats.channels[channel];
  c.accepted++;
  c.latencies.push(ms);
  (c.steps[step] ??= []).push(ms);
}

/** Counts a failure under its kind (for example `HTTP 401 WEBHOOK_SIGNATURE_INVALID`), keeping the first detail. */
export function recordFailed(stats, channel, kind, detail) {
  const c = stats.channels[channel];
  c.failed++;
  const known = c.errors.get(kind);
  if (known) known.count++;
  else c.errors.set(kind, { count: 1, first: detail });
}

const ms = (value) => (value === null ? '–' : value < 10 ? `${value.toFixed(1)}ms` : `${Math.round(value)}ms`);
const total = (stats, key) => CHANNELS.reduce((sum, c) => sum + stats.channels[c][key], 0);

/** The one-line progress printed every few seconds. */
export function formatProgress(stats, { elapsedSeconds, started, inFlight }) {
  const perChannel = CHANNELS.filter((c) => stats.channels[c].contacts > 0)
    .map((c) => `${c} ${stats.channels[c].accepted}/${stats.channels[c].failed}`)
    .join('  ');
  const all = CHANNELS.flatMap((c) => stats.channels[c].latencies);
  return (
    `[${elapsedSeconds.toFixed(0).padStart(4)}s] contacts ${started} (in flight ${inFlight}${stats.skipped ? `, skipped ${stats.skipped}` : ''})` +
    `  accepted ${total(stats, 'accepted')}  failed ${total(stats, 'failed')}  p95 ${ms(percentile(all, 95))}` +
    (perChannel ? `  ·  ${perChannel} (accepted/failed)` : '')
  );
}

/** The final table, the latency of each step, and the first error of each kind. */
export function formatSummary(stats, { elapsedSeconds, rate, arrivals, inFlight, interrupted }) {
  const rows = [['channel', 'contacts', 'requests', 'accepted', 'failed', 'p50', 'p95']];
  for (const channel of CHANNELS) {
    const c = stats.channels[channel];
    if (c.contacts === 0 && c.accepted + c.failed === 0) continue;
    rows.push([channel, c.contacts, c.accepted + c.failed, c.accepted, c.failed, ms(percentile(c.latencies, 50)), ms(percentile(c.latencies, 95))]);
  }
  const all = CHANNELS.flatMap((c) => stats.channels[c].latencies);
  rows.push(['total', total(stats, 'contacts'), total(stats, 'accepted') + total(stats, 'failed'), total(stats, 'accepted'), total(stats, 'failed'), ms(percentile(all, 50)), ms(percentile(all, 95))]);
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  const line = (r) => r.map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i]) : String(cell).padStart(widths[i]))).join('   ');

  const out = [];
  out.push('');
  out.push(
    `Simulation ${interrupted ? 'stopped after' : 'ran'} ${elapsedSeconds.toFixed(1)} s at ${rate} contacts/s (${arrivals}): ` +
      `${total(stats, 'contacts')} contacts started` +
      (stats.skipped ? `, ${stats.skipped} skipped at the in-flight cap` : '') +
      (inFlight ? `, ${inFlight} still in flight (not counted)` : '') +
      '.',
  );
  out.push('');
  out.push(line(rows[0]));
  out.push(widths.map((w) => '-'.repeat(w)).join('   '));
  for (const r of rows.slice(1, -1)) out.push(line(r));
  out.push(widths.map((w) => '-'.repeat(w)).join('   '));
  out.push(line(rows[rows.length - 1]));
  out.push('');
  out.push('Latency is the time to the accept: socket ack, SMTP 250 or HTTP 2xx. By step:');
  for (const channel of CHANNELS) {
    const steps = Object.entries(stats.channels[channel].steps);
    if (!steps.length) continue;
    out.push(`  ${channel.padEnd(7)} ${steps.map(([step, values]) => `${step} ×${values.length} p50 ${ms(percentile(values, 50))} p95 ${ms(percentile(values, 95))}`).join('  ·  ')}`);
  }
  const failures = CHANNELS.flatMap((channel) => [...stats.channels[channel].errors].map(([kind, e]) => `  ${channel.padEnd(7)} ${e.count}× ${kind} — first: ${e.first}`));
  if (failures.length) {
    out.push('');
    out.push('Failures (first of each kind):');
    out.push(...failures);
  }
  if (stats.notes.length) {
    out.push('');
    out.push('Notes:');
    out.push(...stats.notes.map((n) => `  ${n}`));
  }
  out.push('');
  return out.join('\n');
}
