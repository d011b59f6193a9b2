import { Body, Controller, Get, Header, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequestMeta, Roles, ValidationException, checkedUuid, pageRequestOf, type Principal } from '@switchboard/api-platform';
import { TIMELINE_PAGE_SIZE, type Colleague, type MessageView, type Page, type RevealContactResponse, type TicketDetail, type TicketSummary, type TimelinePage } from '@switchboard/shared-contracts';
import { AssignTicketDto, ReplyDto, RevealContactDto, SetTicketStatusDto } from './ticket-work.dto';
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

  /** Open tickets of the caller's clients, oldest first, a page at a time (`limit` 1–100, `after`); `?assignee=me`: only those assigned to the caller (the agent's inbox). */
  @Get()
  list(@CurrentPrincipal() principal: Principal, @Query('assignee') assignee?: unknown, @Query('limit') limit?: unknown, @Query('after') after?: unknown): Promise<Page<TicketSummary>> {
    if (assignee !== undefined && assignee !== 'me') throw new ValidationException([{ field: 'assignee', message: 'must be "me" when given' }]);
    return this.tickets.listOpen(principal, pageRequestOf(limit, after, ['string']), { mine: assignee === 'me' });
  }

  /** Colleagues a note on this ticket can mention: `q` matches the start of any word of their name. */
  @Get(':ticketId/colleagues')
  colleagues(@CurrentPrincipal() principal: Principal, @Param('ticketId') ticketId: string, @Query('q') q?: unknown): Promise<Colleague[]> {
    if (q !== undefined && (typeof q !== 'string' || q.length > 50)) throw new ValidationException([{ field: 'q', message: 'must be text of at most 50 characters' }]);
    return this.tickets.colleagues(principal, checkedUuid(ticketId, 'ticketId'), (q ?? '').trim());
  }

  @Get(':ticketId')
  detail(@CurrentPrincipal() principal: Principal, @Param('ticketId') ticketId: string): Promise<TicketDetail> {
    return this.work.detail(principal, ticketId);
  }

  /** Older timeline lines: `before` (the seq of the earliest line shown; absent: the latest), `limit` 1–100 (default 100). */
  @Get(':ticketId/messages')
  earlier(@CurrentPrincipal() principal: Principal, @Param('ticketId') ticketId: string, @Query('before') before?: unknown, @Query('limit') limit?: unknown): Promise<TimelinePage> {
    const beforeSeq = before === undefined ? null : wholeNumber(before, 'before', 1, 2_147_483_647);
    const size = limit === undefined ? TIMELINE_PAGE_SIZE : wholeNumber(limit, 'limit', 1, TIMELINE_PAGE_SIZE);
    return this.work.earlierMessages(principal, ticketId, beforeSeq, size);
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

  /** Just-in-time PII: one masked contact field in full, with a reason the client reads in its audit log. */
  @Post(':ticketId/reveal')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  reveal(
    @CurrentPrincipal() principal: Principal,
    @Param('ticketId') ticketId: string,
    @Body() body: RevealContactDto,
    @RequestMeta() meta: { requestId: string | null; address: string | null },
  ): Promise<RevealContactResponse> {
    return this.work.revealContact(principal, ticketId, body.field, body.reason, meta);
  }
}

function wholeNumber(value: unknown, field: string, min: number, max: number): number {
  const n = typeof value === 'string' && /^\d{1,10}$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(n) || n < min || n > max) throw new ValidationException([{ field, message: `must be a whole number from ${min} to ${max}` }]);
  return n;
}
