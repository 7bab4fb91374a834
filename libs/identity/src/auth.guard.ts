import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { RequestLike, requestContextOf } from '@dhr/audit';
import { DomainError } from '@dhr/core';
import type { Actor } from './actor';
import { PUBLIC_KEY, ROLES_KEY } from './auth.decorators';
import { startedBeforeSessionsEnded } from './sessions/ended-sessions';
import type { Role } from './identity.entities';
import { IdentityService } from './identity.service';
import { TokenService } from './token.service';
import { MembershipService } from './memberships/membership.service';

/**
 * Global guard: a valid bearer token for a user that still exists and is not deactivated, acting
 * in a membership they still hold, whose role the endpoint lists. Fails closed: an endpoint that forgot @Roles admits nobody.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly identity: IdentityService,
    private readonly memberships: MembershipService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const request = context.switchToHttp().getRequest<RequestLike & { headers: Record<string, string | undefined>; actor?: Actor }>();
    const match = /^Bearer ([A-Za-z0-9._-]+)$/.exec(request.headers.authorization ?? '');
    if (!match) throw DomainError.unauthorized();
    const token = await this.tokens.verify(match[1]);
    const user = await this.identity.findUser(token.userId);
    // One primary-key read per request: a deactivated account's tokens stop at once.
    if (!user || user.deactivatedAt) throw DomainError.unauthorized();
    // A token issued before the person's sessions were ended (password changed, two-factor reset) stops too.
    if (startedBeforeSessionsEnded(user, this.tokens.issuedAtMs(match[1]))) throw DomainError.unauthorized();
    // The membership the token acts in (no query for the home one): a membership ended stops its tokens.
    const acting = await this.memberships.acting(user, token.partnershipId);
    if (!acting) throw DomainError.unauthorized();
    request.actor = { userId: user.id, ...acting, ...requestContextOf(request) };

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets) ?? [];
    if (!roles.includes(acting.role)) throw DomainError.forbidden();
    return true;
  }
}
