import { Module } from '@nestjs/common';
import { EmailIntakeService } from './email/email-intake.service';
import { SmtpListener } from './email/smtp-listener.service';
import { MetaWebhookController } from './social/meta-webhook.controller';
import { SocialIntakeService } from './social/social-intake.service';

/** How contacts reach us: email over SMTP, social through Meta webhooks (chat arrives through the widget socket). */
@Module({ controllers: [MetaWebhookController], providers: [EmailIntakeService, SmtpListener, SocialIntakeService], exports: [EmailIntakeService, SmtpListener, SocialIntakeService] })
export class ChannelsModule {}
