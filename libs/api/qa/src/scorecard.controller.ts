import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, pageRequestOf, Roles, ValidationException, type Principal } from '@switchboard/api-platform';
import type { Page, ScorecardSummary, ScorecardView } from '@switchboard/shared-contracts';
import { ScorecardDto } from './qa.dto';
import { ScorecardService } from './scorecard.service';

/** Staff read a client's scorecards (any version); admins create them and save changes as new versions. */
@ApiTags('qa')
@ApiBearerAuth()
@Controller()
@Roles('agent', 'team_lead', 'admin')
export class ScorecardController {
  constructor(private readonly scorecards: ScorecardService) {}

  @Get('clients/:clientId/scorecards')
  list(@CurrentPrincipal() principal: Principal, @Param('clientId') clientId: string, @Query('limit') limit?: unknown, @Query('after') after?: unknown): Promise<Page<ScorecardSummary>> {
    return this.scorecards.list(principal, clientId, pageRequestOf(limit, after, ['number', 'string', 'string']));
  }

  @Post('clients/:clientId/scorecards')
  @Roles('admin')
  create(@CurrentPrincipal() principal: Principal, @Param('clientId') clientId: string, @Body() body: ScorecardDto): Promise<ScorecardView> {
    return this.scorecards.create(principal, clientId, body);
  }

  /** The latest version, or `?version=n`. */
  @Get('scorecards/:id')
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Query('version') version?: unknown): Promise<ScorecardView> {
    return this.scorecards.get(principal, id, version === undefined ? undefined : versionNumber(version));
  }

  /** Saves the whole definition as the next version. */
  @Put('scorecards/:id')
  @Roles('admin')
  update(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: ScorecardDto): Promise<ScorecardView> {
    return this.scorecards.update(principal, id, body);
  }

  /** Makes the scorecard the client's active one (new evaluations are scored on its latest version). */
  @Post('scorecards/:id/activate')
  @Roles('admin')
  @HttpCode(200)
  activate(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<ScorecardView> {
    return this.scorecards.activate(principal, id);
  }
}

function versionNumber(value: unknown): number {
  const n = typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(n) || n < 1) throw new ValidationException([{ field: 'version', message: 'must be a whole number from 1' }]);
  return n;
}
