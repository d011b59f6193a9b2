import { DomainException } from '@switchboard/api-platform';
import { ErrorCode } from '@switchboard/shared-contracts';
import type { CallPlan } from '@switchboard/shared-domain';

export class VoiceException extends DomainException {
  static notConfigured() {
    return new VoiceException(ErrorCode.ServiceUnavailable, 'Voice is not configured (TWILIO_AUTH_TOKEN).');
  }

  static signatureInvalid() {
    return new VoiceException(ErrorCode.WebhookSignatureInvalid, 'The webhook signature is missing or wrong.');
  }

  static notACall() {
    return new VoiceException(ErrorCode.TicketStateConflict, 'This ticket is not a phone call.');
  }

  static refused(plan: Extract<CallPlan, { kind: 'refuse' }>) {
    return new VoiceException(plan.reason === 'not_yours' ? ErrorCode.TicketNotYours : ErrorCode.TicketStateConflict, plan.message);
  }

  static takenMeanwhile() {
    return new VoiceException(ErrorCode.TicketNotYours, 'Someone else took this call in the meantime.');
  }

  static providerFailed(detail: string) {
    return new VoiceException(ErrorCode.ProviderFailed, `The phone provider did not carry out the request (${detail}); nothing was changed. Try again.`);
  }
}
