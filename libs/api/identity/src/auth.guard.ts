import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { IS_PUBLIC, REQUIRED_ROLES, type RequestWithPrincipal } from '@switchboard/api-platform';
import { ErrorCode, type Role } from '@switchboard/shared-contracts';
import { IdentityException } from './identity.exception';
import { bearerToken, PrincipalService } from './principal.service';

/** Global HTTP guard: every route needs a valid access token unless marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly principals: PrincipalService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true; // sockets authenticate in their gateway's middleware
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<RequestWithPrincipal>();
    const principal = await this.principals.fromAccessToken(bearerToken(request.headers['authorization']));
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (roles && !roles.includes(principal.role)) {
      throw new IdentityException(ErrorCode.Forbidden, 'Your role does not allow this.');
    }
    request.principal = principal;
    return true;
  }
}
