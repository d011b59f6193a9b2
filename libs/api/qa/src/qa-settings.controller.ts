import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@switchboard/api-platform';
import type { QaSettings } from '@switchboard/shared-contracts';
import { QaSettingsService } from './qa-settings.service';

/** A client's dispute rules: leads of the client read them, admins change them. */
@ApiTags('qa')
@ApiBearerAuth()
@Controller()
export class QaSettingsController {
  constructor(private readonly settings: QaSettingsService) {}

  @Get('clients/:clientId/qa-settings')
  @Roles('team_lead', 'admin')
  get(@CurrentPrincipal() principal: Principal, @Param('clientId') clientId: string): Promise<QaSettings> {
    return this.settings.get(principal, clientId);
  }

  /** `{disputeWindowDays: 1–90, maxDisputesPerEvaluation: 0–50}`, both; audited with the values before. */
  @Put('clients/:clientId/qa-settings')
  @Roles('admin')
  save(@CurrentPrincipal() principal: Principal, @Param('clientId') clientId: string, @Body() body: unknown): Promise<QaSettings> {
    return this.settings.save(principal, clientId, body);
  }
}
