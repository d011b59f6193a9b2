import type { TicketFact } from '@switchboard/shared-contracts';
import { slaDueInstants } from './kpi.util';

/**
 * The facts a KPI window needs, found quickly when a report has many windows (a month of 30-minute
 * intervals is 1,440 of them). Every KPI counts a ticket by an instant of it inside the window (queued,
 * answered, a message, a resolution, a survey, a due time, a stretch of handling) or, for the backlog,
 * by being open at the window's end. So a fact is needed only when its span of activity (first to last
 * instant; open-ended while the ticket is unresolved) overlaps the window: the others change no number.
 */
export interface FactWindows {
  /** The facts whose activity overlaps [from, to): a superset of those any KPI of that window counts. */
  touching(window: { from: string; to: string }): TicketFact[];
}

interface Span {
  fact: TicketFact;
  start: number;
  end: number;
}

export function indexFactWindows(facts: readonly TicketFact[]): FactWindows {
  const spans = facts.map(spanOf).sort((a, b) => a.start - b.start);
  return {
    touching({ from, to }) {
      const fromMs = Date.parse(from);
      const toMs = Date.parse(to);
      const found: TicketFact[] = [];
      for (const span of spans) {
        if (span.start >= toMs) break;
        if (span.end >= fromMs) found.push(span.fact);
      }
      return found;
    },
  };
}

function spanOf(fact: TicketFact): Span {
  const instants = [
    fact.createdAt,
    fact.firstInboundAt,
    fact.queuedAt,
    fact.answeredAt,
    fact.abandonedAt,
    ...fact.agentReplies,
    ...fact.customerMessages,
    ...fact.resolvedAt,
    ...fact.reopenedAt,
    ...fact.handleSegments.flatMap((s) => [s.start, s.end]),
    fact.csat?.surveyedAt,
    fact.nps?.surveyedAt,
    ...slaDueInstants(fact),
  ]
    .filter((v): v is string => typeof v === 'string')
    .map(Date.parse);
  const start = Math.min(...instants);
  return { fact, start, end: isOpen(fact) ? Infinity : Math.max(...instants) };
}

/** Unresolved now (never resolved, or reopened after its last resolution), and not abandoned unanswered. */
function isOpen(fact: TicketFact): boolean {
  if (fact.answeredAt === null && fact.abandonedAt !== null) return false;
  const lastResolved = Math.max(-Infinity, ...fact.resolvedAt.map(Date.parse));
  const lastReopened = Math.max(-Infinity, ...fact.reopenedAt.map(Date.parse));
  return !(lastResolved > lastReopened);
}
