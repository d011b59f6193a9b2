#!/usr/bin/env node
// `npm run simulate`: simulated customers of the demo clients reach a running Switchboard through its real
// channels — the chat widget socket, inbound SMTP, signed Meta webhooks and signed Twilio voice webhooks —
// at a chosen rate and mix, for demos and benchmarks. `--help` lists the options; the pure parts live in
// simulate-lib.mjs.
import { setMaxListeners } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import nodemailer from 'nodemailer';
import { io } from 'socket.io-client';
import {
  CHANNELS,
  USAGE,
  UsageError,
  createStats,
  emailBody,
  formatProgress,
  formatSummary,
  identities,
  ids,
  makeConversation,
  makeRandom,
  metaSignature,
  nextGapSeconds,
  parseOptions,
  pickWeighted,
  recordAccepted,
  recordFailed,
  twilioSignature,
} from './simulate-lib.mjs';

const REQUEST_TIMEOUT_MS = 15_000;
const PROFILE_TIMEOUT_MS = 5_000;
const DRAIN_LIMIT_MS = 60_000;
const PROGRESS_EVERY_MS = 5_000;

const CHAT_KEYS = [
  { key: 'wk_globex_demo', client: 'globex' },
  { key: 'wk_northwind_demo', client: 'northwind' },
];
const EMAIL_INBOXES = { northwind: 'support@northwind.demo', globex: 'orders@globex.demo' };
const META_PAGE_ID = '1029384756';
const WHATSAPP = { display_phone_number: '15550001111', phone_number_id: '109876543210' };
const NORTHWIND_VOICE_NUMBER = '+1-800-555-0142';

// ---------------------------------------------------------------------------------------------------
// Options and preflight.

let options;
try {
  options = parseOptions(process.argv.slice(2), process.env);
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  process.stderr.write(`simulate: ${error.message}\nRun \`npm run simulate -- --help\` for the options.\n`);
  process.exit(2);
}
if (options.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}

const random = makeRandom(options.seed);
const stats = createStats();
const stop = new AbortController();
setMaxListeners(0, stop.signal); // every pause and request in flight listens for the stop
const base = new URL(options.url);
const apiUrl = (path) => `${options.url}${path}`;

/** A step that was not accepted: `kind` groups failures in the summary, `detail` is shown for the first. */
class StepError extends Error {
  constructor(kind, detail) {
    super(detail);
    this.kind = kind;
  }
}

function fatal(message) {
  process.stderr.write(`simulate: ${message}\n`);
  process.exit(1);
}

/** A short name for a network or library error: ECONNREFUSED, timeout, SMTP 550, … */
function kindOf(error) {
  if (error instanceof StepError) return error.kind;
  if (error?.name === 'TimeoutError' || error?.name === 'AbortError') return 'timeout';
  if (typeof error?.responseCode === 'number') return `SMTP ${error.responseCode}`;
  const code = error?.cause?.code ?? error?.code;
  return typeof code === 'string' ? code : (error?.name ?? 'Error');
}

function detailOf(error) {
  const text = error?.response ?? error?.cause?.message ?? error?.message ?? String(error);
  return String(text).replace(/\s+/g, ' ').slice(0, 300);
}

