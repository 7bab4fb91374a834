import { Controller, Get, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PublicPage } from '../../auth/page-access';
import { landingPathFor } from '../../presenters/landing';
import { IdentityService } from '@dhr/identity';
import '../../auth/web-session';

/** `/`: sign in when signed out, else the page that lists this person's work. */
@Controller()
export class HomeController {
  constructor(private readonly identity: IdentityService) {}

  @Get()
  @PublicPage()
  async home(@Req() req: Request, @Res() res: Response): Promise<void> {
    const user = req.session?.userId ? await this.identity.findUser(req.session.userId) : null;
    res.redirect(303, user ? landingPathFor(user.role) : '/sign-in');
  }
}
