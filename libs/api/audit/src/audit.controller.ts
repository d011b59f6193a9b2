import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@switchboard/api-platform';
import type { AuditEntryView, Page } from '@switchboard/shared-contracts';
import { AuditSearchService } from './audit-search.service';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
@Roles('admin', 'client_admin')
export class AuditController {
  constructor(private readonly search: AuditSearchService) {}

  /** `?clientId&action&actorId&targetId&from&to&limit&after`: newest first; a client admin reads their client's entries only. */
  @Get()
  list(
    @CurrentPrincipal() principal: Principal,
    @Query('clientId') clientId?: unknown,
    @Query('action') action?: unknown,
    @Query('actorId') actorId?: unknown,
    @Query('targetId') targetId?: unknown,
    @Query('from') from?: unknown,
    @Query('to') to?: unknown,
    @Query('limit') limit?: unknown,
    @Query('after') after?: unknown,
  ): Promise<Page<AuditEntryView>> {
    return this.search.search(principal, { clientId, action, actorId, targetId, from, to, limit, after });
  }
}
