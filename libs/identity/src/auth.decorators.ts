import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Actor } from './actor';
import type { Role } from './identity.entities';

export const PUBLIC_KEY = 'dhr:public';
export const ROLES_KEY = 'dhr:roles';

/** No token needed (login, API docs). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** The roles that may call this endpoint. Every non-public endpoint must say. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** The verified caller of this request. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  return ctx.switchToHttp().getRequest<{ actor: Actor }>().actor;
});
