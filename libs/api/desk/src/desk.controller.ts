import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, pageRequestOf, Roles, type Principal } from '@switchboard/api-platform';
import type { CannedResponseView, DispositionView, Page } from '@switchboard/shared-contracts';
import { CannedResponseDto, DispositionChangeDto, DispositionDto } from './desk.dto';
import { DeskService } from './desk.service';

/** Staff read a client's canned responses and disposition codes; admins edit them. */
@ApiTags('desk')
@ApiBearerAuth()
@Controller()
@Roles('agent', 'team_lead', 'admin')
export class DeskController {
  constructor(private readonly desk: DeskService) {}

  @Get('clients/:clientId/canned-responses')
  listCanned(@CurrentPrincipal() principal: Principal, @Param('clientId') clientId: string, @Query('limit') limit?: unknown, @Query('after') after?: unknown): Promise<Page<CannedResponseView>> {
    return this.desk.listCanned(principal, clientId, pageRequestOf(limit, after, ['string']));
  }

  @Post('clients/:clientId/canned-responses')
  @Roles('admin')
  createCanned(@CurrentPrincipal() principal: Principal, @Param('clientId') clientId: string, @Body() body: CannedResponseDto): Promise<CannedResponseView> {
    return this.desk.createCanned(principal, clientId, body);
  }

  @Put('canned-responses/:id')
  @Roles('admin')
  updateCanned(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: CannedResponseDto): Promise<CannedResponseView> {
    return this.desk.updateCanned(principal, id, body);
  }

  @Delete('canned-responses/:id')
  @Roles('admin')
  @HttpCode(204)
  deleteCanned(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    return this.desk.deleteCanned(principal, id);
  }

  @Get('clients/:clientId/dispositions')
  listDispositions(@CurrentPrincipal() principal: Principal, @Param('clientId') clientId: string, @Query('limit') limit?: unknown, @Query('after') after?: unknown): Promise<Page<DispositionView>> {
    return this.desk.listDispositions(principal, clientId, pageRequestOf(limit, after, ['number', 'string']));
  }

  @Post('clients/:clientId/dispositions')
  @Roles('admin')
  createDisposition(@CurrentPrincipal() principal: Principal, @Param('clientId') clientId: string, @Body() body: DispositionDto): Promise<DispositionView> {
    return this.desk.createDisposition(principal, clientId, body);
  }

  @Patch('dispositions/:id')
  @Roles('admin')
  updateDisposition(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: DispositionChangeDto): Promise<DispositionView> {
    return this.desk.updateDisposition(principal, id, body);
  }
}