async function preflight() {
  const hint = 'Is Switchboard running? Start it with npm start';
  let health;
  try {
    health = await fetch(apiUrl('/api/health'), { signal: AbortSignal.timeout(5_000) });
  } catch (error) {
    const why = kindOf(error) === 'ECONNREFUSED' ? 'connection refused' : detailOf(error);
    fatal(`cannot reach Switchboard at ${options.url} (${why}).\n${hint} (or pass --url).`);
  }
  if (!health.ok) process.stdout.write(`Warning: ${options.url}/api/health answered ${health.status}; going on.\n`);

  const context = { chatKeys: [], metaSecret: null, twilioToken: null, accountSid: null };
  if (options.mix.chat > 0) {
    for (const candidate of CHAT_KEYS) {
      const response = await fetch(apiUrl(`/api/widget/inboxes/${candidate.key}`), { signal: AbortSignal.timeout(5_000) }).catch(() => null);
      if (response?.ok) context.chatKeys.push(candidate);
      else stats.notes.push(`chat inbox ${candidate.key} is not known to this server (${response ? `HTTP ${response.status}` : 'no answer'}); its customers were not simulated.`);
    }
    if (!context.chatKeys.length) fatal(`no chat widget inbox answers (tried ${CHAT_KEYS.map((k) => k.key).join(', ')}). Leave chat out with --mix chat=0,…`);
  }
  if (options.mix.email > 0) {
    const reachable = await new Promise((done) => {
      const socket = connect({ host: options.smtpHost, port: options.smtpPort, timeout: 5_000 });
      const end = (result) => {
        socket.destroy();
        done(result);
      };
      socket.once('connect', () => end(true)).once('error', (error) => end(error.code ?? error.message)).once('timeout', () => end('timeout'));
    });
    if (reachable !== true) {
      fatal(`nothing accepts SMTP at ${options.smtpHost}:${options.smtpPort} (${reachable}).\n${hint}; if it listens elsewhere, pass --smtp-port or set SMTP_PORT (or leave email out with --mix email=0,…).`);
    }
  }
  if (options.mix.social > 0) {
    context.metaSecret = secret('META_APP_SECRET', 'meta-app-secret');
    if (!context.metaSecret) fatal(`no Meta app secret to sign webhooks with: set META_APP_SECRET, or point --data-dir at the server's data folder (no ${resolve(options.dataDir, 'meta-app-secret')}). Leave social out with --mix social=0,…`);
  }
  if (options.mix.voice > 0) {
    context.twilioToken = secret('TWILIO_AUTH_TOKEN', 'twilio-auth-token');
    if (!context.twilioToken) fatal(`no Twilio auth token to sign webhooks with: set TWILIO_AUTH_TOKEN, or point --data-dir at the server's data folder (no ${resolve(options.dataDir, 'twilio-auth-token')}). Leave voice out with --mix voice=0,…`);
    context.accountSid = process.env.TWILIO_ACCOUNT_SID ?? ids.twilio('AC');
  }
  return context;
}

/** The same lookup as the server: the environment variable, else the file it generated in its data folder. */
function secret(envName, fileName) {
  const fromEnv = process.env[envName];
  if (fromEnv) return fromEnv;
  const file = resolve(options.dataDir, fileName);
  return existsSync(file) ? readFileSync(file, 'utf8').trim() || null : null;
}

const context = await preflight();
const chatKeysInUse = context.chatKeys;
const metaSecret = context.metaSecret;
const twilio = { token: context.twilioToken, accountSid: context.accountSid };
// Not pooled: each mail arrives on its own connection, as from many different mail servers.
const mailer = nodemailer.createTransport({
  host: options.smtpHost,
  port: options.smtpPort,
  secure: false,
  ignoreTLS: true,
  connectionTimeout: REQUEST_TIMEOUT_MS,
  greetingTimeout: REQUEST_TIMEOUT_MS,
  socketTimeout: REQUEST_TIMEOUT_MS * 2,
});

// ---------------------------------------------------------------------------------------------------
// Steps and pauses.

/** Runs one acknowledged request, counting it as accepted (with its latency) or failed. Throws to end the contact. */
async function step(channel, name, run) {
  const started = performance.now();
  try {
    const result = await run();
    if (!stop.signal.aborted) recordAccepted(stats, channel, name, performance.now() - started);
    return result;
  } catch (error) {
    throw countFailure(channel, name, error);
  }
}

/** Errors already in the summary; anything else that ends a contact is a simulator bug, counted too. */
const counted = new WeakSet();

function countFailure(channel, name, error) {
  if (!stop.signal.aborted) recordFailed(stats, channel, kindOf(error), `${name}: ${detailOf(error)}`);
  if (error !== null && typeof error === 'object') counted.add(error);
  return error;
}

/** A customer's pause (reading, typing, waiting on hold); ends early when the run is stopped. */
function pause(minSeconds, maxSeconds) {
  const seconds = minSeconds + random() * (maxSeconds - minSeconds);
  return sleep(seconds * 1000, undefined, { signal: stop.signal });
}

