import type { CallStatus } from '@switchboard/shared-contracts';
import { abandonsInQueue, formatDuration, planCallControl, statusCallbackOutcome, toE164, type CallControl, type CallPlan, type StatusOutcome } from './call-rules.util';

describe('statusCallbackOutcome', () => {
  it.each<[string, CallStatus, boolean, string, StatusOutcome]>([
    ['caller still queued, provider picked up', 'queued', false, 'in-progress', { kind: 'none' }],
    ['answered call reported ringing', 'ringing', true, 'in-progress', { kind: 'connected' }],
    ['answered call already live', 'in_progress', true, 'in-progress', { kind: 'none' }],
    ['call on hold reported in progress', 'on_hold', true, 'in-progress', { kind: 'none' }],
    ['ringing', 'queued', false, 'ringing', { kind: 'none' }],
    ['queued caller hangs up', 'queued', false, 'completed', { kind: 'ended', as: 'abandoned' }],
    ['queued caller, provider cancels', 'queued', false, 'canceled', { kind: 'ended', as: 'abandoned' }],
    ['queued caller, call fails', 'ringing', false, 'failed', { kind: 'ended', as: 'abandoned' }],
    ['talking, then hang up', 'in_progress', true, 'completed', { kind: 'ended', as: 'completed' }],
    ['on hold, then hang up', 'on_hold', true, 'completed', { kind: 'ended', as: 'completed' }],
    ['abandoned in queue, then the final callback', 'abandoned', false, 'completed', { kind: 'ended', as: 'unchanged' }],
    ['agent hung up, then the final callback', 'completed', true, 'completed', { kind: 'ended', as: 'unchanged' }],
    ['retried final callback', 'completed', true, 'no-answer', { kind: 'ended', as: 'unchanged' }],
    ['a status we do not know', 'queued', false, 'initiated', { kind: 'none' }],
  ])('%s', (_name, status, answered, providerStatus, outcome) => {
    expect(statusCallbackOutcome({ status, answered }, providerStatus)).toEqual(outcome);
  });
});

describe('abandonsInQueue', () => {
  it.each<[CallStatus, string, boolean]>([
    ['queued', 'hangup', true],
    ['ringing', 'hangup', true],
    ['queued', 'bridged', false],
    ['queued', 'redirected', false],
    ['in_progress', 'hangup', false],
    ['abandoned', 'hangup', false],
  ])('%s + %s → %s', (status, result, abandons) => {
    expect(abandonsInQueue(status, result)).toBe(abandons);
  });
});

describe('planCallControl', () => {
  const agent = { role: 'agent' as const, userId: 'a1' };
  const otherAgent = { role: 'agent' as const, userId: 'a2' };
  const lead = { role: 'team_lead' as const, userId: 'l1' };
  const refuse = (reason: 'state' | 'not_yours'): Partial<CallPlan> => ({ kind: 'refuse', reason });

  it.each<[string, typeof agent | typeof lead, CallStatus, string | null, CallControl, string | null, Partial<CallPlan>]>([
    ['answer a waiting call', agent, 'queued', null, 'answer', null, { kind: 'act', next: 'in_progress' }],
    ['answer again (retry)', agent, 'in_progress', 'a1', 'answer', null, { kind: 'noop' }],
    ['answer someone else’s call', otherAgent, 'in_progress', 'a1', 'answer', null, refuse('state')],
    ['answer a finished call', agent, 'abandoned', null, 'answer', null, refuse('state')],
    ['hold my call', agent, 'in_progress', 'a1', 'hold', null, { kind: 'act', next: 'on_hold' }],
    ['hold twice', agent, 'on_hold', 'a1', 'hold', null, { kind: 'noop' }],
    ['resume', agent, 'on_hold', 'a1', 'resume', null, { kind: 'act', next: 'in_progress' }],
    ['resume a live call', agent, 'in_progress', 'a1', 'resume', null, { kind: 'noop' }],
    ['hang up', agent, 'on_hold', 'a1', 'hangup', null, { kind: 'act', next: 'completed' }],
    ['hold someone else’s call', otherAgent, 'in_progress', 'a1', 'hold', null, refuse('not_yours')],
    ['a lead holds an agent’s call', lead, 'in_progress', 'a1', 'hold', null, { kind: 'act', next: 'on_hold' }],
    ['a lead transfers', lead, 'on_hold', 'a1', 'transfer', 'a2', { kind: 'act', next: 'in_progress' }],
    ['transfer to the same agent', lead, 'in_progress', 'a1', 'transfer', 'a1', { kind: 'noop' }],
    ['hold a call still queued', lead, 'queued', null, 'hold', null, refuse('state')],
    ['hang up a completed call', agent, 'completed', 'a1', 'hangup', null, refuse('state')],
    ['a lead hangs up an ended call', lead, 'failed', 'a1', 'hangup', null, refuse('state')],
  ])('%s', (_name, actor, status, agentId, control, target, plan) => {
    expect(planCallControl(actor, { status, agentId }, control, target)).toMatchObject(plan);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0:00'],
    [7, '0:07'],
    [65, '1:05'],
    [600, '10:00'],
    [3725, '1:02:05'],
    [-3, '0:00'],
  ])('%s s → %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});

describe('toE164', () => {
  it.each([
    ['+14155550123', '+14155550123'],
    ['+1 (415) 555-0123', '+14155550123'],
    ['+1-800-555-0142', '+18005550142'],
    ['anonymous', null],
    ['client:agent_1', null],
    ['', null],
    ['+1234567890123456', null],
  ])('%s → %s', (text, e164) => {
    expect(toE164(text)).toBe(e164);
  });
});
