import { Module } from '@nestjs/common';
import { AuditModule } from '@switchboard/api-audit';
import { PresenceModule } from '@switchboard/api-presence';
import { TicketsModule } from '@switchboard/api-tickets';
import { AgentRoster } from './agent-roster.service';
import { ReadyAgents } from './ready-agents.snapshot';
import { OfferService } from './offer.service';
import { QueueService } from './queue.service';
import { RoutingAnnouncer } from './routing-announcer.service';
import { RoutingController } from './routing.controller';
import { RoutingDispatcher } from './routing-dispatcher.service';
import { RoutingStatsService } from './routing-stats.service';

@Module({
  imports: [TicketsModule, PresenceModule, AuditModule],
  controllers: [RoutingController],
  providers: [RoutingDispatcher, RoutingAnnouncer, RoutingStatsService, AgentRoster, ReadyAgents, OfferService, QueueService],
  exports: [RoutingDispatcher, OfferService, QueueService, RoutingStatsService],
})
export class RoutingModule {}
