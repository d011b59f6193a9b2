import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuditModule } from '@switchboard/api-audit';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { PrincipalChangeFeed } from './principal-change.feed';
import { PrincipalService } from './principal.service';
import { TokenService } from './token.service';

@Module({
  imports: [AuditModule],
  controllers: [AuthController],
  providers: [TokenService, PrincipalService, AuthService, PrincipalChangeFeed, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [PrincipalService, TokenService],
})
export class IdentityModule {}
