import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@switchboard/api-platform';
import type { AgentPresence, AgentProfileView, BoardAgent } from '@switchboard/shared-contracts';
import { PresenceService } from './presence.service';
import { SetPresenceDto } from './set-presence.dto';

@ApiTags('presence')
@ApiBearerAuth()
@Controller('presence')
export class PresenceController {
  constructor(private readonly presence: PresenceService) {}

  @Get('me')
  @Roles('agent', 'team_lead', 'admin')
  me(@CurrentPrincipal() principal: Principal): Promise<AgentProfileView> {
    return this.presence.getOwnProfile(principal);
  }

  @Put('me')
  @Roles('agent', 'team_lead', 'admin')
  set(@CurrentPrincipal() principal: Principal, @Body() body: SetPresenceDto): Promise<AgentPresence> {
    return this.presence.setOwnState(principal, body.state, body.reason);
  }

  @Get('board')
  @Roles('team_lead', 'admin')
  board(@CurrentPrincipal() principal: Principal): Promise<BoardAgent[]> {
    return this.presence.board(principal);
  }
}
