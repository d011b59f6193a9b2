import type { Channel, Role, SettableTicketStatus, TicketMode, TicketStatus } from '@switchboard/shared-contracts';

/**
 * Who may do what to a ticket, and which status changes are allowed. The caller already sees the
 * ticket's client (row-level security); these rules decide the rest.
 */
export interface TicketFacts {
  status: TicketStatus;
  channel: Channel;
  mode: TicketMode;
  assigneeId: string | null;
}

export interface Actor {
  role: Role;
  userId: string;
}

export type RuleVerdict = { ok: true } | { ok: false; reason: 'not_yours' | 'state' | 'role'; message: string };

const OK: RuleVerdict = { ok: true };
const isSupervisor = (actor: Actor) => actor.role === 'team_lead' || actor.role === 'admin';
const isStaff = (actor: Actor) => actor.role === 'agent' || isSupervisor(actor);
const finished = (status: TicketStatus) => status === 'closed' || status === 'abandoned';

/** A public reply to the customer: the assignee, or a lead/admin of the client; never on a finished ticket or a call. */
export function canReply(actor: Actor, ticket: TicketFacts): RuleVerdict {
  if (!isStaff(actor)) return { ok: false, reason: 'role', message: 'Only provider staff can reply.' };
  if (ticket.channel === 'voice') return { ok: false, reason: 'state', message: 'Calls are answered by phone; add a note instead.' };
  if (finished(ticket.status)) return { ok: false, reason: 'state', message: `The ticket is ${ticket.status}; the customer can no longer be answered here.` };
  if (actor.role === 'agent' && ticket.assigneeId !== actor.userId) return { ok: false, reason: 'not_yours', message: 'Take the ticket (or ask a lead to assign it to you) before replying.' };
  return OK;
}

/** An internal note: any staff member who sees the ticket, even on finished tickets (for the record). */
export function canAddNote(actor: Actor): RuleVerdict {
  return isStaff(actor) ? OK : { ok: false, reason: 'role', message: 'Only provider staff can add notes.' };
}

/** Taking a waiting ticket (no target) or giving it to an agent (leads and admins). */
export function canAssign(actor: Actor, ticket: TicketFacts, targetAgentId: string | null): RuleVerdict {
  if (!isStaff(actor)) return { ok: false, reason: 'role', message: 'Only provider staff can take tickets.' };
  if (finished(ticket.status) || ticket.status === 'resolved') return { ok: false, reason: 'state', message: `The ticket is ${ticket.status}.` };
  const target = targetAgentId ?? actor.userId;
  if (target !== actor.userId && !isSupervisor(actor)) return { ok: false, reason: 'role', message: 'Only team leads and admins assign tickets to others.' };
  if (!isSupervisor(actor) && ticket.assigneeId && ticket.assigneeId !== actor.userId) return { ok: false, reason: 'not_yours', message: 'Another agent already has this ticket.' };
  return OK;
}

const TRANSITIONS: Record<TicketStatus, readonly SettableTicketStatus[]> = {
  new: ['resolved'],
  queued: ['resolved'],
  assigned: ['pending', 'resolved'],
  pending: ['resolved'],
  resolved: ['closed'],
  closed: [],
  abandoned: [],
};

/** A status set by hand: the assignee or a lead/admin, along the allowed transitions. */
export function canSetStatus(actor: Actor, ticket: TicketFacts, next: SettableTicketStatus): RuleVerdict {
  if (!isStaff(actor)) return { ok: false, reason: 'role', message: 'Only provider staff can change a ticket.' };
  if (actor.role === 'agent' && ticket.assigneeId !== actor.userId) return { ok: false, reason: 'not_yours', message: 'Only the assigned agent or a lead can change this ticket.' };
  if (!TRANSITIONS[ticket.status].includes(next)) return { ok: false, reason: 'state', message: `A ${ticket.status} ticket cannot become ${next}.` };
  return OK;
}

/**
 * Where an agent reply goes: chat to the widget (and by email too when it was an offline message and
 * we know the visitor's address), email over SMTP, social through the platform's API.
 */
export function replyTransports(ticket: Pick<TicketFacts, 'channel' | 'mode'>, contactEmail: string | null): { widget: boolean; outbox: 'email' | 'social' | null } {
  switch (ticket.channel) {
    case 'chat':
      return { widget: true, outbox: ticket.mode === 'async' && contactEmail ? 'email' : null };
    case 'email':
      return { widget: false, outbox: 'email' };
    case 'social':
      return { widget: false, outbox: 'social' };
    case 'voice':
      return { widget: false, outbox: null };
  }
}

/** Retry delay after `attempts` failed deliveries: 5 s, 10 s, 20 s … capped at 15 minutes. */
export function deliveryBackoffSeconds(attempts: number): number {
  return Math.min(5 * 2 ** Math.max(0, attempts - 1), 900);
}

/**
 * Wrap-up: resolving or closing a ticket takes one of the client's active disposition codes, unless
 * the ticket already carries one or the client has none. Returns the problem with `disposition`, or null.
 */
export function wrapUpProblem(next: SettableTicketStatus, given: string | undefined, current: string | null, activeCodes: readonly string[]): string | null {
  const wrapsUp = next === 'resolved' || next === 'closed';
  if (!wrapsUp) return given === undefined ? null : 'is given only when resolving or closing';
  if (given === undefined) return current !== null || activeCodes.length === 0 ? null : `is required: choose one of ${activeCodes.join(', ')}`;
  if (activeCodes.length === 0) return 'is not used by this client';
  return activeCodes.includes(given) ? null : `must be one of ${activeCodes.join(', ')}`;
}
