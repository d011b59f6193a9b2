import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, pageRequestOf, Roles, ValidationException, type Principal } from '@switchboard/api-platform';
import { EVALUATION_STATUSES, type DisputeView, type EvaluationStatus, type EvaluationSummary, type EvaluationView, type Page, type ReviewCandidate } from '@switchboard/shared-contracts';
import { DisputeService } from './dispute.service';
import { EvaluationService } from './evaluation.service';
import { CreateEvaluationDto, RaiseDisputeDto, ResolveDisputeDto, SaveEvaluationDto } from './qa.dto';

/**
 * Evaluations: leads (of the ticket's client) and admins review; the evaluated agent reads, acknowledges
 * or disputes; another lead resolves disputes. Client users have no QA route yet (the portal comes later).
 */
@ApiTags('qa')
@ApiBearerAuth()
@Controller()
@Roles('agent', 'team_lead', 'admin')
export class EvaluationController {
  constructor(
    private readonly evaluations: EvaluationService,
    private readonly disputes: DisputeService,
  ) {}

  @Post('tickets/:ticketId/evaluations')
  @Roles('team_lead', 'admin')
  create(@CurrentPrincipal() principal: Principal, @Param('ticketId') ticketId: string, @Body() body: CreateEvaluationDto): Promise<EvaluationView> {
    return this.evaluations.create(principal, ticketId, body);
  }

  /** Tickets a lead may pick to review by hand (resolved or closed, not yet evaluated), newest first. */
  @Get('qa/review-candidates')
  @Roles('team_lead', 'admin')
  candidates(@CurrentPrincipal() principal: Principal, @Query('clientId') clientId?: unknown, @Query('limit') limit?: unknown, @Query('after') after?: unknown): Promise<Page<ReviewCandidate>> {
    if (clientId !== undefined && typeof clientId !== 'string') throw new ValidationException([{ field: 'clientId', message: 'must be given once' }]);
    return this.evaluations.candidates(principal, clientId, pageRequestOf(limit, after, ['string'], 50));
  }

  /** Newest first, a page at a time; agents see their own submitted evaluations only; `reviewer=me`: the caller's reviews. */
  @Get('evaluations')
  list(
    @CurrentPrincipal() principal: Principal,
    @Query('agentId') agentId?: unknown,
    @Query('reviewer') reviewer?: unknown,
    @Query('clientId') clientId?: unknown,
    @Query('status') status?: unknown,
    @Query('limit') limit?: unknown,
    @Query('after') after?: unknown,
  ): Promise<Page<EvaluationSummary>> {
    const text = (value: unknown, field: string) => {
      if (value !== undefined && typeof value !== 'string') throw new ValidationException([{ field, message: 'must be given once' }]);
      return value as string | undefined;
    };
    const wanted = text(status, 'status');
    if (wanted !== undefined && !(EVALUATION_STATUSES as readonly string[]).includes(wanted)) throw new ValidationException([{ field: 'status', message: `must be one of ${EVALUATION_STATUSES.join(', ')}` }]);
    const reviewedBy = text(reviewer, 'reviewer');
    if (reviewedBy !== undefined && reviewedBy !== 'me') throw new ValidationException([{ field: 'reviewer', message: 'must be "me"' }]);
    return this.evaluations.list(
      principal,
      { agentId: text(agentId, 'agentId'), clientId: text(clientId, 'clientId'), status: wanted as EvaluationStatus | undefined, reviewerId: reviewedBy ? principal.userId : undefined },
      pageRequestOf(limit, after, ['string']),
    );
  }

  @Get('evaluations/:id')
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<EvaluationView> {
    return this.evaluations.get(principal, id);
  }

  /** Saves part of the reviewer's draft. */
  @Put('evaluations/:id')
  @Roles('team_lead', 'admin')
  save(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: SaveEvaluationDto): Promise<EvaluationView> {
    return this.evaluations.save(principal, id, body);
  }

  @Post('evaluations/:id/submit')
  @Roles('team_lead', 'admin')
  @HttpCode(200)
  submit(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<EvaluationView> {
    return this.evaluations.submit(principal, id);
  }

  @Post('evaluations/:id/acknowledge')
  @Roles('agent')
  @HttpCode(200)
  acknowledge(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<EvaluationView> {
    return this.disputes.acknowledge(principal, id);
  }

  @Post('evaluations/:id/disputes')
  @Roles('agent')
  raise(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: RaiseDisputeDto): Promise<DisputeView> {
    return this.disputes.raise(principal, id, body);
  }

  @Post('disputes/:id/resolve')
  @Roles('team_lead', 'admin')
  @HttpCode(200)
  resolve(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: ResolveDisputeDto): Promise<DisputeView> {
    return this.disputes.resolve(principal, id, body);
  }
}
