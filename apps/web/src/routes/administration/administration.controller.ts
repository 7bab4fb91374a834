import { Body, Controller, Get, HttpCode, Logger, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  Actor,
  AGENCY_KINDS,
  AgencyKind,
  CurrentActor,
  IdentityDirectory,
  IdentityService,
  InvitationService,
  MembershipService,
  PendingInvitationsService,
  Role,
  ROLES,
  TwoFactorService,
} from '@dhr/identity';
import { AccountEmails } from '../../email/account-emails';
import { roleInPartnership } from '../../presenters/role-names';
import { formErrors } from '../../presenters/form-errors';
import { fieldMessages } from '../accounts/accounts.controller';
import { takeFlash } from '../reviews/review-work-session';

type Form = Record<string, unknown>;
const text = (value: unknown) => (typeof value === 'string' ? value : '');
import { PageRoles } from '../../auth/page-access';

export const KIND_NAMES: Record<AgencyKind, string> = {
  police: 'Police',
  local_authority: 'Local authority',
  health: 'Health',
  probation: 'Probation',
  fire: 'Fire and rescue',
  housing: 'Housing',
  specialist_da: 'Specialist domestic abuse service',
  education: 'Education',
  other: 'Other',
};

export const ROLE_NAMES: Record<string, string> = {
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
  private readonly logger = new Logger(AdministrationController.name);

  constructor(
    private readonly identity: IdentityService,
    private readonly directory: IdentityDirectory,
    private readonly twoFactor: TwoFactorService,
    private readonly invitations: InvitationService,
    private readonly emails: AccountEmails,
    private readonly pendingInvitations: PendingInvitationsService,
    private readonly memberships: MembershipService,
  ) {}

  @Get()
  @PageRoles('admin')
  administration(@Res() res: Response): void {
    res.render('pages/administration/administration');
  }

  @Get('users')
  @PageRoles('admin', 'coordinator')
  async users(@CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response): Promise<void> {
    const filter = actor.role === 'coordinator' ? { role: 'agency_contact' as const } : {};
    const { items } = await this.directory.listUsers(actor, filter);
    const [partnerships, enrolled, invited] = await Promise.all([
      this.directory.listPartnerships(actor),
      this.twoFactor.enrolledAmong(items.map((u) => u.id)),
      this.pendingInvitations.list(actor),
    ]);
    const partnershipName = new Map(partnerships.items.map((p) => [p.id, p.name]));
    const agencyNames = await this.directory.names({ agencyIds: invited.map((i) => i.agencyId) });
    res.render('pages/administration/users', {
      flash: takeFlash(req),
      invitations: invited.map((i) => ({
        id: i.id,
        name: i.name,
        email: i.email,
        role: ROLE_NAMES[i.role] ?? i.role,
        partnership: i.partnershipId ? (partnershipName.get(i.partnershipId) ?? '') : '',
        agency: agencyNames.agencyName(i.agencyId) ?? '',
        expired: i.expired,
      })),
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
        mayHavePartnerships: actor.role === 'admin' && u.role !== 'admin',
      })),
    });
  }

  @Get('partnerships')
  @PageRoles('admin')
  async partnerships(@CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response): Promise<void> {
    const { items } = await this.directory.listPartnerships(actor);
    res.render('pages/administration/partnerships', { rows: items, flash: takeFlash(req) });
  }

  @Get('partnerships/new')
  @PageRoles('admin')
  newPartnershipPage(@Res() res: Response): void {
    res.render('pages/administration/new-partnership', { values: {} });
  }

  @Post('partnerships/new')
  @PageRoles('admin')
  async newPartnership(@CurrentActor() actor: Actor, @Body() body: Form, @Res() res: Response): Promise<void> {
    const values = { name: text(body.name).trim(), code: text(body.code).trim().toUpperCase() };
    const problems: Record<string, string> = {};
    if (values.name.length < 2 || values.name.length > 200) problems.name = 'Enter the partnership’s name (2 to 200 characters)';
    if (!/^[A-Z0-9]{2,12}$/.test(values.code)) problems.code = 'Enter a code of 2 to 12 capital letters or digits, like CROY';
    try {
      if (Object.keys(problems).length === 0) await this.identity.createPartnership(actor, values);
    } catch (error) {
      const fields = fieldMessages(error);
      if (!fields) throw error;
      Object.assign(problems, fields);
    }
    if (Object.keys(problems).length)
      return res.status(400).render('pages/administration/new-partnership', { values, errors: formErrors(problems) });
    res.redirect(303, '/administration/partnerships');
  }

  @Get('agencies')
  @PageRoles('admin', 'coordinator')
  async agencies(@CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response): Promise<void> {
    const [{ items }, partnerships] = await Promise.all([this.directory.listAgencies(actor), this.directory.listPartnerships(actor)]);
    const partnershipName = new Map(partnerships.items.map((p) => [p.id, p.name]));
    res.render('pages/administration/agencies', {
      backHref: actor.role === 'admin' ? '/administration' : '/administration/users',
      flash: takeFlash(req),
      rows: items.map((a) => ({
        id: a.id,
        name: a.name,
        kind: KIND_NAMES[a.kind] ?? a.kind,
        partnership: partnershipName.get(a.partnershipId) ?? '',
      })),
    });
  }

  @Get('agencies/new')
  @PageRoles('admin', 'coordinator')
  async newAgencyPage(@CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    res.render('pages/administration/new-agency', await this.agencyModel(actor, {}));
  }

  @Post('agencies/new')
  @PageRoles('admin', 'coordinator')
  async newAgency(@CurrentActor() actor: Actor, @Body() body: Form, @Res() res: Response): Promise<void> {
    const values = {
      name: text(body.name).trim(),
      kind: text(body.kind),
      partnershipId: actor.role === 'coordinator' ? (actor.partnershipId ?? '') : text(body.partnershipId),
    };
    const problems: Record<string, string> = {};
    if (values.name.length < 2 || values.name.length > 200) problems.name = 'Enter the agency’s name (2 to 200 characters)';
    if (!(AGENCY_KINDS as readonly string[]).includes(values.kind)) problems.kind = 'Select the kind of agency';
    if (!/^[0-9a-f-]{36}$/i.test(values.partnershipId)) problems.partnershipId = 'Select the partnership';
    try {
      if (Object.keys(problems).length === 0)
        await this.identity.createAgency(actor, {
          name: values.name,
          kind: values.kind as AgencyKind,
          partnershipId: values.partnershipId,
        });
    } catch (error) {
      const fields = fieldMessages(error);
      if (!fields) throw error;
      Object.assign(problems, fields);
    }
    if (Object.keys(problems).length)
      return res
        .status(400)
        .render('pages/administration/new-agency', { ...(await this.agencyModel(actor, values)), errors: formErrors(problems) });
    res.redirect(303, '/administration/agencies');
  }

  private async agencyModel(actor: Actor, values: Record<string, string>) {
    const partnerships = await this.directory.listPartnerships(actor);
    return {
      values,
      coordinator: actor.role === 'coordinator',
      kinds: AGENCY_KINDS.map((k) => ({ value: k, text: KIND_NAMES[k], checked: values.kind === k })),
      partnerships: [{ value: '', text: 'Select a partnership' }].concat(
        partnerships.items.map((p) => ({ value: p.id, text: p.name, selected: values.partnershipId === p.id }) as never),
      ),
    };
  }

  @Get('users/invite')
  @PageRoles('admin', 'coordinator')
  async invitePage(@CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    res.render('pages/administration/invite', await this.inviteModel(actor, {}));
  }

  @HttpCode(200)
  @Post('users/invite')
  @PageRoles('admin', 'coordinator')
  async invite(@CurrentActor() actor: Actor, @Body() body: Form, @Res() res: Response): Promise<void> {
    const role = (actor.role === 'coordinator' ? 'agency_contact' : text(body.role)) as Role;
    const values = {
      name: text(body.name).trim(),
      email: text(body.email).trim(),
      role,
      partnershipId: text(body.partnershipId),
      agencyId: text(body.agencyId),
    };
    const missing: Record<string, string> = {};
    if (!values.name) missing.name = 'Enter their full name';
    if (!values.email) missing.email = 'Enter their email address';
    if (!ROLES.includes(role)) missing.role = 'Select a role';
    else if (role === 'agency_contact' && !values.agencyId) missing.agencyId = 'Select their agency';
    else if (role !== 'agency_contact' && role !== 'admin' && !values.partnershipId) missing.partnershipId = 'Select their partnership';
    if (Object.keys(missing).length)
      return res
        .status(400)
        .render('pages/administration/invite', { ...(await this.inviteModel(actor, values)), errors: formErrors(missing) });
    let link;
    try {
      link = await this.invitations.invite(actor, values);
    } catch (error) {
      const fields = fieldMessages(error);
      if (!fields) throw error;
      // One person, several partnerships: someone who already has an account joins this partnership.
      if (fields.email && Object.keys(fields).length === 1) {
        const joined = await this.joinExistingAccount(actor, values, res);
        if (joined) return;
      }
      return res
        .status(400)
        .render('pages/administration/invite', { ...(await this.inviteModel(actor, values)), errors: formErrors(fields) });
    }
    try {
      await this.emails.send('invitation', link);
    } catch (error) {
      this.logger.warn(`an invitation email could not be sent: ${(error as Error).name}`);
      return res.status(503).render('pages/administration/user-action-done', {
        title: 'The invitation email could not be sent',
        text: 'Try again in a few minutes: send a new invitation.',
        failed: true,
      });
    }
    res.render('pages/administration/user-action-done', {
      title: 'Invitation sent',
      text: `We have emailed ${link.name} a link to set up their account. It works once, for ${this.ttlWords()}.`,
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

  /**
   * Invited, but the email is an existing account's: an independent chair or agency contact is made
   * a member of this partnership too, and told by email. False when that does not apply.
   */
  private async joinExistingAccount(
    actor: Actor,
    values: { email: string; role: Role; partnershipId: string; agencyId: string },
    res: Response,
  ) {
    let added;
    try {
      added = await this.memberships.addForEmail(actor, values.email, values);
    } catch (error) {
      const fields = fieldMessages(error);
      if (!fields) throw error;
      res.status(400).render('pages/administration/invite', { ...(await this.inviteModel(actor, values)), errors: formErrors(fields) });
      return true;
    }
    if (!added) return false;
    const { user, membership } = added;
    try {
      await this.emails.sendMembershipAdded(user, membership, roleInPartnership(membership.role, membership.agencyName));
    } catch (error) {
      this.logger.warn(`a membership email could not be sent: ${(error as Error).name}`);
    }
    res.render('pages/administration/user-action-done', {
      title: `${user.name} added to ${membership.partnershipName}`,
      text: `${user.name} already has an account. They can now work in ${membership.partnershipName} as ${roleInPartnership(membership.role, membership.agencyName).toLowerCase()}, and we have emailed them to say so.`,
    });
    return true;
  }

  private ttlWords(): string {
    const hours = this.invitations.ttlHours();
    return hours % 24 === 0 ? `${hours / 24} day${hours === 24 ? '' : 's'}` : `${hours} hour${hours === 1 ? '' : 's'}`;
  }

  /** The invite form: roles, partnerships and agencies by name, as far as the actor may invite. */
  private async inviteModel(actor: Actor, values: Record<string, string>) {
    const [partnerships, agencies] = await Promise.all([this.directory.listPartnerships(actor), this.directory.listAgencies(actor)]);
    const partnershipName = new Map(partnerships.items.map((p) => [p.id, p.name]));
    const coordinator = actor.role === 'coordinator';
    return {
      values,
      coordinator,
      roles: ROLES.filter((r) => !coordinator || r === 'agency_contact').map((r) => ({
        value: r,
        text: ROLE_NAMES[r],
        checked: values.role === r,
      })),
      partnerships: [{ value: '', text: 'Select a partnership' }].concat(
        partnerships.items.map((p) => ({ value: p.id, text: p.name, selected: values.partnershipId === p.id }) as never),
      ),
      agencies: [{ value: '', text: 'Select an agency' }].concat(
        agencies.items.map(
          (a) =>
            ({
              value: a.id,
              text: coordinator ? a.name : `${a.name} (${partnershipName.get(a.partnershipId) ?? ''})`,
              selected: values.agencyId === a.id,
            }) as never,
        ),
      ),
    };
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
