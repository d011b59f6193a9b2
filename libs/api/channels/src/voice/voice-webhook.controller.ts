import { Controller, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, Public, type AppConfig } from '@switchboard/api-platform';
import type { Request, Response } from 'express';
import { holdTwiml } from './twiml.util';
import { isTwilioSignatureValid, type SignedParams } from './twilio-signature.util';
import { formParams, readCallStatus, readIncomingCall, readQueueResult, readRecording, readTranscription } from './voice-webhook.util';
import { VoiceException } from './voice.exception';
import { VoiceService } from './voice.service';

/**
 * Twilio-compatible voice webhooks. Public, because the provider calls them; every request must carry a
 * valid `X-Twilio-Signature` (HMAC of PUBLIC_URL + path and the form parameters, keyed with the auth
 * token) or it is refused with 401 and nothing is stored. Answers are TwiML (`text/xml`).
 */
@ApiTags('webhooks')
@Controller('webhooks/voice')
export class VoiceWebhookController {
  constructor(
    private readonly voice: VoiceService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A call to one of our numbers. */
  @Public()
  @Post('incoming')
  @HttpCode(200)
  async incoming(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<string> {
    return xml(response, await this.voice.incoming(readIncomingCall(this.verified(request))));
  }

  /** `<Enqueue waitUrl>`: what the caller hears while waiting. */
  @Public()
  @Post('hold')
  @HttpCode(200)
  hold(@Req() request: Request, @Res({ passthrough: true }) response: Response): string {
    this.verified(request);
    return xml(response, holdTwiml(this.config.voice.holdMusicUrl));
  }

  /** `<Enqueue action>`: the caller left the queue (bridged, hung up, redirected …). */
  @Public()
  @Post('queue')
  @HttpCode(200)
  async queue(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<string> {
    return xml(response, await this.voice.queueResult(readQueueResult(this.verified(request))));
  }

  /** Status callback of the call. */
  @Public()
  @Post('status')
  @HttpCode(200)
  async status(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<string> {
    return xml(response, await this.voice.callStatus(readCallStatus(this.verified(request))));
  }

  @Public()
  @Post('recording')
  @HttpCode(200)
  async recording(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<string> {
    return xml(response, await this.voice.recording(readRecording(this.verified(request))));
  }

  @Public()
  @Post('transcription')
  @HttpCode(200)
  async transcription(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<string> {
    return xml(response, await this.voice.transcription(readTranscription(this.verified(request))));
  }

  /** The form parameters, once their signature is proven; 401 otherwise (503 without an auth token). */
  private verified(request: Request): SignedParams {
    const authToken = this.config.voice.authToken;
    if (!authToken) throw VoiceException.notConfigured();
    const params = formParams(request.body);
    if (!isTwilioSignatureValid(authToken, `${this.config.publicUrl}${request.originalUrl}`, params, request.headers['x-twilio-signature'])) {
      throw VoiceException.signatureInvalid();
    }
    return params;
  }
}

/** Set only on success, so errors keep their JSON content type. */
function xml(response: Response, twiml: string): string {
  response.type('text/xml');
  return twiml;
}
