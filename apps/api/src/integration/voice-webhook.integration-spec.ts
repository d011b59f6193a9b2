import type { CallView, ErrorResponse } from '@switchboard/shared-contracts';
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { http, login, ownerQuery, startTestApp, type TestApp } from '../testing/test-app';

const AUTH_TOKEN = 'test-twilio-auth-token-0123456789';
const ACCOUNT_SID = `AC${'0123456789abcdef'.repeat(2)}`;
// The port is random, so the provider "calls" a fixed public URL that the signatures are computed for.
const PUBLIC_URL = 'https://switchboard.test';
const HOLD_MUSIC = 'https://music.example/hold.mp3';
const NORTHWIND_LINE = '+18005550142'; // seeded as +1-800-555-0142
const XML = '<?xml version="1.0" encoding="UTF-8"?>';
const DIAL = `<Dial record="record-from-answer-dual" recordingStatusCallback="${PUBLIC_URL}/api/webhooks/voice/recording" recordingStatusCallbackEvent="completed">`;

/** Twilio's algorithm, written out independently of the product code. */
function sign(path: string, params: Record<string, string>, token = AUTH_TOKEN, base = PUBLIC_URL): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, key) => acc + key + params[key], `${base}${path}`);
  return createHmac('sha1', token).update(data).digest('base64');
}

const newCallSid = () => `CA${randomBytes(16).toString('hex')}`;

interface ProviderRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  form: Record<string, string>;
}

