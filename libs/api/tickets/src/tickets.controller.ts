import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@switchboard/api-platform';
import type { TicketSummary } from '@switchboard/shared-contracts';
import { TicketsService } from './tickets.service';

@ApiTags('tickets')
@ApiBearerAuth()
@Controller('tickets')
export class TicketsController {
  constructor(private readonly tickets: TicketsService) {}

  @Get()
  @Roles('agent', 'team_lead', 'admin')
  list(@CurrentPrincipal() principal: Principal): Promise<TicketSummary[]> {
    return this.tickets.listOpen(principal);
  }
}
