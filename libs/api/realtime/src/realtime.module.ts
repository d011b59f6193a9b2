import { Module } from '@nestjs/common';
import { IdentityModule } from '@switchboard/api-identity';
import { PresenceModule } from '@switchboard/api-presence';
import { RoutingModule } from '@switchboard/api-routing';
import { TenancyModule } from '@switchboard/api-tenancy';
import { TicketsModule } from '@switchboard/api-tickets';
import { AgentGateway } from './agent.gateway';
import { CustomerGateway } from './customer.gateway';
import { FanOutConnection } from './fan-out.service';
import { NodeLifecycle } from './node-lifecycle.service';
import { PortalGateway } from './portal.gateway';
import { RealtimeListener } from './realtime.listener';
import { SocketSessionService } from './socket-session.service';

@Module({
  imports: [IdentityModule, PresenceModule, TenancyModule, TicketsModule, RoutingModule],
  providers: [FanOutConnection, NodeLifecycle, AgentGateway, PortalGateway, CustomerGateway, RealtimeListener, SocketSessionService],
  exports: [FanOutConnection, NodeLifecycle],
})
export class RealtimeModule {}
