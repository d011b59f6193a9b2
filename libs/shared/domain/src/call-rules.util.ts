import type { CallAction, CallStatus } from '@switchboard/shared-contracts';
import type { Actor } from './ticket-rules.util';

/**
 * The rules of a phone call's life, without any framework: what the provider's callbacks mean for our
 * call row, and who may do what to a live call. The voice service orchestrates; these decide.
 */

/** `CallStatus` values of Twilio-compatible status callbacks. */
export const PROVIDER_CALL_STATUSES = ['queued', 'ringing', 'in-progress', 'completed', 'busy', 'failed', 'no-answer', 'canceled'] as const;
export type ProviderCallStatus = (typeof PROVIDER_CALL_STATUSES)[number];
const PROVIDER_FINAL: readonly string[] = ['completed', 'busy', 'failed', 'no-answer', 'canceled'];

/** Statuses after which nothing more happens on the call. */
export const FINISHED_CALL_STATUSES: readonly CallStatus[] = ['completed', 'abandoned', 'failed'];
const WAITING: readonly CallStatus[] = ['queued', 'ringing'];
const LIVE: readonly CallStatus[] = ['in_progress', 'on_hold'];

export interface CallState {
  status: CallStatus;
  /** An agent was connected (answered_at is set). */
  answered: boolean;
}

/**
 * What a status callback changes:
 * - `connected`: the agent's leg is up (only for a call an agent answered: the provider reports
 *   `in-progress` as soon as our TwiML picks up, i.e. while the caller still waits in the queue);
 * - `ended`: the call is over; `completed` after an agent talked to the caller, `abandoned` when no agent
 *   ever did, `unchanged` when we already knew how it ended (only the end time and duration are filled);
 * - `none`: only the event is recorded.
 */
export type StatusOutcome = { kind: 'none' } | { kind: 'connected' } | { kind: 'ended'; as: 'completed' | 'abandoned' | 'unchanged' };

export function statusCallbackOutcome(call: CallState, providerStatus: string): StatusOutcome {
  const finished = FINISHED_CALL_STATUSES.includes(call.status);
  if (PROVIDER_FINAL.includes(providerStatus)) {
    if (finished) return { kind: 'ended', as: 'unchanged' };
    return { kind: 'ended', as: call.answered ? 'completed' : 'abandoned' };
  }
  if (providerStatus === 'in-progress' && call.answered && !finished && call.status !== 'in_progress' && call.status !== 'on_hold') return { kind: 'connected' };
  return { kind: 'none' };
}

/** `<Enqueue>`'s action: a caller who hangs up while still waiting has abandoned the call. */
export function abandonsInQueue(status: CallStatus, queueResult: string): boolean {
  return queueResult === 'hangup' && WAITING.includes(status);
}

export type CallControl = 'answer' | CallAction;

export type CallPlan =
  | { kind: 'act'; next: CallStatus }
  /** Already so (a double click, a retry): nothing to send, nothing to change. */
  | { kind: 'noop' }
  | { kind: 'refuse'; reason: 'state' | 'not_yours'; message: string };

/**
 * May `actor` apply `control` to the call, and what does it become? Answering is for any staff member
 * the ticket rules let take it (checked by the ticket service); the other controls are for the agent on
 * the call or a team lead/admin of the client (row-level security already limits who sees the call).
 */
export function planCallControl(actor: Actor, call: { status: CallStatus; agentId: string | null }, control: CallControl, targetAgentId: string | null = null): CallPlan {
  if (FINISHED_CALL_STATUSES.includes(call.status)) return { kind: 'refuse', reason: 'state', message: `The call has ended (${call.status}).` };
  if (control === 'answer') {
    if (WAITING.includes(call.status)) return { kind: 'act', next: 'in_progress' };
    if (call.agentId === actor.userId) return { kind: 'noop' };
    return { kind: 'refuse', reason: 'state', message: 'Another agent already answered this call.' };
  }
  if (!LIVE.includes(call.status)) return { kind: 'refuse', reason: 'state', message: 'The call has not been answered yet.' };
  if (actor.role === 'agent' && call.agentId !== actor.userId) return { kind: 'refuse', reason: 'not_yours', message: 'Only the agent on the call or a team lead can control it.' };
  switch (control) {
    case 'hold':
      return call.status === 'on_hold' ? { kind: 'noop' } : { kind: 'act', next: 'on_hold' };
    case 'resume':
      return call.status === 'in_progress' ? { kind: 'noop' } : { kind: 'act', next: 'in_progress' };
    case 'hangup':
      return { kind: 'act', next: 'completed' };
    case 'transfer':
      return targetAgentId === call.agentId ? { kind: 'noop' } : { kind: 'act', next: 'in_progress' };
  }
}

/** Whole seconds from `from` to `to`, never negative. */
export function secondsBetween(from: Date, to: Date): number {
  return Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000));
}

/** `m:ss`, or `h:mm:ss` from an hour on. */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.round(totalSeconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = String(s % 60).padStart(2, '0');
  return hours ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** Digits only: `+1-800-555-0142` and `+18005550142` are the same number. */
export function phoneDigits(text: string): string {
  return text.replace(/\D/g, '');
}

/** `+` and the digits, when the text holds a plausible E.164 number (Twilio sends e.g. `anonymous` for withheld numbers). */
export function toE164(text: string): string | null {
  const digits = phoneDigits(text);
  return digits.length >= 3 && digits.length <= 15 && !/[a-z]/i.test(text) ? `+${digits}` : null;
}
