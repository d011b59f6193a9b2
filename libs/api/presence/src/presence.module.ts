import { Module } from '@nestjs/common';
import { AuditModule } from '@switchboard/api-audit';
import { AgentDirectoryService } from './agent-directory.service';
import { DirectoryController } from './directory.controller';
import { PresenceController } from './presence.controller';
import { PresenceService } from './presence.service';
import { WhisperService } from './whisper.service';

@Module({ imports: [AuditModule], controllers: [PresenceController, DirectoryController], providers: [PresenceService, WhisperService, AgentDirectoryService], exports: [PresenceService] })
export class PresenceModule {}
