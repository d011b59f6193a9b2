import { Module } from '@nestjs/common';
import { AuditModule } from '@switchboard/api-audit';
import { AgentDirectoryService } from './agent-directory.service';
import { DirectoryController } from './directory.controller';
import { PresenceController } from './presence.controller';
import { PresenceService } from './presence.service';
import { StaffAccountController } from './staff-account.controller';
import { StaffAccountService } from './staff-account.service';
import { WhisperService } from './whisper.service';

@Module({ imports: [AuditModule], controllers: [PresenceController, DirectoryController, StaffAccountController], providers: [PresenceService, WhisperService, AgentDirectoryService, StaffAccountService], exports: [PresenceService] })
export class PresenceModule {}
