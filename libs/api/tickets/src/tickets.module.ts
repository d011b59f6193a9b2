import { Module } from '@nestjs/common';
import { TenancyModule } from '@switchboard/api-tenancy';
import { ChatIntakeService } from './chat-intake.service';
import { TicketPublisher } from './ticket-publisher.service';
import { TicketWorkService } from './ticket-work.service';
import { TicketsController } from './tickets.controller';
import { TicketsService } from './tickets.service';

@Module({
  imports: [TenancyModule],
  controllers: [TicketsController],
  providers: [TicketsService, ChatIntakeService, TicketPublisher, TicketWorkService],
  exports: [TicketsService, ChatIntakeService, TicketPublisher, TicketWorkService],
})
export class TicketsModule {}
