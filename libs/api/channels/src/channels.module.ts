import { Module } from '@nestjs/common';
import { TicketsModule } from '@switchboard/api-tickets';
import { EmailIntakeService } from './email/email-intake.service';
import { SmtpListener } from './email/smtp-listener.service';
import { DeliveryWorker } from './outbound/delivery-worker.service';
import { OutboxController } from './outbound/outbox.controller';
import { MetaWebhookController } from './social/meta-webhook.controller';
import { SocialIntakeService } from './social/social-intake.service';
import { VoiceModule } from './voice/voice.module';

/**
 * How contacts reach us and how we answer: email over SMTP, social through Meta webhooks and the Graph
 * API (chat arrives through the widget socket), and the outbox that delivers replies.
 */
@Module({
  imports: [TicketsModule, VoiceModule],
  controllers: [MetaWebhookController, OutboxController],
  providers: [EmailIntakeService, SmtpListener, SocialIntakeService, DeliveryWorker],
  exports: [EmailIntakeService, SmtpListener, SocialIntakeService, DeliveryWorker],
})
export class ChannelsModule {}
