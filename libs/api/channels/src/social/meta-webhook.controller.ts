import { Controller, Get, Headers, HttpCode, Inject, Post, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, DomainException, Public, type AppConfig } from '@switchboard/api-platform';
import { ErrorCode } from '@switchboard/shared-contracts';
import type { Request } from 'express';
import { isMetaSignatureValid, parseMetaWebhook } from './meta-payload.util';
import { SocialIntakeService, type SocialIntakeSummary } from './social-intake.service';

/**
 * Meta webhooks (Messenger, Instagram, WhatsApp Cloud API). Public, because Meta calls it; every POST
 * must carry a valid `X-Hub-Signature-256` of its raw body, or it is refused with 401 and nothing is stored.
 */
@ApiTags('webhooks')
@Controller('webhooks/meta')
export class MetaWebhookController {
  constructor(
    private readonly intake: SocialIntakeService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Meta's subscription handshake: echo `hub.challenge` when the verify token matches. */
  @Public()
  @Get()
  verify(@Query('hub.mode') mode: unknown, @Query('hub.verify_token') token: unknown, @Query('hub.challenge') challenge: unknown): string {
    const expected = this.config.meta.verifyToken;
    if (!expected || mode !== 'subscribe' || token !== expected || typeof challenge !== 'string' || !/^[\w-]{1,200}$/.test(challenge)) {
      throw new DomainException(ErrorCode.Forbidden, 'Verification failed.');
    }
    return challenge;
  }

  @Public()
  @Post()
  @HttpCode(200)
  async receive(@Req() request: Request & { rawBody?: Buffer }, @Headers('x-hub-signature-256') signature: unknown): Promise<SocialIntakeSummary> {
    const secret = this.config.meta.appSecret;
    if (!secret) throw new DomainException(ErrorCode.ServiceUnavailable, 'Meta webhooks are not configured (META_APP_SECRET).');
    if (!request.rawBody || !isMetaSignatureValid(request.rawBody, signature, secret)) {
      throw new DomainException(ErrorCode.WebhookSignatureInvalid, 'The webhook signature is missing or wrong.');
    }
    const { messages, statuses } = parseMetaWebhook(request.body);
    return await this.intake.receive(messages, statuses);
  }
}
