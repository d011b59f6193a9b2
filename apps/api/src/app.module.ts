import { Module, type DynamicModule } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { AuditModule } from '@switchboard/api-audit';
import { ChannelsModule } from '@switchboard/api-channels';
import { DatabaseModule } from '@switchboard/api-database';
import { IdentityModule } from '@switchboard/api-identity';
import { PlatformModule, type AppConfig } from '@switchboard/api-platform';
import { PresenceModule } from '@switchboard/api-presence';
import { RealtimeModule } from '@switchboard/api-realtime';
import { ReportingModule } from '@switchboard/api-reporting';
import { DeskModule } from '@switchboard/api-desk';
import { QaModule } from '@switchboard/api-qa';
import { RoutingModule } from '@switchboard/api-routing';
import { TenancyModule } from '@switchboard/api-tenancy';
import { TicketsModule } from '@switchboard/api-tickets';
import type { Logger } from 'pino';
import { ENTITIES } from './database/data-source';
import { HealthController } from './health/health.controller';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, logger: Logger, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot(config, logger),
        DatabaseModule.forRoot({ url: databaseUrl, poolSize: config.database.poolSize, entities: ENTITIES }),
        EventEmitterModule.forRoot(),
        AuditModule,
        IdentityModule,
        TenancyModule,
        PresenceModule,
        TicketsModule,
        ChannelsModule,
        RoutingModule,
        DeskModule,
        QaModule,
        ReportingModule,
        RealtimeModule,
      ],
      controllers: [HealthController],
    };
  }
}