/** An HTTP 2xx, or a StepError naming the status and the API's error code. */
async function post(path, headers, body) {
  const response = await fetch(apiUrl(path), { method: 'POST', headers, body, signal: AbortSignal.any([stop.signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]) });
  const text = await response.text();
  if (!response.ok) {
    let code = '';
    try {
      code = JSON.parse(text)?.error?.code ?? '';
    } catch {
      // not JSON: the status says enough
    }
    throw new StepError(`HTTP ${response.status}${code ? ` ${code}` : ''}`, `POST ${path} → ${response.status} ${text}`);
  }
  return { response, text };
}

// ---------------------------------------------------------------------------------------------------
// Chat: the widget's socket.

const chatAvailability = new Map();
/** null until the server answers a `visitor.profile` once; false when it never does (no pre-chat support). */
let profileSupported = null;

function socketOptions(auth) {
  const prefix = base.pathname.replace(/\/+$/, '');
  return { auth, transports: ['websocket'], path: `${prefix}/socket.io`, reconnection: false, forceNew: true, timeout: REQUEST_TIMEOUT_MS };
}

/** Connects and resolves with the socket once the server has sent `visitor.session`. */
function openChat(inboxKey, visitorToken) {
  return new Promise((resolveSession, reject) => {
    const socket = io(`${base.origin}/customer`, socketOptions(visitorToken ? { inboxKey, visitorToken } : { inboxKey }));
    const fail = (error) => {
      clearTimeout(timer);
      socket.close();
      reject(error);
    };
    const timer = setTimeout(() => fail(new StepError('timeout', `no visitor.session within ${REQUEST_TIMEOUT_MS / 1000} s`)), REQUEST_TIMEOUT_MS);
    socket.on('inbox.availability', (view) => chatAvailability.set(inboxKey, view));
    socket.once('visitor.session', (session) => {
      clearTimeout(timer);
      resolveSession({ socket, session });
    });
    socket.once('connect_error', (error) => {
      const code = error?.data?.code;
      fail(code ? new StepError(`connect_error ${code}`, error.data.message ?? error.message) : new StepError(kindOf(error.description?.error ?? error), detailOf(error.description?.error ?? error)));
    });
    socket.once('disconnect', (reason) => fail(new StepError('disconnected', `socket closed before visitor.session (${reason})`)));
  });
}

/** Emits with an ack and resolves with its data; `{ok:false}` and a missing ack become StepErrors. */
function emitAcked(socket, event, payload, timeoutMs = REQUEST_TIMEOUT_MS) {
  return new Promise((resolveAck, reject) => {
    socket.timeout(timeoutMs).emit(event, payload, (error, ack) => {
      if (error) return reject(new StepError('ack timeout', `${event} not acknowledged within ${timeoutMs / 1000} s`));
      if (ack?.ok === true) return resolveAck(ack.data);
      const code = ack?.error?.code ?? 'BAD_ACK';
      reject(new StepError(code, ack?.error?.message ?? JSON.stringify(ack)));
    });
  });
}

/**
 * The pre-chat / offline form: name and email, before the first message. A server without pre-chat never
 * acknowledges it; until one profile has been acknowledged, that is noted once instead of failing every chat.
 */
async function sendProfile(socket, customer) {
  const startedAt = performance.now();
  try {
    await emitAcked(socket, 'visitor.profile', { name: customer.name, email: customer.email }, PROFILE_TIMEOUT_MS);
    if (!stop.signal.aborted) recordAccepted(stats, 'chat', 'visitor.profile', performance.now() - startedAt);
    profileSupported = true;
  } catch (error) {
    if (error.kind === 'ack timeout' && profileSupported !== true) {
      if (profileSupported === null) stats.notes.push('visitor.profile was never acknowledged: this server seems not to have pre-chat yet, so chats went on without a profile.');
      profileSupported = false;
      return;
    }
    throw countFailure('chat', 'visitor.profile', error);
  }
}

async function chatContact() {
  const inbox = chatKeysInUse[Math.floor(random() * chatKeysInUse.length)];
  const customer = makeConversation(inbox.client, random);
  let { socket, session } = await step('chat', 'connect', () => openChat(inbox.key));
  try {
    if (profileSupported !== false) await sendProfile(socket, customer);
    for (const [index, body] of customer.messages.entries()) {
      if (index > 0) {
        if (random() < 0.35) {
          // Comes back later (a new tab, a page reload): reconnects with the visitor token it kept.
          socket.close();
          await pause(2, 6);
          ({ socket, session } = await step('chat', 'reconnect', () => openChat(inbox.key, session.visitorToken)));
        } else {
          await pause(2, 6);
        }
      }
      socket.emit('typing.set', { typing: true });
      await pause(0.5, 1.5);
      await step('chat', 'message.send', () => emitAcked(socket, 'message.send', { clientMsgId: ids.clientMsgId(), body }));
    }
  } finally {
    socket.close();
  }
}

