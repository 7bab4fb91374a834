import { Body, Controller, Get, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Actor, CurrentActor, MembershipService } from '@dhr/identity';
import { landingPathFor } from '../../presenters/landing';
import { roleInPartnership } from '../../presenters/role-names';
import '../../auth/web-session';

/**
 * The partnership switcher: a person who is a member of several partnerships (an independent
 * chair, a police DHR lead covering boroughs) works in one at a time; the access rules are
 * those of the membership held there.
 */
@Controller('partnership')
export class PartnershipController {
  constructor(private readonly memberships: MembershipService) {}

  @Get()
  async choose(@CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    await this.render(res, actor);
  }

  @Post()
  async change(
    @CurrentActor() actor: Actor,
    @Body() body: { partnershipId?: unknown },
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const memberships = await this.memberships.of(actor.userId);
    const chosen = memberships.find((m) => m.partnershipId === body.partnershipId);
    if (!chosen) {
      const message = 'Select the partnership you want to work in';
      return this.render(res.status(400), actor, { list: [{ text: message, href: '#partnershipId' }], partnershipId: { text: message } });
    }
    req.session.partnershipId = chosen.partnershipId;
    res.redirect(303, landingPathFor(chosen.role));
  }

  private async render(res: Response, actor: Actor, errors?: object): Promise<void> {
    const memberships = await this.memberships.of(actor.userId);
    res.render('pages/partnership/choose', {
      errors,
      items: memberships.map((m) => ({
        value: m.partnershipId,
        text: m.partnershipName,
        hint: { text: roleInPartnership(m.role, m.agencyName) },
        checked: m.partnershipId === actor.partnershipId,
      })),
    });
  }
}
