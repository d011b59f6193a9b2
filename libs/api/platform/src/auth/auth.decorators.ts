import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Role } from '@switchboard/shared-contracts';
import type { Principal } from './principal';

export const IS_PUBLIC = 'switchboard:public';
export const REQUIRED_ROLES = 'switchboard:roles';

/** Marks a route that needs no sign-in. Every other route requires a valid access token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Restricts a route to these roles (403 FORBIDDEN otherwise). */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

export type RequestWithPrincipal = { principal?: Principal; id?: unknown; ip?: string; headers: Record<string, unknown> };

/** The caller the auth guard resolved. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<RequestWithPrincipal>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a public route');
  return principal;
});

/** Request id and address for audit entries. */
export const RequestMeta = createParamDecorator((_data: unknown, context: ExecutionContext): { requestId: string | null; address: string | null; userAgent: string | null } => {
  const request = context.switchToHttp().getRequest<RequestWithPrincipal>();
  const userAgent = request.headers['user-agent'];
  return { requestId: request.id ? String(request.id) : null, address: request.ip ?? null, userAgent: typeof userAgent === 'string' ? userAgent.slice(0, 300) : null };
});
