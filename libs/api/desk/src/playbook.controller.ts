import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@switchboard/api-platform';
import type { PlaybookView } from '@switchboard/shared-contracts';
import { PlaybookDto } from './desk.dto';
import { PlaybookService } from './playbook.service';

/** Staff read the playbook of a client they serve (empty until an admin writes one); admins replace it. */
@ApiTags('desk')
@ApiBearerAuth()
@Controller()
@Roles('agent', 'team_lead', 'admin')
export class PlaybookController {
  constructor(private readonly playbooks: PlaybookService) {}

  @Get('clients/:clientId/playbook')
  get(@CurrentPrincipal() principal: Principal, @Param('clientId') clientId: string): Promise<PlaybookView> {
    return this.playbooks.get(principal, clientId);
  }

  @Put('clients/:clientId/playbook')
  @Roles('admin')
  replace(@CurrentPrincipal() principal: Principal, @Param('clientId') clientId: string, @Body() body: PlaybookDto): Promise<PlaybookView> {
    return this.playbooks.replace(principal, clientId, body);
  }
}
