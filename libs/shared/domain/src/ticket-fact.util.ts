import type { Channel, HandleSegment, TicketFact } from '@switchboard/shared-contracts';
import { slaDueInstants } from './kpi.util';
import { slaDueTimesOf } from './sla-clock.util';

/**
 * The projection of a ticket's append-only event log (table `ticket_events`, written by intake, routing,
 * channels and ticket work) onto the `TicketFact` the KPI maths read. Pure and deterministic: the same
 * events always give the same fact, so the stored facts can be checked against a recomputation from the
 * raw log at any time.
 *
 * What each event means here:
 * - `queued` (first one): reached a queue → `queuedAt`, `queueId` (the first queue: where it was offered),
 *   and the SLA due times intake stamped on it from that queue's targets (`slaDueTimes`: first response,
 *   resolution, next-response target; null on events written before they were stamped). A transfer to
 *   another queue (`transfer_requested`, or any later `queued` event) changes neither the queue reported
 *   nor the due times: the customer's wait does not start again because the provider moved the ticket,
 *   and a late ticket cannot be made "met" by moving it to a queue with a longer target.
 * - `accepted` / `assigned`: an agent took it → `answeredAt` (first one after queuing), except for voice
 *   where "answered" is the agent connected (`call_status` with action `answer`); `accepted`/`assigned`
 *   are the fallback for a voice ticket with no call record.
 * - `abandoned`: left the queue unanswered → `abandonedAt` (ignored once answered).
 * - `message_received` → `customerMessages` (the first is `firstInboundAt`); `reply` → `agentReplies`
 *   (public replies only: notes are `note` events, never read here; there are no bot replies yet).
 * - `resolved` → `resolvedAt`; `reopened` → `reopenedAt`; `wrapped_up` → `topic` (the last disposition).
 * - `csat_requested` → survey sent; `csat` → its score (a score with no request counts as sent then).
 * - Handle time: an agent's `talk` runs from taking the ticket until it is resolved, handed to another
 *   agent (`assigned`/`transferred`), returned to the queue (`returned`/`requeued`), set pending (waiting
 *   on the customer) or abandoned; a customer message on a pending ticket resumes it for the assignee.
 *   Voice: `hold`/`resume` split talk and hold; hang-up ends talk and starts after-contact work (`acw`)
 *   until the ticket is resolved or wrapped up. Work still running is not in `handleSegments` yet (a
 *   fact only holds finished work, so it does not depend on when it is computed).
 */

export interface TicketEventRecord {
  type: string;
  /** ISO instant. */
  at: string;
  actorUserId: string | null;
  data: Record<string, unknown>;
}

/** What the event log does not repeat: the ticket row's identity and attributes. */
export interface TicketHeader {
  ticketId: string;
  contactId: string;
  channel: Channel;
  language: string | null;
  createdAt: string;
}

type Open = { agentId: string; kind: HandleSegment['kind']; start: string };

