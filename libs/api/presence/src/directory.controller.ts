import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, pageRequestOf, Roles, searchOf, ValidationException, type Principal } from '@switchboard/api-platform';
import type { AgentDirectoryView, Page, SkillView, TeamView } from '@switchboard/shared-contracts';
import { AgentDirectoryService } from './agent-directory.service';

function flagOf(value: unknown, field: string): boolean {
  if (value === undefined) return false;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new ValidationException([{ field, message: 'must be true or false' }]);
}

/** The workforce directory: the skills catalogue and teams (leads read, admins write) and agents (admins). Every list is paged. */
@ApiTags('directory')
@ApiBearerAuth()
@Controller()
@Roles('admin')
export class DirectoryController {
  constructor(private readonly directory: AgentDirectoryService) {}

  /** A page of the skills catalogue by key; `q` searches key and name. */
  @Get('skills')
  @Roles('team_lead', 'admin')
  listSkills(@CurrentPrincipal() principal: Principal, @Query('limit') limit?: unknown, @Query('after') after?: unknown, @Query('q') q?: unknown): Promise<Page<SkillView>> {
    return this.directory.listSkills(principal, pageRequestOf(limit, after, ['string']), searchOf(q));
  }

  @Post('skills')
  createSkill(@CurrentPrincipal() principal: Principal, @Body() body: unknown): Promise<SkillView> {
    return this.directory.createSkill(principal, body);
  }

  /** Renames a skill (its key is fixed: queues ask for it by key). */
  @Patch('skills/:skillId')
  updateSkill(@CurrentPrincipal() principal: Principal, @Param('skillId') skillId: string, @Body() body: unknown): Promise<SkillView> {
    return this.directory.updateSkill(principal, skillId, body);
  }

  @Delete('skills/:skillId')
  @HttpCode(204)
  deleteSkill(@CurrentPrincipal() principal: Principal, @Param('skillId') skillId: string): Promise<void> {
    return this.directory.deleteSkill(principal, skillId);
  }

  @Get('teams')
  @Roles('team_lead', 'admin')
  listTeams(@CurrentPrincipal() principal: Principal, @Query('limit') limit?: unknown, @Query('after') after?: unknown): Promise<Page<TeamView>> {
    return this.directory.listTeams(principal, pageRequestOf(limit, after, ['string', 'string']));
  }

  @Post('teams')
  createTeam(@CurrentPrincipal() principal: Principal, @Body() body: unknown): Promise<TeamView> {
    return this.directory.createTeam(principal, body);
  }

  /** Renames a team or changes its time zone (members are moved on their agent record). */
  @Patch('teams/:teamId')
  updateTeam(@CurrentPrincipal() principal: Principal, @Param('teamId') teamId: string, @Body() body: unknown): Promise<TeamView> {
    return this.directory.updateTeam(principal, teamId, body);
  }

  /** A page of agents and leads by name: `q` (name, email), `clientId` (serving it), `teamId` (in it), `includeDisabled=true`. */
  @Get('agents')
  listAgents(
    @CurrentPrincipal() principal: Principal,
    @Query('limit') limit?: unknown,
    @Query('after') after?: unknown,
    @Query('q') q?: unknown,
    @Query('clientId') clientId?: unknown,
    @Query('includeDisabled') includeDisabled?: unknown,
    @Query('teamId') teamId?: unknown,
  ): Promise<Page<AgentDirectoryView>> {
    if (clientId !== undefined && typeof clientId !== 'string') throw new ValidationException([{ field: 'clientId', message: 'must be a UUID' }]);
    if (teamId !== undefined && typeof teamId !== 'string') throw new ValidationException([{ field: 'teamId', message: 'must be a UUID' }]);
    return this.directory.listAgents(principal, pageRequestOf(limit, after, ['string', 'string']), {
      q: searchOf(q),
      clientId: clientId ?? null,
      teamId: teamId ?? null,
      includeDisabled: flagOf(includeDisabled, 'includeDisabled'),
    });
  }

  @Post('agents')
  createAgent(@CurrentPrincipal() principal: Principal, @Body() body: unknown): Promise<AgentDirectoryView> {
    return this.directory.createAgent(principal, body);
  }

  @Get('agents/:userId')
  getAgent(@CurrentPrincipal() principal: Principal, @Param('userId') userId: string): Promise<AgentDirectoryView> {
    return this.directory.getAgent(principal, userId);
  }

  /** Only what is given changes; `disabled: true` ends the agent's sessions and sets them offline at once. */
  @Patch('agents/:userId')
  updateAgent(@CurrentPrincipal() principal: Principal, @Param('userId') userId: string, @Body() body: unknown): Promise<AgentDirectoryView> {
    return this.directory.updateAgent(principal, userId, body);
  }
}
