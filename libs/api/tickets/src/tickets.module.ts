import { Module } from '@nestjs/common';
import { AuditModule } from '@switchboard/api-audit';
import { TenancyModule } from '@switchboard/api-tenancy';
import { AttachmentSweepJob } from './attachment-sweep.job';
import { AttachmentsController } from './attachments.controller';
import { AttachmentsService } from './attachments.service';
import { CatchUpService } from './catch-up.service';
import { ChatIntakeService } from './chat-intake.service';
import { TicketPublisher } from './ticket-publisher.service';
import { TicketWorkService } from './ticket-work.service';
import { TicketsController } from './tickets.controller';
import { TicketsService } from './tickets.service';

@Module({
  imports: [TenancyModule, AuditModule],
  controllers: [TicketsController, AttachmentsController],
  providers: [TicketsService, CatchUpService, ChatIntakeService, TicketPublisher, TicketWorkService, AttachmentsService, AttachmentSweepJob],
  exports: [TicketsService, CatchUpService, ChatIntakeService, TicketPublisher, TicketWorkService, AttachmentsService, AttachmentSweepJob],
})
export class TicketsModule {}
