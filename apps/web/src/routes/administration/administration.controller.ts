import { Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Actor, CurrentActor, IdentityDirectory, IdentityService, TwoFactorService } from '@dhr/identity';
import { PageRoles } from '../../auth/page-access';

const ROLE_NAMES: Record<string, string> = {
  admin: 'Administrator',
  coordinator: 'Coordinator',
  csp_chair: 'CSP chair',
  independent_chair: 'Independent chair',
  agency_contact: 'Agency contact',
};

/**
 * Administration: administrators manage every account; coordinators the agency contacts of their
 * own partnership (the libs decide, as for the API: another partnership's user is the 404 page).
 * Every change is audited by IdentityService.
 */
@Controller('administration')
export class AdministrationController {
  constructor(
    private readonly identity: IdentityService,
    private readonly directory: IdentityDirectory,
    private readonly twoFactor: TwoFactorService,
  ) {}

  @Get()
  @PageRoles('admin')
  administration(@Res() res: Response): void {
    res.render('pages/administration/administration');
  }

  @Get('users')
  @PageRoles('admin', 'coordinator')
  async users(@CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    const filter = actor.role === 'coordinator' ? { role: 'agency_contact' as const } : {};
    const { items } = await this.directory.listUsers(actor, filter);
    const [partnerships, enrolled] = await Promise.all([
      this.directory.listPartnerships(actor),
      this.twoFactor.enrolledAmong(items.map((u) => u.id)),
    ]);
    const partnershipName = new Map(partnerships.items.map((p) => [p.id, p.name]));
    res.render('pages/administration/users', {
      rows: items.map((u) => ({
        id: u.id,
        name: u.name,
        email: u.email,
        role: ROLE_NAMES[u.role] ?? u.role,
        partnership: u.partnershipId ? (partnershipName.get(u.partnershipId) ?? '') : '',
        agency: u.agencyName ?? '',
        active: u.active,
        twoFactor: enrolled.has(u.id),
        self: u.id === actor.userId,
      })),
    });
  }

  @Get('users/:id/deactivate')
  @PageRoles('admin', 'coordinator')
  async deactivatePage(@CurrentActor() actor: Actor, @Param('id') id: string, @Res() res: Response): Promise<void> {
    const user = await this.identity.manageableUser(actor, id);
    res.render('pages/administration/confirm-user-action', {
      user: { id: user.id, name: user.name, email: user.email },
      action: 'deactivate',
      heading: `Deactivate ${user.name}’s account?`,
      warning: 'They will be signed out at once and will not be able to sign in again. Their work on reviews stays.',
      button: 'Deactivate account',
      self: user.id === actor.userId,
      done: !!user.deactivatedAt,
    });
  }

  @HttpCode(200)
  @Post('users/:id/deactivate')
  @PageRoles('admin', 'coordinator')
  async deactivate(@CurrentActor() actor: Actor, @Param('id') id: string, @Res() res: Response): Promise<void> {
    const user = await this.identity.deactivateUser(actor, id);
    res.render('pages/administration/user-action-done', { title: `${user.name}’s account is deactivated` });
  }

  @Get('users/:id/reset-two-factor')
  @PageRoles('admin', 'coordinator')
  async resetPage(@CurrentActor() actor: Actor, @Param('id') id: string, @Res() res: Response): Promise<void> {
    const user = await this.identity.manageableUser(actor, id);
    res.render('pages/administration/confirm-user-action', {
      user: { id: user.id, name: user.name, email: user.email },
      action: 'reset-two-factor',
      heading: `Reset two-factor authentication for ${user.name}?`,
      warning:
        'Their authenticator app and recovery codes will stop working. They will set up two-factor again the next time they sign in.',
      button: 'Reset two-factor authentication',
    });
  }

  @HttpCode(200)
  @Post('users/:id/reset-two-factor')
  @PageRoles('admin', 'coordinator')
  async reset(@CurrentActor() actor: Actor, @Param('id') id: string, @Res() res: Response): Promise<void> {
    const user = await this.identity.resetTwoFactor(actor, id);
    res.render('pages/administration/user-action-done', {
      title: `Two-factor authentication is reset for ${user.name}`,
      text: 'They will set it up again the next time they sign in.',
    });
  }
}
