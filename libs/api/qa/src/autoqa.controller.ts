import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, pageRequestOf, Roles, ValidationException, type Principal } from '@switchboard/api-platform';
import type { AutoQaResultView, AutoQaSettings, Page } from '@switchboard/shared-contracts';
import { AutoQaService } from './autoqa.service';
import { AutoQaSettingsDto } from './qa.dto';

/** AutoQA results (staff: an agent their own tickets') and each client's AutoQA settings (admins write). */
@ApiTags('qa')
@ApiBearerAuth()
@Controller()
@Roles('agent', 'team_lead', 'admin')
export class AutoQaController {
  constructor(private readonly autoQa: AutoQaService) {}

  @Get('tickets/:ticketId/autoqa')
  forTicket(@CurrentPrincipal() principal: Principal, @Param('ticketId') ticketId: string): Promise<AutoQaResultView> {
    return this.autoQa.forTicket(principal, ticketId);
  }

  @Get('clients/:clientId/autoqa')
  @Roles('team_lead', 'admin')
  list(
    @CurrentPrincipal() principal: Principal,
    @Param('clientId') clientId: string,
    @Query('flag') flag?: unknown,
    @Query('agentId') agentId?: unknown,
    @Query('limit') limit?: unknown,
    @Query('after') after?: unknown,
  ): Promise<Page<AutoQaResultView>> {
    const text = (value: unknown, field: string) => {
      if (value !== undefined && typeof value !== 'string') throw new ValidationException([{ field, message: 'must be given once' }]);
      return value as string | undefined;
    };
    return this.autoQa.list(principal, clientId, { flag: text(flag, 'flag'), agentId: text(agentId, 'agentId') }, pageRequestOf(limit, after, ['string', 'string']));
  }

  @Get('clients/:clientId/autoqa-settings')
  @Roles('team_lead', 'admin')
  settings(@CurrentPrincipal() principal: Principal, @Param('clientId') clientId: string): Promise<AutoQaSettings> {
    return this.autoQa.settings(principal, clientId);
  }

  @Put('clients/:clientId/autoqa-settings')
  @Roles('admin')
  save(@CurrentPrincipal() principal: Principal, @Param('clientId') clientId: string, @Body() body: AutoQaSettingsDto): Promise<AutoQaSettings> {
    return this.autoQa.saveSettings(principal, clientId, body);
  }
}
