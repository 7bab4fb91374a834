import { Body, Controller, Get, HttpCode, Logger, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { requestContextOf } from '@dhr/audit';
import { DomainError } from '@dhr/core';
import { AuthService, InvitationService } from '@dhr/identity';
import { PublicPage } from '../../auth/page-access';
import { AccountEmails } from '../../email/account-emails';
import { formErrors } from '../../presenters/form-errors';
import { regenerate } from '../sign-in/sign-in-session';

type Form = Record<string, unknown>;
const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** Field errors of a refused form, in GOV.UK words (the domain's messages start lower case). */
export function fieldMessages(error: unknown): Record<string, string> | null {
  if (!(error instanceof DomainError) || error.code !== 'validation_failed') return null;
  return Object.fromEntries((error.details.fields ?? []).map((f) => [f.field, f.reason.charAt(0).toUpperCase() + f.reason.slice(1)]));
}

/**
 * The pages reached from an email link: accepting an invitation (create a password, then set up
 * two-factor as at a first sign-in) and a forgotten password (ask for a link, then choose a new
 * password). The token is in the path only; it is never put in the session or a log.
 */
@Controller()
@PublicPage()
export class AccountsController {
  private readonly logger = new Logger(AccountsController.name);

  constructor(
    private readonly invitations: InvitationService,
    private readonly emails: AccountEmails,
    private readonly auth: AuthService,
  ) {}

  @Get('invitations/:token')
  async invitationPage(@Param('token') token: string, @Res() res: Response): Promise<void> {
    const link = await this.invitations.open('invitation', token);
    if (!link) return this.notValid(res, 'invitation');
    res.render('pages/accounts/create-password', { invitation: true, email: link.email, action: `/invitations/${token}` });
  }

  @HttpCode(200)
  @Post('invitations/:token')
  async acceptInvitation(@Param('token') token: string, @Req() req: Request, @Res() res: Response, @Body() body: Form): Promise<void> {
    const link = await this.invitations.open('invitation', token);
    if (!link) return this.notValid(res, 'invitation');
    const model = { invitation: true, email: link.email, action: `/invitations/${token}` };
    const problem = this.passwordFormProblem(body);
    if (problem) return res.status(400).render('pages/accounts/create-password', { ...model, errors: formErrors(problem) });
    try {
      const user = await this.invitations.accept(token, text(body.password), requestContextOf(req));
      // The account exists; two-factor is set up next, exactly as at a first sign-in.
      await regenerate(req, { pending: { userId: user.id, step: 'set-up', since: Date.now() } });
      res.redirect(303, '/sign-in/set-up-two-factor');
    } catch (error) {
      const fields = fieldMessages(error);
      if (fields) return res.status(400).render('pages/accounts/create-password', { ...model, errors: formErrors(fields) });
      if (error instanceof DomainError && error.code === 'not_found') return this.notValid(res, 'invitation');
      throw error;
    }
  }

  @Get('forgotten-password')
  forgottenPage(@Res() res: Response): void {
    res.render('pages/accounts/forgotten-password', {});
  }

  @HttpCode(200)
  @Post('forgotten-password')
  async forgotten(@Req() req: Request, @Res() res: Response, @Body() body: Form): Promise<void> {
    const email = text(body.email).trim();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254) {
      const message = email ? 'Enter an email address in the correct format, like name@example.gov.uk' : 'Enter your email address';
      return res.status(400).render('pages/accounts/forgotten-password', { email, errors: formErrors({ email: message }) });
    }
    // The same answer whether or not there is such an account, and whether or not over the limits.
    const request = requestContextOf(req);
    const admitted = await this.auth.admitPasswordReset(email, request);
    const link = admitted ? await this.invitations.requestPasswordReset(email, request) : null;
    // Sent without waiting, so the answer takes about as long whether or not the account exists.
    if (link) {
      void this.emails.send('password_reset', link).catch((error: unknown) => {
        this.logger.warn(`a forgotten-password email could not be sent: ${(error as Error).name}`);
      });
    }
    res.render('pages/accounts/check-your-email', { email });
  }

  @Get('reset-password/:token')
  async resetPage(@Param('token') token: string, @Res() res: Response): Promise<void> {
    const link = await this.invitations.open('password_reset', token);
    if (!link) return this.notValid(res, 'password_reset');
    res.render('pages/accounts/create-password', { invitation: false, email: link.email, action: `/reset-password/${token}` });
  }

  @HttpCode(200)
  @Post('reset-password/:token')
  async reset(@Param('token') token: string, @Req() req: Request, @Res() res: Response, @Body() body: Form): Promise<void> {
    const link = await this.invitations.open('password_reset', token);
    if (!link) return this.notValid(res, 'password_reset');
    const model = { invitation: false, email: link.email, action: `/reset-password/${token}` };
    const problem = this.passwordFormProblem(body);
    if (problem) return res.status(400).render('pages/accounts/create-password', { ...model, errors: formErrors(problem) });
    try {
      await this.invitations.resetPassword(token, text(body.password), requestContextOf(req));
    } catch (error) {
      const fields = fieldMessages(error);
      if (fields) return res.status(400).render('pages/accounts/create-password', { ...model, errors: formErrors(fields) });
      if (error instanceof DomainError && error.code === 'not_found') return this.notValid(res, 'password_reset');
      throw error;
    }
    // Any session of this browser ends: the person signs in afresh with the new password.
    await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
    res.render('pages/accounts/password-changed');
  }

  private passwordFormProblem(body: Form): Record<string, string> | null {
    const password = text(body.password);
    const confirm = text(body.confirmPassword);
    if (!password) return { password: 'Enter a password' };
    if (!confirm) return { confirmPassword: 'Enter the password again' };
    if (password !== confirm) return { confirmPassword: 'The passwords do not match' };
    return null;
  }

  private notValid(res: Response, kind: 'invitation' | 'password_reset'): void {
    res.status(404).render('pages/accounts/link-not-valid', { invitation: kind === 'invitation' });
  }
}
