import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { TenantDatabase } from '@switchboard/api-database';
import { ROOT_LOGGER, SYSTEM_SCOPE } from '@switchboard/api-platform';
import { PENDING_ATTACHMENT_TTL_HOURS } from '@switchboard/shared-contracts';
import type { Logger } from 'pino';
import { sweepPendingAttachments } from './attachment-queries';

const SWEEP_EVERY_MS = 15 * 60_000;

/** Deletes uploads never sent with a message, a day after they were uploaded. Every node sweeps; deleting twice is harmless. */
@Injectable()
export class AttachmentSweepJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log: Logger;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly tenants: TenantDatabase,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ context: AttachmentSweepJob.name });
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep().catch((error) => this.log.error({ err: error }, 'attachment sweep failed')), SWEEP_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Returns how many pending uploads were deleted. */
  async sweep(): Promise<number> {
    const deleted = await this.tenants.run(SYSTEM_SCOPE, (m) => sweepPendingAttachments(m, PENDING_ATTACHMENT_TTL_HOURS));
    if (deleted) this.log.info({ deleted }, 'unsent attachments deleted');
    return deleted;
  }
}
