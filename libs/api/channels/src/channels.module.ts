import { Module } from '@nestjs/common';
import { EmailIntakeService } from './email/email-intake.service';
import { SmtpListener } from './email/smtp-listener.service';

/** How contacts reach us: inbound email over SMTP (chat arrives through the realtime widget socket). */
@Module({ providers: [EmailIntakeService, SmtpListener], exports: [EmailIntakeService, SmtpListener] })
export class ChannelsModule {}
