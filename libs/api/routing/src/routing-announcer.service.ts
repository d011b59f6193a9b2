import { Inject, Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { ROOT_LOGGER } from '@switchboard/api-platform';
import { PresenceService } from '@switchboard/api-presence';
import { TicketPublisher } from '@switchboard/api-tickets';
import type { Logger } from 'pino';
import { OfferClosedEvent, OfferMadeEvent, TicketAssignedEvent, TicketRequeuedEvent } from './routing-events';
import type { RoutingNews } from './routing-news';
import { RoutingStatsService } from './routing-stats.service';

/** Tells everyone what a committed routing transaction changed. Call only after commit. */
@Injectable()
export class RoutingAnnouncer {
  private readonly log: Logger;

  constructor(
    private readonly events: EventEmitter2,
    private readonly publisher: TicketPublisher,
    private readonly presence: PresenceService,
    private readonly stats: RoutingStatsService,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ context: RoutingAnnouncer.name });
  }

  async announce(news: RoutingNews): Promise<void> {
    for (const { agentId, offer } of news.offersMade) this.events.emit(OfferMadeEvent.eventName, new OfferMadeEvent(agentId, offer));
    for (const { agentId, closed } of news.offersClosed) this.events.emit(OfferClosedEvent.eventName, new OfferClosedEvent(agentId, closed));
    for (const assigned of news.assigned) this.events.emit(TicketAssignedEvent.eventName, new TicketAssignedEvent(assigned));
    for (const requeued of news.requeued) this.events.emit(TicketRequeuedEvent.eventName, new TicketRequeuedEvent(requeued));
    if (news.offersMade.length > 0) this.log.debug({ offers: news.offersMade.length }, 'offers made');
    try {
      this.publisher.summariesChanged([...news.summaries.values()]);
      await this.publisher.ticketsChanged(news.unreadSummaries);
      for (const agentId of news.notResponding) {
        this.log.info({ agentId }, 'agent let offers time out in a row: set away (not responding)');
        await this.presence.markNotResponding(agentId);
      }
    } catch (error) {
      this.log.warn({ err: error }, 'could not announce routing changes');
    }
    this.stats.changed(news.clientsTouched, news.agentsTouched);
  }
}
