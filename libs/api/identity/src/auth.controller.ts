import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { TenantDatabase } from '@switchboard/api-database';
import { CurrentPrincipal, Public, RequestMeta, type Principal } from '@switchboard/api-platform';
import type { ClientRef, LoginResponse, MeResponse, TeamRef } from '@switchboard/shared-contracts';
import { AuthService, userView, type CallerMeta } from './auth.service';
import { ChangePasswordDto, LoginDto, RefreshDto } from './dtos/login.dto';

@ApiTags('identity')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly tenants: TenantDatabase,
  ) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Access token (15 min), refresh token (rotated on use) and the user.' })
  login(@Body() body: LoginDto, @RequestMeta() meta: CallerMeta): Promise<LoginResponse> {
    return this.auth.login(body.email, body.password, meta);
  }

  @Public()
  @Post('auth/refresh')
  @HttpCode(200)
  refresh(@Body() body: RefreshDto, @RequestMeta() meta: CallerMeta): Promise<LoginResponse> {
    return this.auth.refresh(body.refreshToken, meta);
  }

  @ApiBearerAuth()
  @Post('auth/logout')
  @HttpCode(204)
  async logout(@CurrentPrincipal() principal: Principal, @RequestMeta() meta: CallerMeta): Promise<void> {
    await this.auth.logout(principal, meta);
  }

  @ApiBearerAuth()
  @Post('auth/password')
  @HttpCode(204)
  async changePassword(@CurrentPrincipal() principal: Principal, @Body() body: ChangePasswordDto, @RequestMeta() meta: CallerMeta): Promise<void> {
    await this.auth.changePassword(principal, body.currentPassword, body.newPassword, meta);
  }

  @ApiBearerAuth()
  @Get('me')
  async me(@CurrentPrincipal() principal: Principal): Promise<MeResponse> {
    return await this.tenants.run(principal, async (m) => {
      const clients: ClientRef[] = await m.query(`SELECT id, slug, name, brand_color AS "brandColor" FROM clients ORDER BY name`);
      const teams: TeamRef[] = await m.query(
        `SELECT t.id, t.name, tm.membership FROM team_members tm JOIN teams t ON t.id = tm.team_id WHERE tm.user_id = $1 ORDER BY t.name`,
        [principal.userId],
      );
      return { user: userView(principal), clients, teams };
    });
  }
}
