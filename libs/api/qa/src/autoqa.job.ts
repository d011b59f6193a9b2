import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { APP_CONFIG, ROOT_LOGGER, type AppConfig } from '@switchboard/api-platform';
import { TicketUpdatedEvent } from '@switchboard/api-tickets';
import type { Logger } from 'pino';
import { AutoQaService } from './autoqa.service';

/**
 * AutoQA on every node: a ticket resolved here is checked at once (after its commit); a sweep every
 * QA_JOBS_TICK_MS catches resolutions made while a node was down or on another node. Checking twice is
 * harmless: the result is deterministic and stored once per resolution.
 */
@Injectable()
export class AutoQaJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log: Logger;
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;
  private again = false;
  private stopped = false;

  constructor(
    private readonly autoQa: AutoQaService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ context: AutoQaJob.name });
  }

  onApplicationBootstrap(): void {
    if (!this.config.qaJobs.enabled) return;
    this.timer = setInterval(() => void this.kick(), this.config.qaJobs.tickMs);
    this.timer.unref();
    void this.kick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running?.catch(() => 0);
  }

  @OnEvent(TicketUpdatedEvent.eventName)
  onTicketUpdated(event: TicketUpdatedEvent): void {
    if (this.config.qaJobs.enabled && (event.ticket.status === 'resolved' || event.ticket.status === 'closed')) void this.kick();
  }

  /** Checks what is due; a kick during a run makes one more run. Resolves with how many tickets the run checked. */
  kick(): Promise<number> {
    if (this.stopped) return Promise.resolve(0);
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      let checked = 0;
      try {
        do {
          this.again = false;
          checked += await this.autoQa.checkDue();
        } while (this.again && !this.stopped);
      } catch (error) {
        this.log.error({ err: error }, 'AutoQA sweep failed');
      } finally {
        this.running = undefined;
      }
      return checked;
    })();
    return this.running;
  }
}