// ---------------------------------------------------------------------------------------------------
// Email: SMTP, as another mail server would deliver it.

async function emailContact() {
  const client = random() < 0.5 ? 'northwind' : 'globex';
  const customer = makeConversation(client, random);
  const from = { name: customer.name, address: customer.email };
  let firstId = null;
  for (const [index, text] of customer.messages.entries()) {
    if (index > 0) await pause(3, 8);
    const messageId = ids.emailMessageId(customer.email);
    const mail = { from, to: EMAIL_INBOXES[client], subject: index === 0 ? customer.subject : `Re: ${customer.subject}`, text: emailBody(customer, text), messageId, date: new Date() };
    if (firstId) Object.assign(mail, { inReplyTo: firstId, references: firstId });
    await step('email', index === 0 ? 'mail' : 'reply', async () => {
      const info = await mailer.sendMail(mail);
      if (!/^250\b/.test(info.response ?? '') || info.rejected?.length) throw new StepError(`SMTP ${String(info.response).slice(0, 3)}`, String(info.response));
    });
    firstId ??= messageId;
  }
}

// ---------------------------------------------------------------------------------------------------
// Social: Meta webhooks (Messenger and WhatsApp), signed like Meta signs them.

function postMeta(payload) {
  const body = JSON.stringify(payload);
  return post('/api/webhooks/meta', { 'content-type': 'application/json', 'x-hub-signature-256': metaSignature(metaSecret, body) }, body);
}

