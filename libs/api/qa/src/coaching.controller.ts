import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, pageRequestOf, Roles, ValidationException, type Principal } from '@switchboard/api-platform';
import type { CoachingNoteView, Page } from '@switchboard/shared-contracts';
import { CoachingService } from './coaching.service';
import { CreateCoachingNoteDto } from './qa.dto';

/** Coaching notes: leads and admins of the client write them; the agent coached reads and acknowledges. */
@ApiTags('qa')
@ApiBearerAuth()
@Controller('coaching-notes')
@Roles('agent', 'team_lead', 'admin')
export class CoachingController {
  constructor(private readonly coaching: CoachingService) {}

  @Post()
  @Roles('team_lead', 'admin')
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateCoachingNoteDto): Promise<CoachingNoteView> {
    return this.coaching.create(principal, body);
  }

  @Get()
  list(
    @CurrentPrincipal() principal: Principal,
    @Query('agentId') agentId?: unknown,
    @Query('clientId') clientId?: unknown,
    @Query('status') status?: unknown,
    @Query('limit') limit?: unknown,
    @Query('after') after?: unknown,
  ): Promise<Page<CoachingNoteView>> {
    const text = (value: unknown, field: string) => {
      if (value !== undefined && typeof value !== 'string') throw new ValidationException([{ field, message: 'must be given once' }]);
      return value as string | undefined;
    };
    const wanted = text(status, 'status');
    if (wanted !== undefined && wanted !== 'open' && wanted !== 'acknowledged') throw new ValidationException([{ field: 'status', message: 'must be open or acknowledged' }]);
    return this.coaching.list(principal, { agentId: text(agentId, 'agentId'), clientId: text(clientId, 'clientId'), status: wanted as CoachingNoteView['status'] | undefined }, pageRequestOf(limit, after, ['string', 'string']));
  }

  @Get(':id')
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<CoachingNoteView> {
    return this.coaching.get(principal, id);
  }

  @Post(':id/acknowledge')
  @Roles('agent')
  @HttpCode(200)
  acknowledge(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<CoachingNoteView> {
    return this.coaching.acknowledge(principal, id);
  }
}
