import { AgentState, AwayReason, type StateReason } from '@switchboard/shared-contracts';

/**
 * Billable agent hours (a contract billed per agent hour, KPIS.md "from system data"): the time agents
 * serving the client were signed in and paid, from their presence history.
 *
 * Paid: available (idle or handling), and away for work that is part of the job — after-call work,
 * meetings, training. Not paid: breaks, lunch, offline, and the states the system sets (disconnected,
 * not responding). The provider bills the hours it staffs for a client; breaks are its own cost.
 *
 * An agent serving several clients: each paid moment goes to the work in hand — while the agent holds
 * tickets (a handle segment is open), the moment is split equally between the tickets held, each share to
 * its ticket's client; while holding none, it is split equally between the clients the agent serves. So
 * an hour spent on one client's calls bills that client only, and idle time waiting for any client's
 * work is shared. (Which clients an agent serves is today's assignment: the system keeps no history of it.)
 */

export const PAID_AWAY_REASONS: readonly StateReason[] = [AwayReason.AfterCallWork, AwayReason.Meeting, AwayReason.Training];

export function isPaidPresence(state: AgentState, reason: StateReason | null): boolean {
  if (state === AgentState.Available) return true;
  return state === AgentState.Away && reason !== null && PAID_AWAY_REASONS.includes(reason);
}

/** A stretch of one presence state (agent_state_history); `end` null while it lasts. */
export interface PresenceStretch {
  agentId: string;
  state: AgentState;
  reason: StateReason | null;
  start: string;
  end: string | null;
}

/** An agent's work on one ticket (a fact's handle segment) with the ticket's client. */
export interface WorkStretch {
  agentId: string;
  clientId: string;
  ticketId: string;
  start: string;
  end: string;
}

export interface AgentHoursInput {
  /** [from, to) in UTC. */
  window: { from: string; to: string };
  /** A stretch still open ends here (or at the window's end, whichever is first). */
  asOf: string;
  presence: readonly PresenceStretch[];
  work: readonly WorkStretch[];
  /** The clients each agent serves. */
  servedClients: ReadonlyMap<string, readonly string[]>;
}

/** Paid seconds per client over the window, by the rule above. */
export function agentSecondsByClient(input: AgentHoursInput): Map<string, number> {
  const from = Date.parse(input.window.from);
  const to = Math.min(Date.parse(input.window.to), Date.parse(input.asOf));
  const totals = new Map<string, number>();
  const credit = (clientId: string, ms: number) => totals.set(clientId, (totals.get(clientId) ?? 0) + ms / 1000);
  if (!(to > from)) return totals;
  const agents = new Set(input.presence.map((p) => p.agentId));
  for (const agentId of agents) {
    const paid = input.presence
      .filter((p) => p.agentId === agentId && isPaidPresence(p.state, p.reason))
      .map((p) => ({ start: Math.max(from, Date.parse(p.start)), end: Math.min(to, p.end === null ? to : Date.parse(p.end)) }))
      .filter((p) => p.end > p.start);
    if (paid.length === 0) continue;
    const work = input.work
      .filter((w) => w.agentId === agentId)
      .map((w) => ({ clientId: w.clientId, ticketId: w.ticketId, start: Math.max(from, Date.parse(w.start)), end: Math.min(to, Date.parse(w.end)) }))
      .filter((w) => w.end > w.start)
      .sort((a, b) => a.start - b.start);
    const served = input.servedClients.get(agentId) ?? [];
    for (const stretch of paid) {
      const mine = work.filter((w) => w.start < stretch.end && w.end > stretch.start);
      const cuts = [...new Set([stretch.start, stretch.end, ...mine.flatMap((w) => [w.start, w.end]).filter((t) => t > stretch.start && t < stretch.end)])].sort((a, b) => a - b);
      for (let i = 0; i + 1 < cuts.length; i++) {
        const [a, b] = [cuts[i], cuts[i + 1]];
        const held = new Map<string, string>();
        for (const w of mine) if (w.start <= a && w.end >= b) held.set(w.ticketId, w.clientId);
        if (held.size > 0) for (const clientId of held.values()) credit(clientId, (b - a) / held.size);
        else for (const clientId of served) credit(clientId, (b - a) / served.length);
      }
    }
  }
  return totals;
}