function text(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

/** The fact of one ticket from its events, in log order (id order). */
export function projectTicketFact(header: TicketHeader, events: readonly TicketEventRecord[]): TicketFact {
  const fact: TicketFact = {
    ticketId: header.ticketId,
    contactId: header.contactId,
    topic: null,
    channel: header.channel,
    queueId: null,
    language: header.language,
    createdAt: header.createdAt,
    firstInboundAt: null,
    queuedAt: null,
    answeredAt: null,
    abandonedAt: null,
    agentReplies: [],
    customerMessages: [],
    resolvedAt: [],
    reopenedAt: [],
    handleSegments: [],
    csat: null,
    nps: null,
    firstResponseDueAt: null,
    resolutionDueAt: null,
    nextResponseTargetSeconds: null,
    excluded: null,
  };
  const voice = header.channel === 'voice';
  const hasCallAnswer = voice && events.some((e) => e.type === 'call_status' && e.data['action'] === 'answer');
  const work: { open: Open | null } = { open: null };
  let assignee: string | null = null;
  let pending = false;
  const close = (at: string) => {
    if (work.open && Date.parse(at) > Date.parse(work.open.start)) fact.handleSegments.push({ agentId: work.open.agentId, kind: work.open.kind, start: work.open.start, end: at });
    work.open = null;
  };
  const start = (agentId: string | null, kind: HandleSegment['kind'], at: string) => {
    close(at);
    if (agentId) work.open = { agentId, kind, start: at };
  };
  const answer = (at: string) => {
    if (fact.queuedAt !== null && fact.answeredAt === null && fact.abandonedAt === null) fact.answeredAt = at;
  };

  for (const event of events) {
    const { at, data } = event;
    switch (event.type) {
      case 'queued':
        if (fact.queuedAt === null) {
          fact.queuedAt = at;
          fact.queueId = text(data['queueId']);
          const due = slaDueTimesOf(data);
          fact.firstResponseDueAt = due.firstResponseDueAt;
          fact.resolutionDueAt = due.resolutionDueAt;
          fact.nextResponseTargetSeconds = due.nextResponseTargetSeconds;
        }
        break;
      case 'accepted':
      case 'assigned': {
        const agentId = text(data['agentId']);
        if (!hasCallAnswer) answer(at);
        if (event.type === 'assigned' || assignee === null) assignee = agentId;
        pending = false;
        // Voice work is timed by the call; digital work by holding the ticket.
        if (!voice && agentId && (work.open === null || work.open.agentId !== agentId)) start(agentId, 'talk', at);
        break;
      }
      case 'transferred': {
        const to = text(data['toAgentId']);
        assignee = to;
        if (work.open !== null) start(to, work.open.kind === 'acw' ? 'acw' : 'talk', at);
        break;
      }
      case 'call_status': {
        const action = data['action'];
        const agentId: string | null = text(data['agentId']) ?? assignee;
        if (action === 'answer') {
          answer(at);
          assignee = agentId;
          start(agentId, 'talk', at);
        } else if (action === 'hold') {
          if (work.open) start(work.open.agentId, 'hold', at);
        } else if (action === 'resume') {
          if (work.open) start(work.open.agentId, 'talk', at);
        } else if (action === 'hangup' || data['status'] === 'completed' || data['providerStatus'] === 'completed') {
          if (work.open && work.open.kind !== 'acw') start(work.open.agentId, 'acw', at);
        }
        break;
      }
      case 'abandoned':
        if (fact.answeredAt === null && fact.abandonedAt === null) fact.abandonedAt = at;
        close(at);
        break;
      case 'message_received':
        fact.customerMessages.push(at);
        if (fact.firstInboundAt === null) fact.firstInboundAt = at;
        if (!voice && pending && assignee && work.open === null) start(assignee, 'talk', at);
        pending = false;
        break;
      case 'reply':
        fact.agentReplies.push(at);
        break;
      case 'status_changed':
        if (data['to'] === 'pending') {
          pending = true;
          if (!voice) close(at);
        }
        break;
      case 'returned':
      case 'requeued':
        assignee = null;
        close(at);
        break;
      case 'resolved':
        fact.resolvedAt.push(at);
        close(at);
        break;
      case 'reopened':
        fact.reopenedAt.push(at);
        assignee = text(data['agentId']) ?? assignee;
        if (!voice && assignee) start(assignee, 'talk', at);
        break;
      case 'wrapped_up':
        fact.topic = text(data['disposition']) ?? fact.topic;
        if (work.open && work.open.kind === 'acw') close(at);
        break;
      case 'csat_requested':
        if (fact.csat === null) fact.csat = { surveyedAt: at, score: null };
        break;
      case 'csat': {
        const score = typeof data['score'] === 'number' ? data['score'] : null;
        fact.csat = { surveyedAt: fact.csat?.surveyedAt ?? at, score };
        break;
      }
      default:
        break;
    }
  }
  return fact;
}

/**
 * The instants a stored fact is indexed by, so a report reads only the facts a window can touch: every
 * KPI anchor of kpi.util (queued, first-response start, follow-ups, resolutions, survey, SLA due times) lies in
 * [`firstAnchorAt`, `lastAnchorAt`]; `settledAt` is when the ticket stopped being open for good (final
 * resolution or abandonment; null while open), which bounds the backlog.
 */
export function factAnchors(fact: TicketFact): { firstAnchorAt: string; lastAnchorAt: string; settledAt: string | null; firstResolvedAt: string | null } {
  const instants = [fact.createdAt, fact.queuedAt, fact.firstInboundAt, ...fact.customerMessages, ...fact.agentReplies, ...fact.resolvedAt, fact.csat?.surveyedAt, fact.nps?.surveyedAt, ...slaDueInstants(fact)]
    .filter((v): v is string => typeof v === 'string')
    .map((v) => Date.parse(v));
  const lastResolved = fact.resolvedAt[fact.resolvedAt.length - 1];
  const lastReopened = fact.reopenedAt[fact.reopenedAt.length - 1];
  const finalResolved = lastResolved !== undefined && !(lastReopened !== undefined && Date.parse(lastReopened) > Date.parse(lastResolved)) ? lastResolved : null;
  const abandoned = fact.answeredAt === null && fact.abandonedAt !== null ? fact.abandonedAt : null;
  return {
    firstAnchorAt: new Date(Math.min(...instants)).toISOString(),
    lastAnchorAt: new Date(Math.max(...instants)).toISOString(),
    settledAt: finalResolved ?? abandoned,
    firstResolvedAt: fact.resolvedAt[0] ?? null,
  };
}
