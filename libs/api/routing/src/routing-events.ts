import type { AgentLoad, OfferClosed, OfferView, QueueStats, TicketAssigned, TicketRequeued } from '@switchboard/shared-contracts';

/** An offer was made to an agent; raised after commit. */
export class OfferMadeEvent {
  static readonly eventName = 'routing.offer_made';
  constructor(
    readonly agentId: string,
    readonly offer: OfferView,
  ) {}
}

/** An agent's offer closed without their answer (timed out, rescinded); raised after commit. */
export class OfferClosedEvent {
  static readonly eventName = 'routing.offer_closed';
  constructor(
    readonly agentId: string,
    readonly closed: OfferClosed,
  ) {}
}

/** A ticket went to an agent (accepted offer, auto-accept, transfer); raised after commit. */
export class TicketAssignedEvent {
  static readonly eventName = 'routing.ticket_assigned';
  constructor(readonly assigned: TicketAssigned) {}
}

/** A ticket waits again (offer rejected or timed out, returned, transferred); raised after commit. */
export class TicketRequeuedEvent {
  static readonly eventName = 'routing.ticket_requeued';
  constructor(readonly requeued: TicketRequeued) {}
}

/** Fresh numbers of a client's queues. */
export class QueueStatsEvent {
  static readonly eventName = 'routing.queue_stats';
  constructor(
    readonly clientId: string,
    readonly stats: QueueStats[],
  ) {}
}

/** What an agent holds changed. */
export class AgentLoadEvent {
  static readonly eventName = 'routing.agent_load';
  constructor(
    readonly load: AgentLoad,
    readonly teamIds: string[],
  ) {}
}
