import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, ValidationException, type Principal } from '@switchboard/api-platform';
import type { MessageView, TicketDetail, TicketSummary } from '@switchboard/shared-contracts';
import { AssignTicketDto, ReplyDto, SetTicketStatusDto } from './ticket-work.dto';
import { TicketWorkService } from './ticket-work.service';
import { TicketsService } from './tickets.service';

@ApiTags('tickets')
@ApiBearerAuth()
@Controller('tickets')
@Roles('agent', 'team_lead', 'admin')
export class TicketsController {
  constructor(
    private readonly tickets: TicketsService,
    private readonly work: TicketWorkService,
  ) {}

  /** Open tickets of the caller's clients, oldest first; `?assignee=me`: only those assigned to the caller (the agent's inbox). */
  @Get()
  list(@CurrentPrincipal() principal: Principal, @Query('assignee') assignee?: unknown): Promise<TicketSummary[]> {
    if (assignee !== undefined && assignee !== 'me') throw new ValidationException([{ field: 'assignee', message: 'must be "me" when given' }]);
    return this.tickets.listOpen(principal, { mine: assignee === 'me' });
  }

  @Get(':ticketId')
  detail(@CurrentPrincipal() principal: Principal, @Param('ticketId') ticketId: string): Promise<TicketDetail> {
    return this.work.detail(principal, ticketId);
  }

  /** A reply to the customer or an internal note. Retrying with the same clientMsgId answers the same message. */
  @Post(':ticketId/messages')
  @HttpCode(201)
  reply(@CurrentPrincipal() principal: Principal, @Param('ticketId') ticketId: string, @Body() body: ReplyDto): Promise<MessageView> {
    return this.work.reply(principal, ticketId, body);
  }

  @Post(':ticketId/assign')
  @HttpCode(200)
  assign(@CurrentPrincipal() principal: Principal, @Param('ticketId') ticketId: string, @Body() body: AssignTicketDto): Promise<TicketSummary> {
    return this.work.assign(principal, ticketId, body.agentId ?? null);
  }

  @Post(':ticketId/status')
  @HttpCode(200)
  setStatus(@CurrentPrincipal() principal: Principal, @Param('ticketId') ticketId: string, @Body() body: SetTicketStatusDto): Promise<TicketSummary> {
    return this.work.setStatus(principal, ticketId, body.status, body.disposition);
  }
}
