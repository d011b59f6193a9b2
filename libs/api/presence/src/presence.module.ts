import { Module } from '@nestjs/common';
import { PresenceController } from './presence.controller';
import { PresenceService } from './presence.service';
import { WhisperService } from './whisper.service';

@Module({ controllers: [PresenceController], providers: [PresenceService, WhisperService], exports: [PresenceService] })
export class PresenceModule {}
