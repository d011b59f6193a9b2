import { ValidationException } from '@switchboard/api-platform';
import type { FieldError } from '@switchboard/shared-contracts';
import type { SignedParams } from './twilio-signature.util';

/**
 * Reads the form parameters of the provider's voice webhooks into typed values. A parameter we rely on
 * that is missing or malformed is a VALIDATION_FAILED (400); parameters we do not use are ignored (the
 * provider adds new ones without notice, and they are all part of the signature anyway).
 */

/** The parsed form body, as signed: values are strings, or lists when a name was sent twice. */
export function formParams(body: unknown): SignedParams {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return {};
  const params: SignedParams = {};
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === 'string') params[key] = value;
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) params[key] = value as string[];
  }
  return params;
}

const SID = /^[A-Za-z0-9_-]{1,100}$/;

class Reader {
  readonly errors: FieldError[] = [];
  constructor(private readonly params: SignedParams) {}

  optional(name: string): string | null {
    const value = this.params[name];
    const text = typeof value === 'string' ? value : value?.[0];
    return text === undefined || text === '' ? null : text;
  }

  required(name: string, pattern?: RegExp, message = 'is missing'): string {
    const text = this.optional(name);
    if (text === null) this.errors.push({ field: name, message: 'is required' });
    else if (pattern && !pattern.test(text)) this.errors.push({ field: name, message });
    return text ?? '';
  }

  seconds(name: string): number | null {
    const text = this.optional(name);
    if (text === null) return null;
    if (!/^\d{1,9}$/.test(text)) {
      this.errors.push({ field: name, message: 'must be a whole number of seconds' });
      return null;
    }
    return Number(text);
  }

  done<T>(value: T): T {
    if (this.errors.length) throw new ValidationException(this.errors);
    return value;
  }
}

export interface IncomingCall {
  callSid: string;
  from: string;
  to: string;
}

export function readIncomingCall(params: SignedParams): IncomingCall {
  const r = new Reader(params);
  return r.done({ callSid: r.required('CallSid', SID, 'is not a call id'), from: r.required('From').slice(0, 100), to: r.required('To').slice(0, 100) });
}

export interface QueueResult {
  callSid: string;
  /** hangup | bridged | redirected | leave | error | system-error */
  result: string;
  /** Seconds the caller waited in the queue. */
  queueSeconds: number | null;
}

export function readQueueResult(params: SignedParams): QueueResult {
  const r = new Reader(params);
  return r.done({ callSid: r.required('CallSid', SID, 'is not a call id'), result: r.required('QueueResult', /^[a-z-]{1,40}$/, 'is not a queue result'), queueSeconds: r.seconds('QueueTime') });
}

export interface CallStatusReport {
  callSid: string;
  /** queued | ringing | in-progress | completed | busy | failed | no-answer | canceled */
  status: string;
  durationSeconds: number | null;
}

export function readCallStatus(params: SignedParams): CallStatusReport {
  const r = new Reader(params);
  return r.done({ callSid: r.required('CallSid', SID, 'is not a call id'), status: r.required('CallStatus', /^[a-z-]{1,40}$/, 'is not a call status'), durationSeconds: r.seconds('CallDuration') });
}

export interface RecordingReport {
  callSid: string;
  recordingSid: string;
  url: string;
  seconds: number | null;
  /** Absent from `<Record action>` callbacks, which come only for finished recordings. */
  status: string;
}

export function readRecording(params: SignedParams): RecordingReport {
  const r = new Reader(params);
  return r.done({
    callSid: r.required('CallSid', SID, 'is not a call id'),
    recordingSid: r.required('RecordingSid', SID, 'is not a recording id'),
    // Shown to agents as a link: only web addresses.
    url: r.required('RecordingUrl', /^https?:\/\/[^\s"<>]{1,2000}$/, 'must be an http(s) URL'),
    seconds: r.seconds('RecordingDuration'),
    status: r.optional('RecordingStatus') ?? 'completed',
  });
}

export interface TranscriptionReport {
  callSid: string;
  transcriptionSid: string | null;
  text: string;
  status: string;
}

export function readTranscription(params: SignedParams): TranscriptionReport {
  const r = new Reader(params);
  return r.done({
    callSid: r.required('CallSid', SID, 'is not a call id'),
    transcriptionSid: r.optional('TranscriptionSid'),
    text: (r.optional('TranscriptionText') ?? '').trim(),
    status: r.optional('TranscriptionStatus') ?? 'completed',
  });
}
