import { Module } from '@nestjs/common';
import { ChatIntakeService } from './chat-intake.service';
import { TicketPublisher } from './ticket-publisher.service';
import { TicketWorkService } from './ticket-work.service';
import { TicketsController } from './tickets.controller';
import { TicketsService } from './tickets.service';

@Module({
  controllers: [TicketsController],
  providers: [TicketsService, ChatIntakeService, TicketPublisher, TicketWorkService],
  exports: [TicketsService, ChatIntakeService, TicketPublisher, TicketWorkService],
})
export class TicketsModule {}
