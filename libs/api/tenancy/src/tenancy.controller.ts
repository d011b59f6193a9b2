import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Public, ValidationException, type Principal } from '@switchboard/api-platform';
import type { ClientStaffing, ClientView, InboxView, WidgetInboxView } from '@switchboard/shared-contracts';
import { Length, Matches } from 'class-validator';
import { TenancyService } from './tenancy.service';

const clientIdPipe = new ParseUUIDPipe({ exceptionFactory: () => new ValidationException([{ field: 'clientId', message: 'must be a UUID' }]) });

class WidgetKeyParams {
  @Length(4, 100)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'may hold letters, digits, _ and - only' })
  inboxKey!: string;
}

@ApiTags('tenancy')
@ApiBearerAuth()
@Controller('clients')
export class ClientsController {
  constructor(private readonly tenancy: TenancyService) {}

  @Get()
  list(@CurrentPrincipal() principal: Principal): Promise<ClientView[]> {
    return this.tenancy.listClients(principal);
  }

  @Get(':clientId')
  get(@CurrentPrincipal() principal: Principal, @Param('clientId', clientIdPipe) clientId: string): Promise<ClientView> {
    return this.tenancy.getClient(principal, clientId);
  }

  @Get(':clientId/inboxes')
  inboxes(@CurrentPrincipal() principal: Principal, @Param('clientId', clientIdPipe) clientId: string): Promise<InboxView[]> {
    return this.tenancy.listInboxes(principal, clientId);
  }

  @Get(':clientId/staffing')
  staffing(@CurrentPrincipal() principal: Principal, @Param('clientId', clientIdPipe) clientId: string): Promise<ClientStaffing> {
    return this.tenancy.staffing(principal, clientId);
  }
}

@ApiTags('widget')
@Controller('widget')
export class WidgetController {
  constructor(private readonly tenancy: TenancyService) {}

  /** Public: the embeddable chat widget reads its inbox's branding and whether anyone is online. */
  @Public()
  @Get('inboxes/:inboxKey')
  async inbox(@Param() params: WidgetKeyParams): Promise<WidgetInboxView> {
    return (await this.tenancy.widgetInbox(params.inboxKey)).view;
  }
}
