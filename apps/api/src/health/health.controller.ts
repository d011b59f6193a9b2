import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { TenantDatabase } from '@switchboard/api-database';
import { DomainException, Public } from '@switchboard/api-platform';
import { ErrorCode } from '@switchboard/shared-contracts';

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(private readonly database: TenantDatabase) {}

  /** Up when the database answers; 503 with a retry hint otherwise. */
  @Public()
  @Get()
  async health(): Promise<{ status: 'ok'; database: 'up' }> {
    if (!(await this.database.isReachable())) {
      throw new DomainException(ErrorCode.ServiceUnavailable, 'The database is not reachable; retry shortly.', undefined, 5);
    }
    return { status: 'ok', database: 'up' };
  }
}
