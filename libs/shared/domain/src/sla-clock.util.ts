/**
 * A ticket's answer clock as an agent's inbox shows it: how long until the queue's answer target
 * (`slaDueAt`) and whether it is on track, at risk (amber) or breached (red). The clock stops at
 * the first agent reply: met when it came in time, missed when late.
 */
export type SlaClockState = 'none' | 'on_track' | 'at_risk' | 'breached' | 'met' | 'missed';

export interface SlaClock {
  state: SlaClockState;
  /** Until the target (negative once breached); null without a target or once answered. */
  remainingMs: number | null;
}

export interface SlaClockTicket {
  slaDueAt: string | null;
  /** When the clock started (the ticket joined its queue); the target's length is due − queued. */
  queuedAt: string | null;
  firstResponseAt: string | null;
}

/** At risk in the last quarter of the target, and always in its last minute. */
export const SLA_AT_RISK_SHARE = 0.25;
export const SLA_AT_RISK_FLOOR_MS = 60_000;

export function slaClock(ticket: SlaClockTicket, now: number): SlaClock {
  const due = ticket.slaDueAt ? Date.parse(ticket.slaDueAt) : Number.NaN;
  if (Number.isNaN(due)) return { state: 'none', remainingMs: null };
  if (ticket.firstResponseAt) return { state: Date.parse(ticket.firstResponseAt) <= due ? 'met' : 'missed', remainingMs: null };
  const remainingMs = due - now;
  if (remainingMs <= 0) return { state: 'breached', remainingMs };
  const started = ticket.queuedAt ? Date.parse(ticket.queuedAt) : Number.NaN;
  const targetMs = Number.isNaN(started) ? 0 : due - started;
  const atRisk = remainingMs <= Math.max(SLA_AT_RISK_FLOOR_MS, targetMs * SLA_AT_RISK_SHARE);
  return { state: atRisk ? 'at_risk' : 'on_track', remainingMs };
}
