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

// ─── Due times stamped when a ticket is queued (read by reporting for SLA attainment) ────────────────

/** A queue's SLA targets in seconds (null: the queue sets none). */
export interface QueueSlaTargets {
  /** Answer target, the one the inbox clock above runs against: the first public agent reply is due by then. */
  slaSeconds: number | null;
  resolutionSeconds: number | null;
  nextResponseSeconds: number | null;
}

/** What a `queued` event records, so the projection of the event log can judge attainment without reading the queue. */
export interface SlaDueTimes {
  firstResponseDueAt: string | null;
  resolutionDueAt: string | null;
  /** Applied to every customer follow-up (follow-up + this many seconds). */
  nextResponseTargetSeconds: number | null;
}

const positive = (value: number | null | undefined): value is number => typeof value === 'number' && Number.isFinite(value) && value > 0;

/**
 * The due times of a ticket queued at `queuedAt` in a queue with these targets. Wall-clock time, as the
 * inbox clock counts (there is no business-hours SLA clock): first response = queued + answer target,
 * resolution = queued + resolution target (intake queues a ticket in the transaction that creates it,
 * so queued is its creation).
 */
export function slaDueTimes(queuedAt: string, targets: QueueSlaTargets): SlaDueTimes {
  const start = Date.parse(queuedAt);
  if (Number.isNaN(start)) throw new RangeError(`Not an ISO instant: ${queuedAt}`);
  const after = (seconds: number | null) => (positive(seconds) ? new Date(start + seconds * 1000).toISOString() : null);
  return {
    firstResponseDueAt: after(targets.slaSeconds),
    resolutionDueAt: after(targets.resolutionSeconds),
    nextResponseTargetSeconds: positive(targets.nextResponseSeconds) ? targets.nextResponseSeconds : null,
  };
}

/** The due times a `queued` event's data carries; anything unreadable (older events have none) is null. */
export function slaDueTimesOf(data: Record<string, unknown>): SlaDueTimes {
  const instant = (value: unknown) => (typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? new Date(Date.parse(value)).toISOString() : null);
  const seconds = data['nextResponseTargetSeconds'];
  return {
    firstResponseDueAt: instant(data['firstResponseDueAt']),
    resolutionDueAt: instant(data['resolutionDueAt']),
    nextResponseTargetSeconds: typeof seconds === 'number' && positive(seconds) ? seconds : null,
  };
}
