import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { navigationFor } from '../presenters/landing';
import { requestContextOf } from '@dhr/audit';
import { DomainError } from '@dhr/core';
import { Actor, IdentityService, MembershipService, Role } from '@dhr/identity';
import { ReviewReadModel } from '@dhr/reviews';
import { chooseMembership, reviewIdInPath } from './acting-membership';
import { PAGE_ROLES, PUBLIC_PAGE, safeReturnTo, SignInRequired } from './page-access';
import { sessionWasEnded } from './ended-session';
import './web-session';

/**
 * The web's own guard (the API's is the bearer guard): a completed sign-in in the session,
 * for a user who still exists and is not deactivated, whose role the page lists. The actor is built exactly as
 * the API's guard builds it, the role read from the database on every request, so the libs
 * apply one access policy and one audit trail to both front doors. Fails closed: pages
 * are private unless marked @PublicPage().
 */
@Injectable()
export class SignedInGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly identity: IdentityService,
    private readonly memberships: MembershipService,
    private readonly reviews: ReviewReadModel,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_PAGE, targets)) return true;
    const req = context.switchToHttp().getRequest<Request & { actor?: Actor }>();
    const returnTo = req.method === 'GET' ? safeReturnTo(req.originalUrl) : null;
    const userId = req.session?.userId;
    if (!userId) throw new SignInRequired(returnTo);
    const user = await this.identity.findUser(userId);
    // Read by primary key on every request: a deactivated account's sessions end at their next request,
    // and so does a session from before a password change or a two-factor reset.
    if (!user || user.deactivatedAt || sessionWasEnded(user, req)) {
      await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
      throw new SignInRequired(null);
    }
    // One person, several partnerships: the page acts in one membership, the access policy applies to it.
    const memberships = await this.memberships.of(user.id);
    const reviewId = memberships.length > 1 ? reviewIdInPath(req.path) : null;
    const reviewPartnershipId = reviewId ? ((await this.reviews.summary(reviewId))?.partnershipId ?? null) : null;
    const acting = chooseMembership(user, memberships, req.session.partnershipId, reviewPartnershipId);
    if (memberships.length > 1) req.session.partnershipId = acting.partnershipId ?? undefined;
    req.actor = { userId: user.id, ...acting, ...requestContextOf(req) };
    const res = context.switchToHttp().getResponse<Response>();
    res.locals.signedIn = true;
    res.locals.navigation = navigationFor(acting.role, req.path);
    res.locals.partnership = {
      name: memberships.find((m) => m.partnershipId === acting.partnershipId)?.partnershipName ?? null,
      mayChange: memberships.length > 1,
    };
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(PAGE_ROLES, targets);
    if (roles && !roles.includes(acting.role)) throw DomainError.forbidden();
    return true;
  }
}
