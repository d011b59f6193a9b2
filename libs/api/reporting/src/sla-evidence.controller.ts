import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@switchboard/api-platform';
import type { ForecastInterval, OutageView } from '@switchboard/shared-contracts';
import { SlaEvidenceService } from './sla-evidence.service';

/**
 * `/api/reports/clients/:clientId/outages` and `…/forecasts`: the evidence contract exclusions read.
 * Readers of the client's reports read them (another client → 404); provider admins write them.
 */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports/clients/:clientId')
@Roles('client_viewer', 'client_admin', 'team_lead', 'admin')
export class SlaEvidenceController {
  constructor(private readonly evidence: SlaEvidenceService) {}

  /** Outages overlapping the local dates `from`..`to`. */
  @Get('outages')
  outages(@CurrentPrincipal() principal: Principal, @Param('clientId') clientId: string, @Query() query: Record<string, unknown>): Promise<OutageView[]> {
    return this.evidence.outages(principal, clientId, query);
  }

  @Post('outages')
  @Roles('admin')
  @HttpCode(201)
  declare(@CurrentPrincipal() principal: Principal, @Param('clientId') clientId: string, @Body() body: unknown): Promise<OutageView> {
    return this.evidence.declareOutage(principal, clientId, body);
  }

  @Delete('outages/:outageId')
  @Roles('admin')
  @HttpCode(204)
  remove(@CurrentPrincipal() principal: Principal, @Param('clientId') clientId: string, @Param('outageId') outageId: string): Promise<void> {
    return this.evidence.removeOutage(principal, clientId, outageId);
  }

  /** Forecast intervals starting on the local dates `from`..`to` (at most 31 days). */
  @Get('forecasts')
  forecasts(@CurrentPrincipal() principal: Principal, @Param('clientId') clientId: string, @Query() query: Record<string, unknown>): Promise<ForecastInterval[]> {
    return this.evidence.forecasts(principal, clientId, query);
  }

  @Put('forecasts')
  @Roles('admin')
  load(@CurrentPrincipal() principal: Principal, @Param('clientId') clientId: string, @Body() body: unknown): Promise<{ stored: number }> {
    return this.evidence.putForecasts(principal, clientId, body);
  }
}
