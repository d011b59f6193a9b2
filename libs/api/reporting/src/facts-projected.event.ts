import type { LiveReport } from '@switchboard/shared-contracts';

/** Domain event: the facts of these clients changed (projected from new ticket events). */
export class FactsProjectedEvent {
  static readonly eventName = 'reporting.facts_projected';
  constructor(readonly clientIds: readonly string[]) {}
}

/** Domain event: a client's live report changed; the realtime module pushes it to that client's portal room only. */
export class LiveReportEvent {
  static readonly eventName = 'reporting.live_report';
  constructor(readonly report: LiveReport) {}
}
