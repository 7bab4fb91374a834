import { Controller, HttpCode, Logger, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Actor, CurrentActor, PendingInvitationsService } from '@dhr/identity';
import { PageRoles } from '../../auth/page-access';
import { AccountEmails } from '../../email/account-emails';
import { fieldMessages } from '../accounts/accounts.controller';

/**
 * "Resend invitation" from the users list: a new link by email, and the one sent before stops
 * working. Same rules as inviting (the lib decides: another partnership's invitation is the 404 page).
 */
@Controller('administration/invitations')
export class ResendInvitationController {
  private readonly logger = new Logger(ResendInvitationController.name);

  constructor(
    private readonly pending: PendingInvitationsService,
    private readonly emails: AccountEmails,
  ) {}

  @HttpCode(200)
  @Post(':id/resend')
  @PageRoles('admin', 'coordinator')
  async resend(@CurrentActor() actor: Actor, @Param('id') id: string, @Res() res: Response): Promise<void> {
    let link;
    try {
      link = await this.pending.resend(actor, id);
    } catch (error) {
      const fields = fieldMessages(error);
      if (!fields) throw error;
      return res.status(400).render('pages/administration/user-action-done', {
        title: 'The invitation was not sent again',
        text: Object.values(fields).join('. '),
        failed: true,
      });
    }
    try {
      await this.emails.send('invitation', link);
    } catch (error) {
      this.logger.warn(`an invitation email could not be sent again: ${(error as Error).name}`);
      return res.status(503).render('pages/administration/user-action-done', {
        title: 'The invitation email could not be sent',
        text: 'Try again in a few minutes: resend the invitation from the users list.',
        failed: true,
      });
    }
    res.render('pages/administration/user-action-done', {
      title: 'Invitation sent again',
      text: `We have emailed ${link.name} a new link. The link in the earlier email no longer works.`,
    });
  }
}
