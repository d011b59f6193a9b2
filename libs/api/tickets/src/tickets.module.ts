import { Module } from '@nestjs/common';
import { ChatIntakeService } from './chat-intake.service';
import { TicketsController } from './tickets.controller';
import { TicketsService } from './tickets.service';

@Module({ controllers: [TicketsController], providers: [TicketsService, ChatIntakeService], exports: [TicketsService, ChatIntakeService] })
export class TicketsModule {}
