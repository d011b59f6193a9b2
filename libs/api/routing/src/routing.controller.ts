import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, ForbiddenException, pageRequestOf, Roles, ValidationException, type Principal, checkedUuid } from '@switchboard/api-platform';
import type { AgentLoad, InboxRouting, OfferRecord, OfferView, Page, QueueStats, QueueView, TicketAssigned, TransferTargets } from '@switchboard/shared-contracts';
import { OfferService } from './offer.service';
import { QueueService } from './queue.service';
import { RejectOfferDto, TransferDto, transferRequestOf } from './routing.dto';
import { RoutingStatsService } from './routing-stats.service';


@ApiTags('routing')
@ApiBearerAuth()
@Controller()
@Roles('agent', 'team_lead', 'admin')
export class RoutingController {
  constructor(
    private readonly offers: OfferService,
    private readonly queues: QueueService,
    private readonly stats: RoutingStatsService,
  ) {}

  /** My open offers (a console that reconnects fetches them; new ones arrive as `ticket.offered`). */
  @Get('offers')
  mine(@CurrentPrincipal() principal: Principal): Promise<OfferView[]> {
    return this.offers.mine(principal);
  }

  @Post('offers/:offerId/accept')
  @HttpCode(200)
  accept(@CurrentPrincipal() principal: Principal, @Param('offerId') offerId: string): Promise<TicketAssigned> {
    return this.offers.accept(principal, offerId);
  }

  @Post('offers/:offerId/reject')
  @HttpCode(200)
  reject(@CurrentPrincipal() principal: Principal, @Param('offerId') offerId: string, @Body() body: RejectOfferDto): Promise<{ offerId: string }> {
    return this.offers.reject(principal, offerId, body.reason?.trim() || null);
  }

  @Post('tickets/:ticketId/transfer')
  @HttpCode(200)
  transfer(@CurrentPrincipal() principal: Principal, @Param('ticketId') ticketId: string, @Body() body: TransferDto): Promise<{ ticketId: string }> {
    return this.offers.transfer(principal, checkedUuid(ticketId, 'ticketId'), transferRequestOf(body));
  }

  @Get('tickets/:ticketId/transfer-targets')
  transferTargets(@CurrentPrincipal() principal: Principal, @Param('ticketId') ticketId: string): Promise<TransferTargets> {
    return this.offers.transferTargets(principal, checkedUuid(ticketId, 'ticketId'));
  }

  @Delete('tickets/:ticketId/transfer')
  cancelTransfer(@CurrentPrincipal() principal: Principal, @Param('ticketId') ticketId: string): Promise<{ ticketId: string }> {
    return this.offers.cancelTransfer(principal, checkedUuid(ticketId, 'ticketId'));
  }

  /** Why this agent: every offer of the ticket with its trace (leads and admins). */
  @Get('tickets/:ticketId/routing')
  @Roles('team_lead', 'admin')
  history(@CurrentPrincipal() principal: Principal, @Param('ticketId') ticketId: string): Promise<OfferRecord[]> {
    return this.offers.history(principal, ticketId);
  }

  /** A page (`limit` 1–100, `after`) of queues by name, of one client (`clientId`) or of all the caller's. */
  @Get('queues')
  listQueues(@CurrentPrincipal() principal: Principal, @Query('clientId') clientId?: unknown, @Query('limit') limit?: unknown, @Query('after') after?: unknown): Promise<Page<QueueView>> {
    if (clientId !== undefined && typeof clientId !== 'string') throw new ValidationException([{ field: 'clientId', message: 'must be a UUID' }]);
    return this.queues.list(principal, clientId ?? null, pageRequestOf(limit, after, ['string', 'string']));
  }

  /** A page (`limit` 1–100, `after`) of live queue numbers of the caller's clients, by client and queue name. */
  @Get('queues/stats')
  @Roles('team_lead', 'admin')
  queueStats(@CurrentPrincipal() principal: Principal, @Query('limit') limit?: unknown, @Query('after') after?: unknown): Promise<Page<QueueStats>> {
    return this.stats.queueStats(principal, principal.clientIds, pageRequestOf(limit, after, ['string', 'string', 'string']));
  }

  @Post('clients/:clientId/queues')
  @Roles('admin')
  createQueue(@CurrentPrincipal() principal: Principal, @Param('clientId') clientId: string, @Body() body: unknown): Promise<QueueView> {
    return this.queues.create(principal, clientId, body);
  }

  @Patch('queues/:queueId')
  @Roles('admin')
  updateQueue(@CurrentPrincipal() principal: Principal, @Param('queueId') queueId: string, @Body() body: unknown): Promise<QueueView> {
    return this.queues.update(principal, queueId, body);
  }

  @Get('inboxes/:inboxId/routing')
  @Roles('admin')
  inboxRouting(@CurrentPrincipal() principal: Principal, @Param('inboxId') inboxId: string): Promise<InboxRouting> {
    return this.queues.inboxRouting(principal, inboxId);
  }

  @Put('inboxes/:inboxId/routing')
  @Roles('admin')
  setInboxRouting(@CurrentPrincipal() principal: Principal, @Param('inboxId') inboxId: string, @Body() body: unknown): Promise<InboxRouting> {
    return this.queues.setInboxRouting(principal, inboxId, body);
  }

  /** What each agent holds now: the board's load column (leads: the agents of their teams; admins: anyone). */
  @Get('routing/agent-loads')
  @Roles('team_lead', 'admin')
  agentLoads(@CurrentPrincipal() principal: Principal, @Query('agentId') agentIds?: string | string[]): Promise<AgentLoad[]> {
    const ids = (Array.isArray(agentIds) ? agentIds : agentIds ? [agentIds] : []).map((id) => checkedUuid(id, 'agentId'));
    if (ids.length === 0 || ids.length > 500) throw new ValidationException([{ field: 'agentId', message: 'give 1–500 agent ids' }]);
    if (principal.role !== 'admin' && principal.role !== 'team_lead') throw new ForbiddenException();
    return this.stats.agentLoads(principal, ids);
  }
}