async function socialContact() {
  const customer = makeConversation('globex', random);
  const messenger = random() < 0.5;
  const psid = identities.psid(random);
  const waId = identities.waId(random);
  for (const [index, text] of customer.messages.entries()) {
    if (index > 0) await pause(2, 6);
    const now = Date.now();
    if (messenger) {
      await step('social', 'messenger', () =>
        postMeta({ object: 'page', entry: [{ id: META_PAGE_ID, time: now, messaging: [{ sender: { id: psid }, recipient: { id: META_PAGE_ID }, timestamp: now, message: { mid: ids.messengerMid(), text } }] }] }),
      );
    } else {
      const value = {
        messaging_product: 'whatsapp',
        metadata: WHATSAPP,
        contacts: [{ wa_id: waId, profile: { name: customer.name } }],
        messages: [{ from: waId, id: ids.whatsappId(), timestamp: String(Math.floor(now / 1000)), type: 'text', text: { body: text } }],
      };
      await step('social', 'whatsapp', () => postMeta({ object: 'whatsapp_business_account', entry: [{ id: 'WABA', changes: [{ field: 'messages', value }] }] }));
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Voice: Twilio-compatible webhooks, signed like Twilio signs them.

function postVoice(path, params) {
  const signature = twilioSignature(twilio.token, `${options.publicUrl}${path}`, params);
  return post(path, { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature }, new URLSearchParams(params).toString());
}

async function voiceContact() {
  const call = { AccountSid: twilio.accountSid, CallSid: ids.twilio('CA'), From: identities.usPhone(random), To: NORTHWIND_VOICE_NUMBER, Direction: 'inbound' };
  await step('voice', 'incoming', async () => {
    const { text } = await postVoice('/api/webhooks/voice/incoming', { ...call, CallStatus: 'ringing' });
    if (!/<Response[\s>/]/.test(text)) throw new StepError('not TwiML', `incoming answered 2xx without a <Response>: ${text.slice(0, 200)}`);
  });
  if (random() < 0.5) return; // stays in the queue: an agent may take it
  const heldFor = 3 + random() * 20;
  await sleep(heldFor * 1000, undefined, { signal: stop.signal });
  await step('voice', 'queue hangup', () => postVoice('/api/webhooks/voice/queue', { ...call, QueueResult: 'hangup', QueueTime: String(Math.round(heldFor)) }));
  await step('voice', 'status', () => postVoice('/api/webhooks/voice/status', { ...call, CallStatus: 'completed', CallDuration: String(Math.round(heldFor) + 1) }));
}

// ---------------------------------------------------------------------------------------------------
// The run: open-loop arrivals, capped in flight, progress, summary.

const contacts = { chat: chatContact, email: emailContact, social: socialContact, voice: voiceContact };
const inFlight = new Set();
let started = 0;
let runStartedAt = 0;
let finished = false;

function launch() {
  if (inFlight.size >= options.maxInFlight) {
    stats.skipped++;
    return;
  }
  const channel = pickWeighted(options.mix, random);
  stats.channels[channel].contacts++;
  started++;
  const contact = contacts[channel]()
    .catch((error) => {
      // step() has counted it, or the run was stopped; anything else is a bug in this script.
      if (!stop.signal.aborted && !counted.has(error)) recordFailed(stats, channel, 'simulator error', String(error?.stack ?? error));
    })
    .finally(() => inFlight.delete(contact));
  inFlight.add(contact);
}

function finish(interrupted) {
  if (finished) return;
  finished = true;
  const summary = formatSummary(stats, {
    elapsedSeconds: (performance.now() - runStartedAt) / 1000,
    rate: options.rate,
    arrivals: options.arrivals,
    inFlight: inFlight.size,
    interrupted,
  });
  process.stdout.write(summary);
  for (const [key, view] of chatAvailability) {
    if (view?.offline) process.stdout.write(`Note: chat inbox ${key} was offline (leave-a-message mode) during the run.\n`);
  }
  const failed = CHANNELS.reduce((sum, c) => sum + stats.channels[c].failed, 0);
  const accepted = CHANNELS.reduce((sum, c) => sum + stats.channels[c].accepted, 0);
  process.stdout.write(failed === 0 && accepted > 0 ? 'Every request was accepted.\n' : failed ? `${failed} request(s) failed.\n` : 'Nothing was accepted.\n');
  if (stats.skipped) process.stdout.write(`${stats.skipped} contact(s) were never started: ${options.maxInFlight} were already in flight. Lower --rate or raise --max-in-flight.\n`);
  process.exit(failed === 0 && accepted > 0 ? 0 : 1);
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (stop.signal.aborted) process.exit(130);
    process.stdout.write('\nStopping (Ctrl-C again to quit at once)…\n');
    stop.abort(new StepError('stopped', 'the run was stopped'));
    finish(true);
  });
}


const mixText = CHANNELS.filter((c) => options.mix[c] > 0)
  .map((c) => `${c}=${options.mix[c]}`)
  .join(',');
process.stdout.write(
  `Simulating ${options.rate} contacts/s for ${options.duration} s against ${options.url} (mix ${mixText}, ${options.arrivals} arrivals, at most ${options.maxInFlight} in flight` +
    `${options.mix.email > 0 ? `, SMTP ${options.smtpHost}:${options.smtpPort}` : ''}${options.mix.voice > 0 ? `, Twilio signing base ${options.publicUrl}` : ''}). Ctrl-C stops and prints the summary.\n`,
);

runStartedAt = performance.now();
const progress = setInterval(() => {
  process.stdout.write(`${formatProgress(stats, { elapsedSeconds: (performance.now() - runStartedAt) / 1000, started, inFlight: inFlight.size })}\n`);
}, PROGRESS_EVERY_MS);

// Open loop: each arrival is due at its own time whatever the server does; a late timer launches every
// overdue arrival at once instead of shifting the schedule.
let dueSeconds = 0;
try {
  while (dueSeconds < options.duration) {
    const waitMs = runStartedAt + dueSeconds * 1000 - performance.now();
    if (waitMs > 0) await sleep(waitMs, undefined, { signal: stop.signal });
    launch();
    dueSeconds += nextGapSeconds(options.rate, options.arrivals, random);
  }
  if (inFlight.size) {
    process.stdout.write(`All contacts started; waiting for the ${inFlight.size} still talking (at most ${DRAIN_LIMIT_MS / 1000} s)…\n`);
    await Promise.race([Promise.allSettled([...inFlight]), sleep(DRAIN_LIMIT_MS, undefined, { signal: stop.signal })]);
  }
} catch (error) {
  if (!stop.signal.aborted) throw error;
}
clearInterval(progress);
finish(false);
