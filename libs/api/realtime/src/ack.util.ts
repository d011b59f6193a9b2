import { DomainException } from '@switchboard/api-platform';
import { ErrorCode, type Ack } from '@switchboard/shared-contracts';
import type { Logger } from 'pino';

/** Runs an acknowledged write: the client always gets `{ok: true, data}` or `{ok: false, error}`. */
export async function toAck<T>(log: Logger, work: () => Promise<T>): Promise<Ack<T>> {
  try {
    return { ok: true, data: await work() };
  } catch (error) {
    if (error instanceof DomainException) return { ok: false, error: error.toBody() };
    log.error({ err: error }, 'socket handler failed');
    return { ok: false, error: { code: ErrorCode.Internal, message: 'Something went wrong on our side.' } };
  }
}
