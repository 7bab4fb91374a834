import { Controller, Get, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PublicPage } from '../../auth/page-access';
import { landingPathFor } from '../../presenters/landing';
import { IdentityService, MembershipService } from '@dhr/identity';
import '../../auth/web-session';

/** `/`: sign in when signed out, else the page that lists this person's work. */
@Controller()
export class HomeController {
  constructor(
    private readonly identity: IdentityService,
    private readonly memberships: MembershipService,
  ) {}

  @Get()
  @PublicPage()
  async home(@Req() req: Request, @Res() res: Response): Promise<void> {
    const user = req.session?.userId ? await this.identity.findUser(req.session.userId) : null;
    // The landing page of the partnership the person works in now (a member of several may have changed it).
    const acting = user ? ((await this.memberships.acting(user, req.session.partnershipId)) ?? user) : null;
    res.redirect(303, acting ? landingPathFor(acting.role) : '/sign-in');
  }
}
