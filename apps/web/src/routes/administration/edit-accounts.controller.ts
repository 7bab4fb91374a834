import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  AccountEditsService,
  Actor,
  AGENCY_KINDS,
  AgencyKind,
  CurrentActor,
  IdentityDirectory,
  IdentityService,
  Role,
  ROLES,
} from '@dhr/identity';
import { AppConfig } from '@dhr/core';
import { PageRoles } from '../../auth/page-access';
import { formErrors } from '../../presenters/form-errors';
import { fieldMessages } from '../accounts/accounts.controller';
import '../reviews/review-work-session';
import { KIND_NAMES, ROLE_NAMES } from './administration.controller';

type Form = Record<string, unknown>;
/** A partnership's email settings, as the form names them (the API's names). */
const EMAIL_SETTING_FORM_FIELDS = ['senderName', 'senderEmail', 'contactName', 'contactEmail'] as const;
const text = (value: unknown) => (typeof value === 'string' ? value : '');
type ManagedUser = Awaited<ReturnType<IdentityService['manageableUser']>>;

/**
 * Changing a user, a partnership or an agency: one simple form each, saved at once, back to the
 * list with a success banner. The libs decide who may change what (another partnership's user or
 * agency is the 404 page) and audit every change; a refused answer is the error summary.
 */
@Controller('administration')
export class EditAccountsController {
  constructor(
    private readonly edits: AccountEditsService,
    private readonly identity: IdentityService,
    private readonly directory: IdentityDirectory,
    private readonly config: AppConfig,
  ) {}

  @Get('users/:id/edit')
  @PageRoles('admin', 'coordinator')
  async userPage(@CurrentActor() actor: Actor, @Param('id') id: string, @Res() res: Response): Promise<void> {
    const user = await this.identity.manageableUser(actor, id);
    res.render(
      'pages/administration/edit-user',
      await this.userModel(actor, user, { name: user.name, role: user.role, agencyId: user.agencyId ?? '' }),
    );
  }

  @Post('users/:id/edit')
  @PageRoles('admin', 'coordinator')
  async editUser(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Req() req: Request,
    @Res() res: Response,
    @Body() body: Form,
  ): Promise<void> {
    const user = await this.identity.manageableUser(actor, id);
    // Only administrators change roles; for anyone else the field is not on the form, whatever is posted.
    const role = (
      actor.role === 'admin' && user.role !== 'admin' && user.id !== actor.userId ? text(body.role) || user.role : user.role
    ) as Role;
    const values = { name: text(body.name), role, agencyId: text(body.agencyId) };
    try {
      const saved = await this.edits.editUser(actor, user.id, {
        name: values.name,
        role: ROLES.includes(role) ? role : user.role,
        agencyId: role === 'agency_contact' ? values.agencyId : null,
      });
      req.session.flash = { success: `Changes to ${saved.name} saved` };
      res.redirect(303, '/administration/users');
    } catch (error) {
      const fields = fieldMessages(error);
      if (!fields) throw error;
      res
        .status(400)
        .render('pages/administration/edit-user', { ...(await this.userModel(actor, user, values)), errors: formErrors(fields) });
    }
  }

  @Get('partnerships/:id/edit')
  @PageRoles('admin')
  async partnershipPage(@CurrentActor() actor: Actor, @Param('id') id: string, @Res() res: Response): Promise<void> {
    const { partnership, codeLocked } = await this.edits.partnershipForEdit(actor, id);
    const settings = Object.fromEntries(EMAIL_SETTING_FORM_FIELDS.map((f) => [f, partnership[f] ?? '']));
    res.render('pages/administration/edit-partnership', {
      partnership: { id: partnership.id, name: partnership.name, code: partnership.code },
      codeLocked,
      values: { name: partnership.name, code: partnership.code, ...settings },
      defaultSender: this.config.MAIL_FROM,
    });
  }

  @Post('partnerships/:id/edit')
  @PageRoles('admin')
  async editPartnership(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Req() req: Request,
    @Res() res: Response,
    @Body() body: Form,
  ): Promise<void> {
    const { partnership, codeLocked } = await this.edits.partnershipForEdit(actor, id);
    // A locked code is shown, not asked: the form keeps the one there is.
    const values = {
      name: text(body.name),
      code: codeLocked ? partnership.code : text(body.code),
      // A blank email setting means "use the default": the form sends every field.
      ...Object.fromEntries(EMAIL_SETTING_FORM_FIELDS.map((f) => [f, text(body[f])])),
    };
    try {
      const saved = await this.edits.editPartnership(actor, partnership.id, values);
      req.session.flash = { success: `Changes to ${saved.name} saved` };
      res.redirect(303, '/administration/partnerships');
    } catch (error) {
      const fields = fieldMessages(error);
      if (!fields) throw error;
      res.status(400).render('pages/administration/edit-partnership', {
        partnership: { id: partnership.id, name: partnership.name, code: partnership.code },
        codeLocked,
        values,
        defaultSender: this.config.MAIL_FROM,
        errors: formErrors(fields),
      });
    }
  }

  @Get('agencies/:id/edit')
  @PageRoles('admin', 'coordinator')
  async agencyPage(@CurrentActor() actor: Actor, @Param('id') id: string, @Res() res: Response): Promise<void> {
    const agency = await this.edits.manageableAgency(actor, id);
    res.render('pages/administration/edit-agency', this.agencyModel(agency, { name: agency.name, kind: agency.kind }));
  }

  @Post('agencies/:id/edit')
  @PageRoles('admin', 'coordinator')
  async editAgency(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Req() req: Request,
    @Res() res: Response,
    @Body() body: Form,
  ): Promise<void> {
    const agency = await this.edits.manageableAgency(actor, id);
    const values = { name: text(body.name), kind: text(body.kind) };
    try {
      const saved = await this.edits.editAgency(actor, agency.id, { name: values.name, kind: values.kind as AgencyKind });
      req.session.flash = { success: `Changes to ${saved.name} saved` };
      res.redirect(303, '/administration/agencies');
    } catch (error) {
      const fields = fieldMessages(error);
      if (!fields) throw error;
      res.status(400).render('pages/administration/edit-agency', { ...this.agencyModel(agency, values), errors: formErrors(fields) });
    }
  }

  /** The user form: the role only for administrators changing someone else; agencies of the user's partnership by name. */
  private async userModel(actor: Actor, user: ManagedUser, values: { name: string; role: string; agencyId: string | null }) {
    const agencies = user.partnershipId ? await this.directory.agenciesOf(user.partnershipId) : [];
    const canChangeRole = actor.role === 'admin' && user.role !== 'admin' && user.id !== actor.userId;
    return {
      user: { id: user.id, name: user.name, email: user.email, role: ROLE_NAMES[user.role] ?? user.role },
      values,
      canChangeRole,
      showAgency: canChangeRole || user.role === 'agency_contact',
      roles: ROLES.filter((r) => r !== 'admin').map((r) => ({ value: r, text: ROLE_NAMES[r], checked: values.role === r })),
      agencies: [{ value: '', text: 'Select an agency' }].concat(
        agencies.map((a) => ({ value: a.id, text: a.name, selected: values.agencyId === a.id }) as never),
      ),
    };
  }

  private agencyModel(agency: { id: string; name: string }, values: { name: string; kind: string }) {
    return {
      agency: { id: agency.id, name: agency.name },
      values,
      kinds: AGENCY_KINDS.map((k) => ({ value: k, text: KIND_NAMES[k], checked: values.kind === k })),
    };
  }
}
