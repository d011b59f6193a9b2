import { ValidationException } from '@switchboard/api-platform';
import { formParams, readCallStatus, readIncomingCall, readQueueResult, readRecording, readTranscription } from './voice-webhook.util';

const fieldsOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof ValidationException) return error.fields?.map((f) => f.field);
    throw error;
  }
  return [];
};

describe('formParams', () => {
  it('keeps strings and lists of strings, drops anything else', () => {
    expect(formParams({ a: '1', b: ['2', '3'], c: { nested: true }, d: 4 })).toEqual({ a: '1', b: ['2', '3'] });
    expect(formParams(undefined)).toEqual({});
    expect(formParams(['x'])).toEqual({});
  });
});

describe('webhook readers', () => {
  it('reads an incoming call, ignoring parameters it does not use', () => {
    expect(readIncomingCall({ CallSid: 'CA1', From: '+14155550123', To: '+18005550142', CallStatus: 'ringing', Direction: 'inbound' })).toEqual({ callSid: 'CA1', from: '+14155550123', to: '+18005550142' });
  });

  it('names every missing or malformed parameter', () => {
    expect(fieldsOf(() => readIncomingCall({ CallSid: 'CA 1; drop', To: '+1' }))).toEqual(['CallSid', 'From']);
    expect(fieldsOf(() => readQueueResult({ CallSid: 'CA1', QueueResult: 'hangup', QueueTime: '-5' }))).toEqual(['QueueTime']);
    expect(fieldsOf(() => readRecording({ CallSid: 'CA1', RecordingSid: 'RE1', RecordingUrl: 'javascript:alert(1)' }))).toEqual(['RecordingUrl']);
  });

  it('reads queue results, status reports, recordings and transcriptions', () => {
    expect(readQueueResult({ CallSid: 'CA1', QueueResult: 'hangup', QueueTime: '42' })).toEqual({ callSid: 'CA1', result: 'hangup', queueSeconds: 42 });
    expect(readCallStatus({ CallSid: 'CA1', CallStatus: 'no-answer' })).toEqual({ callSid: 'CA1', status: 'no-answer', durationSeconds: null });
    expect(readRecording({ CallSid: 'CA1', RecordingSid: 'RE1', RecordingUrl: 'https://api.twilio.com/r/RE1', RecordingDuration: '95' })).toEqual({
      callSid: 'CA1',
      recordingSid: 'RE1',
      url: 'https://api.twilio.com/r/RE1',
      seconds: 95,
      status: 'completed',
    });
    expect(readTranscription({ CallSid: 'CA1', TranscriptionText: '  hello  ', TranscriptionStatus: 'completed' })).toEqual({ callSid: 'CA1', transcriptionSid: null, text: 'hello', status: 'completed' });
  });
});