/** A local stand-in for the provider's REST API: records every request, answers 201 (or 500 when failing). */
async function startFakeProvider(): Promise<{ url: string; requests: ProviderRequest[]; failing: boolean; close(): Promise<void> }> {
  const state = { requests: [] as ProviderRequest[], failing: false };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      state.requests.push({ method: req.method ?? '', path: req.url ?? '', authorization: req.headers.authorization, form: Object.fromEntries(new URLSearchParams(body)) });
      res.setHeader('content-type', 'application/json');
      if (state.failing) {
        res.statusCode = 500;
        res.end(JSON.stringify({ code: 20500, message: 'Internal Server Error', status: 500 }));
      } else {
        res.statusCode = 201;
        res.end(JSON.stringify({ sid: 'CAxxxx', status: 'in-progress' }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

interface Posted {
  status: number;
  type: string | null;
  text: string;
}

function webhooks(app: () => TestApp) {
  /** A signed (or deliberately unsigned/forged) form post, as the provider sends it. */
  const post = async (path: string, params: Record<string, string>, signature: string | null = sign(`/api/webhooks/voice${path}`, params)): Promise<Posted> => {
    const response = await fetch(`${app().url}/api/webhooks/voice${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(signature === null ? {} : { 'x-twilio-signature': signature }) },
      body: new URLSearchParams(params).toString(),
    });
    return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
  };
  const incoming = (callSid: string, from = '+14155550123', to = NORTHWIND_LINE) => post('/incoming', { AccountSid: ACCOUNT_SID, CallSid: callSid, CallStatus: 'ringing', Direction: 'inbound', From: from, To: to });
  return { post, incoming };
}

async function callRow(callSid: string) {
  const [row] = await ownerQuery<{ ticket_id: string; status: string; agent_id: string | null; answered_at: Date | null; ended_at: Date | null; wait_seconds: number | null; duration_seconds: number | null; from_number: string; to_number: string; recording_sid: string | null; recording_url: string | null; recording_seconds: number | null; transcript: string | null }>(
    'SELECT * FROM calls WHERE call_sid = $1',
    [callSid],
  );
  return row;
}

async function ticketOf(ticketId: string) {
  const [row] = await ownerQuery<{ status: string; channel: string; assignee_id: string | null; abandoned_at: Date | null; number: string; slug: string; contact_phone: string | null }>(
    `SELECT t.status, t.channel, t.assignee_id, t.abandoned_at, t.number::text, c.slug, ct.phone AS contact_phone
       FROM tickets t JOIN clients c ON c.id = t.client_id JOIN contacts ct ON ct.id = t.contact_id WHERE t.id = $1`,
    [ticketId],
  );
  return row;
}

const timeline = async (ticketId: string) => (await ownerQuery<{ direction: string; body: string }>('SELECT direction, body FROM messages WHERE ticket_id = $1 ORDER BY seq', [ticketId])).map((m) => `${m.direction}: ${m.body}`);
const eventsOf = async (ticketId: string, type: string) => ownerQuery<{ data: Record<string, unknown> }>('SELECT data FROM ticket_events WHERE ticket_id = $1 AND type = $2 ORDER BY id', [ticketId, type]);
const userId = async (email: string) => (await ownerQuery<{ id: string }>('SELECT id FROM users WHERE email = $1', [email]))[0].id;
const count = async (sql: string) => (await ownerQuery<{ n: number }>(sql))[0].n;

describe('Voice webhooks and call controls (with a provider account)', () => {
  let t: TestApp;
  let provider: Awaited<ReturnType<typeof startFakeProvider>>;
  const { post, incoming } = webhooks(() => t);
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    provider = await startFakeProvider();
    t = await startTestApp({ TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_AUTH_TOKEN: AUTH_TOKEN, TWILIO_API_URL: provider.url, PUBLIC_URL, VOICE_HOLD_MUSIC_URL: HOLD_MUSIC });
    for (const name of ['agent1', 'agent3', 'agent4', 'lead1']) {
      tokens[name] = (await login(t.url, `${name}@switchboard.demo`)).accessToken;
      ids[name] = await userId(`${name}@switchboard.demo`);
    }
  });
  afterAll(async () => {
    await t?.close();
    await provider?.close();
  });
  beforeEach(() => {
    provider.requests.length = 0;
    provider.failing = false;
  });

  const act = (who: string, ticketId: string, body: { action: string; agentId?: string }) => http<CallView & ErrorResponse>(t.url, 'POST', `/api/tickets/${ticketId}/call`, { token: tokens[who], body });
  const answer = (who: string, ticketId: string) => http<CallView & ErrorResponse>(t.url, 'POST', `/api/tickets/${ticketId}/call/answer`, { token: tokens[who] });
  const bridgeTo = (who: string) => `${XML}<Response>${DIAL}<Client>agent_${ids[who]}</Client></Dial></Response>`;

  /** A new call waiting in Northwind's queue; its ticket id. */
  const queuedCall = async (callSid = newCallSid()) => {
    expect((await incoming(callSid)).status).toBe(200);
    return { callSid, ticketId: (await callRow(callSid)).ticket_id };
  };
  const answeredCall = async (who = 'agent3') => {
    const call = await queuedCall();
    expect((await answer(who, call.ticketId)).status).toBe(200);
    provider.requests.length = 0;
    return call;
  };

  it('refuses unsigned, forged and tampered webhooks with 401, storing nothing', async () => {
    const before = { tickets: await count('SELECT count(*)::int AS n FROM tickets'), calls: await count('SELECT count(*)::int AS n FROM calls') };
    const params = { CallSid: newCallSid(), From: '+14155550100', To: NORTHWIND_LINE };
    const path = '/api/webhooks/voice/incoming';
    for (const signature of [null, '', 'bm90IGEgc2lnbmF0dXJl', sign(path, params, 'someone-elses-auth-token'), sign(path, { ...params, From: '+14155550199' }), sign(path, params, AUTH_TOKEN, 'http://127.0.0.1:3000')]) {
      const r = await post('/incoming', params, signature);
      expect([r.status, (JSON.parse(r.text) as ErrorResponse).error.code]).toEqual([401, 'WEBHOOK_SIGNATURE_INVALID']);
    }
    expect((await post('/hold', {}, null)).status).toBe(401);
    expect((await post('/status', { CallSid: params.CallSid, CallStatus: 'completed' }, 'forged')).status).toBe(401);
    expect({ tickets: await count('SELECT count(*)::int AS n FROM tickets'), calls: await count('SELECT count(*)::int AS n FROM calls') }).toEqual(before);
  });

  it('queues an incoming call as one voice ticket, even when the provider retries the webhook', async () => {
    const callSid = newCallSid();
    const first = await incoming(callSid);
    const retry = await incoming(callSid);
    expect(first.status).toBe(200);
    expect(first.type).toMatch(/^text\/xml/);
    expect(retry.text).toBe(first.text);

    const call = await callRow(callSid);
    expect(call).toMatchObject({ status: 'queued', from_number: '+14155550123', to_number: NORTHWIND_LINE, agent_id: null, answered_at: null });
    expect(await count(`SELECT count(*)::int AS n FROM calls WHERE call_sid = '${callSid}'`)).toBe(1);
    const ticket = await ticketOf(call.ticket_id);
    expect(ticket).toMatchObject({ status: 'queued', channel: 'voice', slug: 'northwind', assignee_id: null, contact_phone: '+14155550123' });
    // Northwind shows agents only the end of a caller's number.
    expect(await timeline(call.ticket_id)).toEqual(['inbound: Incoming call from •••• 0123 to Claims hotline']);

    const spelled = [...`SB${ticket.number}`].join(' ');
    expect(first.text).toBe(
      `${XML}<Response><Say>Thank you for calling Northwind Insurance. Your reference is ${spelled}. Please hold while we connect you to an agent.</Say>` +
        '<Enqueue waitUrl="/api/webhooks/voice/hold" action="/api/webhooks/voice/queue">northwind</Enqueue></Response>',
    );
  });

  it('hangs up on a number no inbox owns, and plays hold music to waiting callers', async () => {
    const callSid = newCallSid();
    const unknown = await incoming(callSid, '+14155550123', '+19995550000');
    expect([unknown.status, unknown.text]).toEqual([200, `${XML}<Response><Say>Sorry, the number you have called is not in service. Goodbye.</Say><Hangup/></Response>`]);
    expect(await callRow(callSid)).toBeUndefined();

    const hold = await post('/hold', { CallSid: newCallSid(), QueueSid: 'QU1', QueueTime: '5' });
    expect([hold.status, hold.type?.startsWith('text/xml'), hold.text]).toEqual([200, true, `${XML}<Response><Play loop="0">${HOLD_MUSIC}</Play></Response>`]);
  });

  it('marks a caller who hangs up in the queue as abandoned, with the time they waited', async () => {
    const { callSid, ticketId } = await queuedCall();
    const left = await post('/queue', { CallSid: callSid, QueueResult: 'hangup', QueueTime: '37', QueueSid: 'QU1' });
    expect([left.status, left.text]).toEqual([200, `${XML}<Response/>`]);

    expect(await callRow(callSid)).toMatchObject({ status: 'abandoned', wait_seconds: 37, answered_at: null });
    expect((await callRow(callSid)).ended_at).not.toBeNull();
    const ticket = await ticketOf(ticketId);
    expect(ticket.status).toBe('abandoned');
    expect(ticket.abandoned_at).not.toBeNull();
    expect((await eventsOf(ticketId, 'abandoned')).map((e) => e.data['waitSeconds'])).toEqual([37]);
    expect(await timeline(ticketId)).toContain('system: The caller hung up after waiting 0:37.');

    // The final status callback (sent twice) fills in the duration and changes nothing else.
    for (let i = 0; i < 2; i++) expect((await post('/status', { CallSid: callSid, CallStatus: 'completed', CallDuration: '41' })).status).toBe(200);
    expect(await callRow(callSid)).toMatchObject({ status: 'abandoned', wait_seconds: 37, duration_seconds: 41 });
    expect(await eventsOf(ticketId, 'abandoned')).toHaveLength(1);
    expect((await eventsOf(ticketId, 'call_status')).map((e) => e.data['providerStatus'])).toEqual(['completed']);
    // Answering it now is too late.
    const late = await answer('agent3', ticketId);
    expect([late.status, late.body.error.code]).toEqual([409, 'TICKET_STATE_CONFLICT']);
  });

  it('treats a call that ends without ever reaching an agent as abandoned; ignores unknown calls', async () => {
    const { callSid, ticketId } = await queuedCall();
    // The provider reports in-progress as soon as the queue picks up: the caller is still waiting.
    await post('/status', { CallSid: callSid, CallStatus: 'in-progress' });
    expect((await callRow(callSid)).status).toBe('queued');
    await post('/status', { CallSid: callSid, CallStatus: 'canceled', CallDuration: '12' });
    const call = await callRow(callSid);
    expect(call).toMatchObject({ status: 'abandoned', duration_seconds: 12 });
    expect(call.wait_seconds).toBeGreaterThanOrEqual(0);
    expect((await ticketOf(ticketId)).status).toBe('abandoned');

    const stray = await post('/status', { CallSid: newCallSid(), CallStatus: 'completed' });
    expect([stray.status, stray.text]).toEqual([200, `${XML}<Response/>`]);
  });

  it('lets an agent serving the client answer: the ticket becomes theirs and the provider bridges the caller', async () => {
    const { callSid, ticketId } = await queuedCall();
    const answered = await answer('agent3', ticketId);
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ status: 'in_progress', from: '•••• 0123', endedAt: null });
    expect(answered.body.answeredAt).not.toBeNull();
    expect(answered.body.waitSeconds).toBeGreaterThanOrEqual(0);

    expect(provider.requests).toEqual([
      {
        method: 'POST',
        path: `/2010-04-01/Accounts/${ACCOUNT_SID}/Calls/${callSid}.json`,
        authorization: `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`,
        form: { Twiml: bridgeTo('agent3') },
      },
    ]);
    expect(await callRow(callSid)).toMatchObject({ status: 'in_progress', agent_id: ids['agent3'] });
    expect(await ticketOf(ticketId)).toMatchObject({ status: 'assigned', assignee_id: ids['agent3'] });
    expect((await timeline(ticketId)).at(-1)).toMatch(/^system: Ana Cruz answered the call after \d+:\d\d in the queue\.$/);

    // A double click changes nothing; another agent is too late.
    expect((await answer('agent3', ticketId)).status).toBe(200);
    expect(provider.requests).toHaveLength(1);
    const late = await answer('agent4', ticketId);
    expect([late.status, late.body.error.code]).toEqual([409, 'TICKET_STATE_CONFLICT']);
    expect(provider.requests).toHaveLength(1);
  });

  it('hides the call from an agent who does not serve the client (404) and validates the request', async () => {
    const { ticketId } = await answeredCall();
    expect((await answer('agent1', ticketId)).status).toBe(404);
    expect((await act('agent1', ticketId, { action: 'hangup' })).status).toBe(404);
    expect((await act('agent3', ticketId, { action: 'transfer' })).body.error.code).toBe('VALIDATION_FAILED');
    expect((await act('agent3', ticketId, { action: 'mute' })).status).toBe(400);
    expect((await http(t.url, 'POST', `/api/tickets/${ticketId}/call`, { body: { action: 'hold' } })).status).toBe(401);
    expect(provider.requests).toHaveLength(0);
    expect((await callRow((await ownerQuery<{ call_sid: string }>('SELECT call_sid FROM calls WHERE ticket_id = $1', [ticketId]))[0].call_sid)).status).toBe('in_progress');
  });

  it('puts the caller on hold and back, lets a lead transfer the call, and hangs up — each through the provider', async () => {
    const { callSid, ticketId } = await answeredCall('agent3');
    const twiml = () => provider.requests.map((r) => r.form['Twiml'] ?? `Status=${r.form['Status']}`);

    expect((await act('agent3', ticketId, { action: 'hold' })).body.status).toBe('on_hold');
    expect((await act('agent3', ticketId, { action: 'resume' })).body.status).toBe('in_progress');
    expect(twiml()).toEqual([`${XML}<Response><Play loop="0">${HOLD_MUSIC}</Play></Response>`, bridgeTo('agent3')]);

    // Only the agent on the call or a lead controls it; only leads and admins hand it to someone else.
    const notMine = await act('agent4', ticketId, { action: 'hold' });
    expect([notMine.status, notMine.body.error.code]).toEqual([403, 'TICKET_NOT_YOURS']);
    const handOver = await act('agent3', ticketId, { action: 'transfer', agentId: ids['agent4'] });
    expect([handOver.status, handOver.body.error.code]).toEqual([403, 'FORBIDDEN']);
    expect(provider.requests).toHaveLength(2);

    const transferred = await act('lead1', ticketId, { action: 'transfer', agentId: ids['agent4'] });
    expect([transferred.status, transferred.body.status]).toEqual([200, 'in_progress']);
    expect(twiml().at(-1)).toBe(bridgeTo('agent4'));
    expect(await callRow(callSid)).toMatchObject({ agent_id: ids['agent4'] });
    expect((await ticketOf(ticketId)).assignee_id).toBe(ids['agent4']);
    expect((await act('agent3', ticketId, { action: 'hold' })).status).toBe(403);

    const ended = await act('agent4', ticketId, { action: 'hangup' });
    expect([ended.status, ended.body.status]).toEqual([200, 'completed']);
    expect(provider.requests.at(-1)?.form).toEqual({ Status: 'completed' });
    const call = await callRow(callSid);
    expect(call.ended_at).not.toBeNull();
    expect(call.duration_seconds).toBeGreaterThanOrEqual(0);
    // The ticket stays with the agent for wrap-up; the finished call cannot be controlled any more.
    expect(await ticketOf(ticketId)).toMatchObject({ status: 'assigned', assignee_id: ids['agent4'] });
    const afterEnd = await act('agent4', ticketId, { action: 'hold' });
    expect([afterEnd.status, afterEnd.body.error.code]).toEqual([409, 'TICKET_STATE_CONFLICT']);
    expect(provider.requests).toHaveLength(4);

    // The provider's final callback confirms; nothing is abandoned.
    await post('/status', { CallSid: callSid, CallStatus: 'completed', CallDuration: '95' });
    expect(await callRow(callSid)).toMatchObject({ status: 'completed', duration_seconds: 95 });
    expect(await eventsOf(ticketId, 'abandoned')).toHaveLength(0);
    expect((await timeline(ticketId)).slice(-4)).toEqual([
      'system: Ana Cruz put the caller on hold.',
      'system: Ana Cruz took the caller off hold.',
      'system: Lea Mercado transferred the call to Carlos Gómez.',
      expect.stringMatching(/^system: Carlos Gómez ended the call \(talk time \d+:\d\d\)\.$/),
    ]);
  });

  it('answers 502 when the provider fails, leaving the call as it was', async () => {
    const live = await answeredCall('agent3');
    const linesBefore = (await timeline(live.ticketId)).length;
    provider.failing = true;
    const hold = await act('agent3', live.ticketId, { action: 'hold' });
    expect([hold.status, hold.body.error.code]).toEqual([502, 'PROVIDER_FAILED']);
    expect(await callRow(live.callSid)).toMatchObject({ status: 'in_progress', agent_id: ids['agent3'] });
    expect(await timeline(live.ticketId)).toHaveLength(linesBefore);

    const waiting = await queuedCall();
    const failed = await answer('agent4', waiting.ticketId);
    expect([failed.status, failed.body.error.code]).toEqual([502, 'PROVIDER_FAILED']);
    expect(await callRow(waiting.callSid)).toMatchObject({ status: 'queued', agent_id: null, answered_at: null, wait_seconds: null });
    // Nothing half-done: the ticket was not handed to the agent whose answer failed.
    expect(await ownerQuery('SELECT status, assignee_id FROM tickets WHERE id = $1', [waiting.ticketId])).toEqual([{ status: 'queued', assignee_id: null }]);

    // Once the provider is back, the same agent simply answers again.
    provider.failing = false;
    expect((await answer('agent4', waiting.ticketId)).body.status).toBe('in_progress');
    expect(provider.requests.map((r) => r.form['Twiml'])).toEqual([expect.stringContaining('<Play'), bridgeTo('agent4'), bridgeTo('agent4')]);
  });

  it('attaches the recording and the transcript once each, with card numbers masked', async () => {
    const { callSid, ticketId } = await answeredCall('agent3');
    // The ticket's language is unknown until the caller's own words arrive (our greeting line says nothing of it).
    expect(await ownerQuery('SELECT language FROM tickets WHERE id = $1', [ticketId])).toEqual([{ language: null }]);
    const recording = { CallSid: callSid, RecordingSid: `RE${randomBytes(16).toString('hex')}`, RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT_SID}/Recordings/RE1`, RecordingDuration: '95', RecordingStatus: 'completed' };
    for (let i = 0; i < 2; i++) expect((await post('/recording', recording)).status).toBe(200);
    expect(await callRow(callSid)).toMatchObject({ recording_sid: recording.RecordingSid, recording_url: recording.RecordingUrl, recording_seconds: 95 });
    expect(await eventsOf(ticketId, 'recording')).toHaveLength(1);

    const said = 'Hola, mi tarjeta es 4111 1111 1111 1111 y el código CVV es 123, necesito ayuda con mi reclamo.';
    const transcription = { CallSid: callSid, TranscriptionSid: 'TR1', TranscriptionStatus: 'completed', TranscriptionText: said };
    for (let i = 0; i < 2; i++) expect((await post('/transcription', transcription)).status).toBe(200);
    const maskedSaid = 'Hola, mi tarjeta es **** **** **** 1111 y el código CVV es ***, necesito ayuda con mi reclamo.';
    expect((await callRow(callSid)).transcript).toBe(maskedSaid);
    expect(await ownerQuery('SELECT language FROM tickets WHERE id = $1', [ticketId])).toEqual([{ language: 'es' }]);
    expect(await eventsOf(ticketId, 'transcript')).toHaveLength(1);
    expect((await timeline(ticketId)).slice(-2)).toEqual(['system: Call recording (1:35)', `system: Call transcript:\n${maskedSaid}`]);
    const leaks = await count(
      `SELECT ((SELECT count(*) FROM messages WHERE body LIKE '%4111 1111 1111 1111%') + (SELECT count(*) FROM calls WHERE transcript LIKE '%4111 1111%') + (SELECT count(*) FROM ticket_events WHERE data::text LIKE '%4111 1111%'))::int AS n`,
    );
    expect(leaks).toBe(0);

    // The agent sees both on the call.
    const detail = await http<{ call: CallView }>(t.url, 'GET', `/api/tickets/${ticketId}`, { token: tokens['agent3'] });
    expect(detail.body.call).toMatchObject({ recordingUrl: recording.RecordingUrl, recordingSeconds: 95, transcript: maskedSaid });

    const bad = await post('/recording', { ...recording, RecordingSid: 'RE2', RecordingUrl: 'javascript:alert(1)' });
    expect(bad.status).toBe(400);
  });
});

describe('Call controls without a provider account', () => {
  let t: TestApp;
  const { incoming } = webhooks(() => t);

  beforeAll(async () => {
    t = await startTestApp({ TWILIO_AUTH_TOKEN: AUTH_TOKEN, PUBLIC_URL });
  });
  afterAll(() => t?.close());

  it('keeps each provider request in the local outbox and still carries out the action', async () => {
    const callSid = newCallSid();
    expect((await incoming(callSid)).status).toBe(200);
    const { ticket_id: ticketId } = await callRow(callSid);
    const { accessToken } = await login(t.url, 'agent4@switchboard.demo');
    const agent4 = await userId('agent4@switchboard.demo');

    const answered = await http<CallView>(t.url, 'POST', `/api/tickets/${ticketId}/call/answer`, { token: accessToken });
    expect([answered.status, answered.body.status]).toEqual([200, 'in_progress']);
    const held = await http<CallView>(t.url, 'POST', `/api/tickets/${ticketId}/call`, { token: accessToken, body: { action: 'hold' } });
    expect([held.status, held.body.status]).toEqual([200, 'on_hold']);

    const outbox = await ownerQuery<{ kind: string; recipient: string; subject: string; payload: string; slug: string }>(
      'SELECT o.kind, o.recipient, o.subject, o.payload, c.slug FROM local_outbox o JOIN clients c ON c.id = o.client_id WHERE o.recipient = $1 ORDER BY o.created_at',
      [callSid],
    );
    expect(outbox.map((o) => [o.kind, o.subject, o.slug])).toEqual([
      ['call_update', 'answer', 'northwind'],
      ['call_update', 'hold', 'northwind'],
    ]);
    expect(JSON.parse(outbox[0].payload)).toEqual({
      method: 'POST',
      url: `https://api.twilio.com/2010-04-01/Accounts/{AccountSid}/Calls/${callSid}.json`,
      form: { Twiml: `${XML}<Response>${DIAL}<Client>agent_${agent4}</Client></Dial></Response>` },
    });
    expect(outbox.map((o) => o.payload).join()).not.toContain(AUTH_TOKEN);
    expect(await callRow(callSid)).toMatchObject({ status: 'on_hold', agent_id: agent4 });
  });
});
