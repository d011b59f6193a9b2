import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, pageRequestOf, Roles, searchOf, ValidationException, type Principal } from '@switchboard/api-platform';
import { ACCOUNT_ROLES, type AccountRole, type Page, type StaffAccountView } from '@switchboard/shared-contracts';
import { StaffAccountService } from './staff-account.service';

/** Team lead and admin accounts (admins only): list, create, rename, deactivate. Agents are on `/api/agents`. */
@ApiTags('directory')
@ApiBearerAuth()
@Controller('accounts')
@Roles('admin')
export class StaffAccountController {
  constructor(private readonly accounts: StaffAccountService) {}

  /** A page by name: `q` (name, email), `role=team_lead|admin`, `includeDisabled=true`. */
  @Get()
  list(
    @CurrentPrincipal() principal: Principal,
    @Query('limit') limit?: unknown,
    @Query('after') after?: unknown,
    @Query('q') q?: unknown,
    @Query('role') role?: unknown,
    @Query('includeDisabled') includeDisabled?: unknown,
  ): Promise<Page<StaffAccountView>> {
    if (role !== undefined && !(ACCOUNT_ROLES as readonly unknown[]).includes(role)) throw new ValidationException([{ field: 'role', message: `must be one of ${ACCOUNT_ROLES.join(', ')}` }]);
    if (includeDisabled !== undefined && includeDisabled !== 'true' && includeDisabled !== 'false') throw new ValidationException([{ field: 'includeDisabled', message: 'must be true or false' }]);
    return this.accounts.list(principal, pageRequestOf(limit, after, ['string', 'string']), { q: searchOf(q), role: (role as AccountRole | undefined) ?? null, includeDisabled: includeDisabled === 'true' });
  }

  @Post()
  create(@CurrentPrincipal() principal: Principal, @Body() body: unknown): Promise<StaffAccountView> {
    return this.accounts.create(principal, body);
  }

  /** `{ displayName?, disabled? }`: `disabled: true` ends the account's sessions at once. */
  @Patch(':userId')
  update(@CurrentPrincipal() principal: Principal, @Param('userId') userId: string, @Body() body: unknown): Promise<StaffAccountView> {
    return this.accounts.update(principal, userId, body);
  }
}
