import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, pageRequestOf, Public, Roles, searchOf, ValidationException, type Principal } from '@switchboard/api-platform';
import type { ClientStaffing, ClientView, InboxAdminView, InboxView, Page, WidgetInboxView } from '@switchboard/shared-contracts';
import { Length, Matches } from 'class-validator';
import { ClientAdminService } from './client-admin.service';
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
  constructor(
    private readonly tenancy: TenancyService,
    private readonly admin: ClientAdminService,
  ) {}

  /** A page (`limit` 1–100, `after`) of the clients the caller may see, by name; `q` searches name and slug. */
  @Get()
  list(@CurrentPrincipal() principal: Principal, @Query('limit') limit?: unknown, @Query('after') after?: unknown, @Query('q') q?: unknown): Promise<Page<ClientView>> {
    return this.admin.listClients(principal, pageRequestOf(limit, after, ['string', 'string']), searchOf(q));
  }

  /** Admins: a new client (tenant). Body: ClientCreateRequest; checked field by field. */
  @Post()
  @Roles('admin')
  create(@CurrentPrincipal() principal: Principal, @Body() body: unknown): Promise<ClientView> {
    return this.admin.createClient(principal, body);
  }

  @Get(':clientId')
  get(@CurrentPrincipal() principal: Principal, @Param('clientId', clientIdPipe) clientId: string): Promise<ClientView> {
    return this.tenancy.getClient(principal, clientId);
  }

  /** Admins: name, colour, time zone, languages, channels, business hours and holidays, PII policy. */
  @Patch(':clientId')
  @Roles('admin')
  update(@CurrentPrincipal() principal: Principal, @Param('clientId') clientId: string, @Body() body: unknown): Promise<ClientView> {
    return this.admin.updateClient(principal, clientId, body);
  }

  /** A page of the client's inboxes by channel and name (admins also see widget keys, settings and allowed sites). */
  @Get(':clientId/inboxes')
  inboxes(@CurrentPrincipal() principal: Principal, @Param('clientId') clientId: string, @Query('limit') limit?: unknown, @Query('after') after?: unknown): Promise<Page<InboxView | InboxAdminView>> {
    return this.admin.listInboxes(principal, clientId, pageRequestOf(limit, after, ['string', 'string', 'string']));
  }

  @Post(':clientId/inboxes')
  @Roles('admin')
  createInbox(@CurrentPrincipal() principal: Principal, @Param('clientId') clientId: string, @Body() body: unknown): Promise<InboxAdminView> {
    return this.admin.createInbox(principal, clientId, body);
  }

  @Get(':clientId/staffing')
  staffing(@CurrentPrincipal() principal: Principal, @Param('clientId', clientIdPipe) clientId: string): Promise<ClientStaffing> {
    return this.tenancy.staffing(principal, clientId);
  }
}

@ApiTags('tenancy')
@ApiBearerAuth()
@Controller('inboxes')
@Roles('admin')
export class InboxesController {
  constructor(private readonly admin: ClientAdminService) {}

  /** Admins: name, address, widget settings, allowed sites; `rotateWidgetKey: true` replaces the widget key. */
  @Patch(':inboxId')
  update(@CurrentPrincipal() principal: Principal, @Param('inboxId') inboxId: string, @Body() body: unknown): Promise<InboxAdminView> {
    return this.admin.updateInbox(principal, inboxId, body);
  }

  /** Admins: only an inbox that never received a ticket. */
  @Delete(':inboxId')
  @HttpCode(204)
  remove(@CurrentPrincipal() principal: Principal, @Param('inboxId') inboxId: string): Promise<void> {
    return this.admin.deleteInbox(principal, inboxId);
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
