/**
 * TwiML documents the phone provider runs on a call. Every value placed in them is XML-escaped.
 * Relative URLs are resolved by the provider against the URL of the request being answered.
 */

export const VOICE_WEBHOOK_PATH = '/api/webhooks/voice';

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

/** Escapes text for an XML element or a double-quoted attribute; drops characters XML 1.0 cannot hold. */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function document(verbs: string): string {
  return verbs ? `${DECLARATION}<Response>${verbs}</Response>` : `${DECLARATION}<Response/>`;
}

/** `SB-1042` → `S B 1 0 4 2`: read out one character at a time, so a caller can write it down. */
export function spellForSpeech(reference: string): string {
  return [...reference.replace(/[^A-Za-z0-9]/g, '').toUpperCase()].join(' ');
}

/** The provider's client identity of an agent's softphone. */
export function agentClientIdentity(userId: string): string {
  return `agent_${userId}`;
}

/** A new call: greet the caller, give the ticket reference, and wait in the client's queue (hold music from `/hold`). */
export function incomingCallTwiml(input: { clientName: string; reference: string; queueName: string }): string {
  const greeting = `Thank you for calling ${input.clientName}. Your reference is ${spellForSpeech(input.reference)}. Please hold while we connect you to an agent.`;
  return document(`<Say>${escapeXml(greeting)}</Say><Enqueue waitUrl="${VOICE_WEBHOOK_PATH}/hold" action="${VOICE_WEBHOOK_PATH}/queue">${escapeXml(input.queueName)}</Enqueue>`);
}

/** Music while waiting in the queue or on hold, looped until something else happens. */
export function holdTwiml(holdMusicUrl: string): string {
  return document(`<Play loop="0">${escapeXml(holdMusicUrl)}</Play>`);
}

/**
 * Connects the caller to an agent's softphone, recording both legs from the answer; the provider posts
 * the finished recording to `recordingCallbackUrl` (absolute: this TwiML is sent by API, not fetched).
 */
export function bridgeTwiml(agentUserId: string, recordingCallbackUrl: string): string {
  const record = `record="record-from-answer-dual" recordingStatusCallback="${escapeXml(recordingCallbackUrl)}" recordingStatusCallbackEvent="completed"`;
  return document(`<Dial ${record}><Client>${escapeXml(agentClientIdentity(agentUserId))}</Client></Dial>`);
}

/** A number no inbox owns. */
export function unknownNumberTwiml(): string {
  return document('<Say>Sorry, the number you have called is not in service. Goodbye.</Say><Hangup/>');
}

/** Nothing more to do (status callbacks, queue results). */
export function emptyTwiml(): string {
  return document('');
}
