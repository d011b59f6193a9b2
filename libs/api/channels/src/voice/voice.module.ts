import { Inject, Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { APP_CONFIG, bodyErrorHandler, type AppConfig } from '@switchboard/api-platform';
import { TicketsModule } from '@switchboard/api-tickets';
import { urlencoded, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { CallControlController } from './call-control.controller';
import { VoiceProvider } from './voice-provider.service';
import { VoiceWebhookController } from './voice-webhook.controller';
import { VoiceService } from './voice.service';

/** Phone calls: the provider's webhooks and the agents' call controls. */
@Module({
  imports: [TicketsModule],
  controllers: [VoiceWebhookController, CallControlController],
  providers: [VoiceService, VoiceProvider],
  exports: [VoiceService],
})
export class VoiceModule implements NestModule {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** The provider posts form-encoded bodies; only these routes accept them (the rest of the API is JSON). */
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(formBodyParser(this.config.bodyLimitBytes)).forRoutes(VoiceWebhookController);
  }
}

/** `application/x-www-form-urlencoded` bodies, with oversized or badly encoded ones refused in the usual error shape. */
function formBodyParser(limit: number): RequestHandler {
  const parse = urlencoded({ extended: false, limit });
  return (req: Request, res: Response, next: NextFunction) => parse(req, res, (error?: unknown) => (error ? bodyErrorHandler(error as { type?: string }, req, res, next) : next()));
}
