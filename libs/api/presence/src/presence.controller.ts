import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, checkedUuid, pageRequestOf, type Principal } from '@switchboard/api-platform';
import type { AgentPresence, AgentProfileView, BoardAgent, Page, WhisperView } from '@switchboard/shared-contracts';
import { PresenceService } from './presence.service';
import { SetPresenceDto } from './set-presence.dto';
import { WhisperDto } from './whisper.dto';
import { WhisperService } from './whisper.service';

@ApiTags('presence')
@ApiBearerAuth()
@Controller('presence')
export class PresenceController {
  constructor(
    private readonly presence: PresenceService,
    private readonly whispers: WhisperService,
  ) {}

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

  /** A page (`limit` 1–100, `after`) of the lead's agents, by team and name. */
  @Get('board')
  @Roles('team_lead', 'admin')
  board(@CurrentPrincipal() principal: Principal, @Query('limit') limit?: unknown, @Query('after') after?: unknown): Promise<Page<BoardAgent>> {
    return this.presence.board(principal, pageRequestOf(limit, after, ['string', 'string', 'string']));
  }

  /** A lead sets the state of an agent of their teams (admins: any agent). */
  @Put('agents/:userId')
  @Roles('team_lead', 'admin')
  setAgent(@CurrentPrincipal() principal: Principal, @Param('userId') userId: string, @Body() body: SetPresenceDto): Promise<AgentPresence> {
    return this.presence.setAgentState(principal, checkedUuid(userId, 'userId'), body.state, body.reason);
  }

  /** A private note to an agent of the lead's teams, maybe about a ticket. */
  @Post('agents/:userId/whispers')
  @Roles('team_lead', 'admin')
  whisper(@CurrentPrincipal() principal: Principal, @Param('userId') userId: string, @Body() body: WhisperDto): Promise<WhisperView> {
    return this.whispers.send(principal, checkedUuid(userId, 'userId'), body);
  }

  @Get('whispers')
  @Roles('agent', 'team_lead', 'admin')
  myWhispers(@CurrentPrincipal() principal: Principal): Promise<WhisperView[]> {
    return this.whispers.mine(principal);
  }

  @Post('whispers/:whisperId/read')
  @Roles('agent', 'team_lead', 'admin')
  @HttpCode(200)
  markRead(@CurrentPrincipal() principal: Principal, @Param('whisperId') whisperId: string): Promise<WhisperView> {
    return this.whispers.markRead(principal, checkedUuid(whisperId, 'whisperId'));
  }
}
