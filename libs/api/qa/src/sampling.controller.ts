import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, pageRequestOf, Roles, type Principal } from '@switchboard/api-platform';
import type { Page, SamplingDrawView, SamplingPolicyView } from '@switchboard/shared-contracts';
import { RunSamplingDrawDto, SamplingPolicyDto } from './qa.dto';
import { SamplingPolicyService } from './sampling-policy.service';

/** Sampling policies and their draws: leads and admins of the client read and draw on demand; admins write policies. */
@ApiTags('qa')
@ApiBearerAuth()
@Controller()
@Roles('team_lead', 'admin')
export class SamplingController {
  constructor(private readonly policies: SamplingPolicyService) {}

  @Get('clients/:clientId/sampling-policies')
  list(@CurrentPrincipal() principal: Principal, @Param('clientId') clientId: string, @Query('limit') limit?: unknown, @Query('after') after?: unknown): Promise<Page<SamplingPolicyView>> {
    return this.policies.list(principal, clientId, pageRequestOf(limit, after, ['string', 'string']));
  }

  @Post('clients/:clientId/sampling-policies')
  @Roles('admin')
  create(@CurrentPrincipal() principal: Principal, @Param('clientId') clientId: string, @Body() body: SamplingPolicyDto): Promise<SamplingPolicyView> {
    return this.policies.create(principal, clientId, body);
  }

  @Get('sampling-policies/:id')
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<SamplingPolicyView> {
    return this.policies.get(principal, id);
  }

  @Put('sampling-policies/:id')
  @Roles('admin')
  update(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: SamplingPolicyDto): Promise<SamplingPolicyView> {
    return this.policies.update(principal, id, body);
  }

  @Get('sampling-policies/:id/draws')
  draws(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Query('limit') limit?: unknown, @Query('after') after?: unknown): Promise<Page<SamplingDrawView>> {
    return this.policies.listDraws(principal, id, pageRequestOf(limit, after, ['string']));
  }

  /** Draws now (201 with the draw): the period containing `date`, or the last one that ended. */
  @Post('sampling-policies/:id/draws')
  draw(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: RunSamplingDrawDto): Promise<SamplingDrawView> {
    return this.policies.drawNow(principal, id, body);
  }
}
