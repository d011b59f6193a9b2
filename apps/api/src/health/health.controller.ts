import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { TenantDatabase } from '@switchboard/api-database';
import { DomainException, Public } from '@switchboard/api-platform';
import { FanOutConnection, NodeLifecycle, type FanOutState } from '@switchboard/api-realtime';
import { ErrorCode } from '@switchboard/shared-contracts';

/** What a load balancer or orchestrator asks a node. */
@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly database: TenantDatabase,
    private readonly lifecycle: NodeLifecycle,
    private readonly fanOut: FanOutConnection,
  ) {}

  /** Up when the database answers; 503 with a retry hint otherwise. */
  @Public()
  @Get()
  async health(): Promise<{ status: 'ok'; database: 'up' }> {
    if (!(await this.database.isReachable())) {
      throw new DomainException(ErrorCode.ServiceUnavailable, 'The database is not reachable; retry shortly.', undefined, 5);
    }
    return { status: 'ok', database: 'up' };
  }

  /** Liveness: the process answers (restart it when this fails). Checks nothing else on purpose: a database outage must not make an orchestrator kill every node. */
  @Public()
  @Get('live')
  live(): { status: 'live' } {
    return { status: 'live' };
  }

  /**
   * Readiness: send this node traffic. 503 (with Retry-After) while it drains for shutdown or while its
   * database is unreachable. Redis down does NOT make a node unready (every node would be, at once):
   * the node serves its own sockets and says `redis: "down"`.
   */
  @Public()
  @Get('ready')
  async ready(): Promise<{ status: 'ready'; database: 'up'; redis: FanOutState; sockets: Record<string, number> }> {
    const problems: string[] = [];
    if (this.lifecycle.isDraining) problems.push('the node is shutting down');
    if (!(await this.database.isReachable())) problems.push('the database is not reachable');
    if (problems.length) throw new DomainException(ErrorCode.ServiceUnavailable, `Not ready: ${problems.join(', ')}.`, undefined, 5);
    return { status: 'ready', database: 'up', redis: this.fanOut.state, sockets: this.lifecycle.localSockets() };
  }
}
