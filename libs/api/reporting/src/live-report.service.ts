import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { EventEmitter2, OnEvent } from '@nestjs/event-emitter';
import { TenantDatabase } from '@switchboard/api-database';
import { ROOT_LOGGER, systemScopeFor, type Principal, type TenantScope } from '@switchboard/api-platform';
import { TenancyService } from '@switchboard/api-tenancy';
import type { LiveReport } from '@switchboard/shared-contracts';
import { localDate, localDayWindow, reportSettingsFor, serviceLevelOf } from '@switchboard/shared-domain';
import type { Logger } from 'pino';
import { FactsProjectedEvent, LiveReportEvent } from './facts-projected.event';
import { assertReadable, loadFacts, readClient } from './report.service';
import { readContract } from './sla-contract.queries';
import { TicketFactProjector } from './ticket-fact.projector';

/** A client's live report is pushed at most this often. */
export const LIVE_THROTTLE_MS = 1_000;

/**
 * Live tiles: today's service level (the client's local day so far, by its contract's rule), who waits
 * now and for how long, and the agents staffed for the client. Read on request, and pushed (as a
 * domain event the realtime module sends to the client's portal room) when the client's facts change,
 * at most once a second per client, and only when the numbers differ from the last push.
 */
@Injectable()
export class LiveReportService implements OnApplicationShutdown {
  private readonly log: Logger;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly lastPushAt = new Map<string, number>();
  private readonly lastPushed = new Map<string, string>();

  constructor(
    private readonly tenants: TenantDatabase,
    private readonly tenancy: TenancyService,
    private readonly projector: TicketFactProjector,
    private readonly events: EventEmitter2,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ context: LiveReportService.name });
  }

  onApplicationShutdown(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  async live(principal: Principal, clientId: string): Promise<LiveReport> {
    assertReadable(principal, clientId);
    await this.projector.catchUp(clientId);
    return await this.read(principal, clientId);
  }

  @OnEvent(FactsProjectedEvent.eventName)
  onFactsProjected(event: FactsProjectedEvent): void {
    for (const clientId of event.clientIds) this.schedule(clientId);
  }

  private schedule(clientId: string): void {
    if (this.timers.has(clientId)) return;
    const wait = Math.max(0, (this.lastPushAt.get(clientId) ?? 0) + LIVE_THROTTLE_MS - Date.now());
    const timer = setTimeout(() => void this.push(clientId), wait);
    timer.unref();
    this.timers.set(clientId, timer);
  }

  private async push(clientId: string): Promise<void> {
    try {
      const report = await this.read(systemScopeFor(clientId), clientId);
      const { at: _at, ...numbers } = report;
      const fingerprint = JSON.stringify(numbers);
      this.lastPushAt.set(clientId, Date.now());
      if (this.lastPushed.get(clientId) === fingerprint) return;
      this.lastPushed.set(clientId, fingerprint);
      this.events.emit(LiveReportEvent.eventName, new LiveReportEvent(report));
    } catch (error) {
      this.log.warn({ err: error, clientId }, 'could not push the live report');
    } finally {
      this.timers.delete(clientId);
    }
  }

  private async read(scope: TenantScope, clientId: string): Promise<LiveReport> {
    const staffing = await this.tenancy.staffing(scope, clientId);
    return await this.tenants.run(scope, async (m) => {
      const client = await readClient(m, clientId);
      const now = new Date();
      const today = localDate(now, client.timeZone);
      const settings = reportSettingsFor(await readContract(m, clientId), today.slice(0, 7));
      const window = localDayWindow(today, client.timeZone);
      const { facts } = await loadFacts(m, clientId, window, {}, 0);
      const [waiting] = await m.query<{ waiting: number; longest: number | null }[]>(
        `SELECT count(*)::int AS waiting, extract(epoch FROM now() - min(queued_at))::float AS longest FROM tickets WHERE client_id = $1 AND status = 'queued'`,
        [clientId],
      );
      return {
        clientId,
        at: now.toISOString(),
        serviceLevelToday: serviceLevelOf(facts, settings.serviceLevel, window),
        waitingNow: waiting.waiting,
        longestWaitSeconds: waiting.longest === null ? null : Math.max(0, Math.round(waiting.longest)),
        agentsStaffed: staffing.signedIn,
        agentsAvailable: staffing.available,
      };
    });
  }
}
