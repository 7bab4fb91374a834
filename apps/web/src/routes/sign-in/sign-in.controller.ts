import { Body, Controller, Get, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import QRCode from 'qrcode';
import { requestContextOf } from '@dhr/audit';
import { AppConfig, DomainError } from '@dhr/core';
import { AuthService, IdentityService, TwoFactorService } from '@dhr/identity';
import { endedForIdleness, forgetSignedInRequests, idleWords } from '../../auth/idle-sign-out';
import { PublicPage } from '../../auth/page-access';
import { formErrors } from '../../presenters/form-errors';
import { landingPathFor } from '../../presenters/landing';
import { pendingUserId, regenerate } from './sign-in-session';

type Form = Record<string, unknown>;
const text = (value: unknown) => (typeof value === 'string' ? value : '');

/**
 * Sign in: email and password, then a security code from an authenticator app (or a
 * recovery code); the first time, setting the app up. The session id changes at each step.
 */
@Controller()
@PublicPage()
export class SignInController {
  constructor(
    private readonly auth: AuthService,
    private readonly identity: IdentityService,
    private readonly twoFactor: TwoFactorService,
    private readonly config: AppConfig,
  ) {}

  @Get('sign-in')
  async signInPage(@Req() req: Request, @Res() res: Response): Promise<void> {
    const user = req.session.userId ? await this.identity.findUser(req.session.userId) : null;
    if (user) return res.redirect(303, landingPathFor(user.role));
    const idle = endedForIdleness(req, res, this.config.SESSION_IDLE_MINUTES * 60_000);
    res.render('pages/sign-in/sign-in', { idleSignOut: idle ? idleWords(this.config.SESSION_IDLE_MINUTES) : null });
  }

  @Post('sign-in')
  async signIn(@Req() req: Request, @Res() res: Response, @Body() body: Form): Promise<void> {
    const email = text(body.email).trim();
    const password = text(body.password);
    const missing: Record<string, string> = {};
    if (!email) missing.email = 'Enter your email address';
    if (!password) missing.password = 'Enter your password';
    if (Object.keys(missing).length) return res.status(400).render('pages/sign-in/sign-in', { email, errors: formErrors(missing) });
    let user;
    try {
      user = await this.auth.checkPassword(email, password, requestContextOf(req));
    } catch (error) {
      const message = this.signInProblem(error);
      if (!message) throw error;
      return res.status(message.status).render('pages/sign-in/sign-in', { email, errors: formErrors({ email: message.text }) });
    }
    const step = (await this.twoFactor.isEnrolled(user.id)) ? 'security-code' : 'set-up';
    await regenerate(req, { pending: { userId: user.id, step, since: Date.now() } });
    res.redirect(303, step === 'set-up' ? '/sign-in/set-up-two-factor' : '/sign-in/security-code');
  }

  @Get('sign-in/security-code')
  securityCodePage(@Req() req: Request, @Res() res: Response): void {
    if (!pendingUserId(req, 'security-code')) return res.redirect(303, '/sign-in');
    res.render('pages/sign-in/security-code', {});
  }

  @Post('sign-in/security-code')
  async securityCode(@Req() req: Request, @Res() res: Response, @Body() body: Form): Promise<void> {
    const userId = pendingUserId(req, 'security-code');
    const user = userId ? await this.identity.findUser(userId) : null;
    if (!user) return res.redirect(303, '/sign-in');
    const code = text(body.code).trim();
    if (!code) return res.status(400).render('pages/sign-in/security-code', { errors: formErrors({ code: 'Enter your security code' }) });
    const request = requestContextOf(req);
    try {
      await this.auth.admitSecondFactor(user, request);
    } catch (error) {
      const message = this.signInProblem(error);
      if (!message) throw error;
      return res.status(message.status).render('pages/sign-in/security-code', { errors: formErrors({ code: message.text }) });
    }
    const used = await this.twoFactor.verify(user, code, request);
    if (!used) {
      return res.status(400).render('pages/sign-in/security-code', {
        errors: formErrors({ code: 'Enter the security code shown in your authenticator app now, or an unused recovery code' }),
      });
    }
    await this.complete(req, res, user);
  }

  @Get('sign-in/set-up-two-factor')
  async setUpPage(@Req() req: Request, @Res() res: Response): Promise<void> {
    const userId = pendingUserId(req, 'set-up');
    const user = userId ? await this.identity.findUser(userId) : null;
    if (!user) return res.redirect(303, '/sign-in');
    res.render('pages/sign-in/set-up-two-factor', await this.setUpModel(user));
  }

  @Post('sign-in/set-up-two-factor')
  async setUp(@Req() req: Request, @Res() res: Response, @Body() body: Form): Promise<void> {
    const userId = pendingUserId(req, 'set-up');
    const user = userId ? await this.identity.findUser(userId) : null;
    if (!user) return res.redirect(303, '/sign-in');
    const code = text(body.code).replace(/\s/g, '');
    const request = requestContextOf(req);
    const problem = !code
      ? 'Enter the security code shown in your authenticator app'
      : !/^\d{6}$/.test(code)
        ? 'The security code must be 6 numbers'
        : null;
    if (problem)
      return res
        .status(400)
        .render('pages/sign-in/set-up-two-factor', { ...(await this.setUpModel(user)), errors: formErrors({ code: problem }) });
    await this.auth.admitSecondFactor(user, request).catch((error: unknown) => {
      if (!this.signInProblem(error)) throw error;
      throw DomainError.forbidden();
    });
    const recoveryCodes = await this.twoFactor.confirmEnrolment(user, code, request);
    if (!recoveryCodes) {
      return res.status(400).render('pages/sign-in/set-up-two-factor', {
        ...(await this.setUpModel(user)),
        errors: formErrors({ code: 'The security code is not right. Enter the code shown in your authenticator app now' }),
      });
    }
    const next = await this.complete(req, null, user);
    // Shown once, in this answer only: nothing keeps them but their hashes.
    res.status(200).render('pages/sign-in/recovery-codes', { recoveryCodes, next, signedIn: true });
  }

  @Post('sign-out')
  signOut(@Req() req: Request, @Res() res: Response): void {
    req.session.destroy(() => {
      res.clearCookie('dhr.sid', { path: '/' });
      forgetSignedInRequests(req, res);
      res.redirect(303, '/sign-in/signed-out');
    });
  }

  @Get('sign-in/signed-out')
  signedOut(@Res() res: Response): void {
    res.render('pages/sign-in/signed-out');
  }

  private async complete(req: Request, res: Response | null, user: { id: string; role: Parameters<typeof landingPathFor>[0] } & object) {
    const full = await this.identity.findUser(user.id);
    if (!full || full.deactivatedAt) throw DomainError.unauthorized();
    await this.auth.completeSignIn(full, requestContextOf(req));
    const now = Date.now();
    await regenerate(req, { userId: full.id, signedInAt: now, lastSeenAt: now });
    const next = req.session.returnTo ?? landingPathFor(full.role);
    delete req.session.returnTo;
    await new Promise<void>((resolve, reject) => req.session.save((error) => (error ? reject(error) : resolve())));
    if (res) res.redirect(303, next);
    return next;
  }

  private async setUpModel(user: { id: string; email: string } & object) {
    const full = await this.identity.findUser(user.id);
    if (!full) throw DomainError.unauthorized();
    const enrolment = await this.twoFactor.beginEnrolment(full);
    return {
      secretKey: enrolment.secret.match(/.{1,4}/g)?.join(' ') ?? enrolment.secret,
      qrCode: await QRCode.toDataURL(enrolment.uri, { errorCorrectionLevel: 'M', margin: 2, width: 200 }),
    };
  }

  /** What a refused sign-in attempt says, or null for an error that is not about the attempt. */
  private signInProblem(error: unknown): { status: number; text: string } | null {
    if (!(error instanceof DomainError)) return null;
    if (error.code === 'invalid_credentials') return { status: 400, text: 'Enter a correct email address and password' };
    if (error.code === 'too_many_requests')
      return { status: 429, text: 'You have tried to sign in too many times. Wait 15 minutes, then try again' };
    if (error.code === 'service_unavailable')
      return { status: 503, text: 'Signing in is not available at the moment. Try again in a few minutes' };
    return null;
  }
}
