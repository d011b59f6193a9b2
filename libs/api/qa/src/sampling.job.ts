import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, ROOT_LOGGER, type AppConfig } from '@switchboard/api-platform';
import type { Logger } from 'pino';
import { SamplingDrawService } from './sampling-draw.service';

/**
 * The sampling schedule on every node: each tick makes the jobs of periods that ended (once per policy
 * and period, whoever ticks first) and runs due jobs this node manages to claim. Nothing lives in memory:
 * a restart, or a node that died holding a lease, loses no draw.
 */
@Injectable()
export class SamplingJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log: Logger;
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;
  private stopped = false;

  constructor(
    private readonly draws: SamplingDrawService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ context: SamplingJob.name });
  }

  onApplicationBootstrap(): void {
    if (!this.config.qaJobs.enabled) return;
    this.timer = setInterval(() => void this.tick(), this.config.qaJobs.tickMs);
    this.timer.unref();
    void this.tick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running?.catch(() => 0);
  }

  /** One tick: enqueue due periods, run what this node claims. Resolves with how many draws this node ran; a tick during a tick joins it. */
  tick(now = new Date()): Promise<number> {
    if (this.stopped) return Promise.resolve(0);
    this.running ??= (async () => {
      try {
        const queued = await this.draws.enqueueDue(now);
        const ran = await this.draws.runDue();
        this.log.debug({ queued, ran }, 'sampling tick');
        return ran;
      } catch (error) {
        this.log.error({ err: error }, 'sampling tick failed');
        return 0;
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }
}
