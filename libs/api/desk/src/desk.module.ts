import { Module } from '@nestjs/common';
import { AuditModule } from '@switchboard/api-audit';
import { DeskController } from './desk.controller';
import { DeskService } from './desk.service';
import { PlaybookController } from './playbook.controller';
import { PlaybookService } from './playbook.service';

/** What agents use at their desk, per client: canned responses, disposition codes and the client's playbook. */
@Module({
  imports: [AuditModule],
  controllers: [DeskController, PlaybookController],
  providers: [DeskService, PlaybookService],
})
export class DeskModule {}
