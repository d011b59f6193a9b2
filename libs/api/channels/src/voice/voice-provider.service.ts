import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, ROOT_LOGGER, type AppConfig } from '@switchboard/api-platform';
import { writeLocalOutbox } from '@switchboard/api-tickets';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { callUpdateOutboxPayload, callUpdateRequest, type CallUpdate } from './twilio-api.util';
import { VoiceException } from './voice.exception';

const PROVIDER_TIMEOUT_MS = 10_000;

/**
 * Changes a live call at the phone provider (Twilio-compatible REST API). Without an account SID the
 * request is kept in the local outbox instead, so the product works without a provider; it is written in
 * the caller's transaction, so it exists exactly when the change it describes was committed.
 */
@Injectable()
export class VoiceProvider {
  private readonly log: Logger;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ context: VoiceProvider.name });
  }

  /** Throws PROVIDER_FAILED when the provider refuses or cannot be reached; the caller's transaction then rolls back. */
  async updateCall(m: EntityManager, call: { clientId: string; ticketId: string; callSid: string }, update: CallUpdate, action: string): Promise<'sent' | 'outbox'> {
    const { accountSid, authToken, apiUrl } = this.config.voice;
    if (!accountSid) {
      await writeLocalOutbox(m, { clientId: call.clientId, kind: 'call_update', recipient: call.callSid, subject: action, payload: callUpdateOutboxPayload(apiUrl, call.callSid, update) });
      return 'outbox';
    }
    if (!authToken) throw VoiceException.notConfigured();
    const request = callUpdateRequest({ apiUrl, accountSid, authToken }, call.callSid, update);
    const context = { clientId: call.clientId, ticketId: call.ticketId, callSid: call.callSid, action };
    let response: Response;
    try {
      response = await fetch(request.url, { method: request.method, headers: request.headers, body: request.body, signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS) });
    } catch (error) {
      this.log.warn({ ...context, reason: error instanceof Error ? error.message : String(error) }, 'phone provider unreachable');
      throw VoiceException.providerFailed('it could not be reached');
    }
    if (!response.ok) {
      const code = await providerErrorCode(response);
      this.log.warn({ ...context, status: response.status, providerCode: code }, 'phone provider refused a call update');
      throw VoiceException.providerFailed(`it answered ${response.status}${code ? `, code ${code}` : ''}`);
    }
    await response.body?.cancel();
    return 'sent';
  }
}

/** Twilio's numeric error code from an error body, if it has one (never the whole body: it may echo input). */
async function providerErrorCode(response: Response): Promise<number | null> {
  try {
    const body = (await response.json()) as { code?: unknown };
    return typeof body.code === 'number' ? body.code : null;
  } catch {
    return null;
  }
}
