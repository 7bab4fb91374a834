import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from '@dhr/core';
import { Actor, AddMembershipDto, CurrentActor, IdentityDirectory, IdentityService, MembershipService } from '@dhr/identity';
import { PageRoles } from '../../auth/page-access';
import { formErrors } from '../../presenters/form-errors';
import { ROLE_NAMES } from '../../presenters/role-names';
import { fieldMessages } from '../accounts/accounts.controller';

type Form = Record<string, unknown>;
const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/** The answers of the "add a partnership" form, in the names the form uses. */
interface AddValues {
  partnershipId: string;
  role: string;
  agencyId: string;
}

/**
 * A person's partnerships (administrators): an independent chair or an agency contact may be a
 * member of several, with a role in each. Adding and ending memberships go through
 * MembershipService, audited on the partnership's chain; the home partnership is the account's own.
 */
@Controller('administration/users/:id/partnerships')
@PageRoles('admin')
export class MembershipsController {
  constructor(
    private readonly memberships: MembershipService,
    private readonly identity: IdentityService,
    private readonly directory: IdentityDirectory,
  ) {}

  @Get()
  async page(@CurrentActor() actor: Actor, @Param('id') id: string, @Res() res: Response): Promise<void> {
    await this.render(res, actor, id, { partnershipId: '', role: '', agencyId: '' });
  }

  @Post()
  async add(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: Form, @Res() res: Response): Promise<void> {
    const values: AddValues = { partnershipId: text(body.partnershipId), role: text(body.role), agencyId: text(body.agencyId) };
    const problems: Record<string, string> = {};
    if (!values.partnershipId) problems.partnershipId = 'Select the partnership';
    if (values.role !== 'independent_chair' && values.role !== 'agency_contact') problems.role = 'Select their role in that partnership';
    if (values.role === 'agency_contact' && !values.agencyId) problems.agencyId = 'Select their agency';
    if (Object.keys(problems).length === 0) {
      const dto = Object.assign(new AddMembershipDto(), {
        partnershipId: values.partnershipId,
        role: values.role,
        agencyId: values.role === 'agency_contact' ? values.agencyId : undefined,
      });
      try {
        await this.memberships.add(actor, id, dto);
        return res.redirect(303, `/administration/users/${id}/partnerships`);
      } catch (error) {
        const fields = fieldMessages(error);
        if (!fields) throw error;
        Object.assign(problems, wordsFor(fields));
      }
    }
    await this.render(res.status(400), actor, id, values, problems);
  }

  @Post(':partnershipId/remove')
  async remove(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Param('partnershipId') partnershipId: string,
    @Res() res: Response,
  ): Promise<void> {
    await this.memberships.remove(actor, id, partnershipId);
    res.redirect(303, `/administration/users/${id}/partnerships`);
  }

  private async render(res: Response, actor: Actor, id: string, values: AddValues, problems?: Record<string, string>): Promise<void> {
    const user = /^[0-9a-f-]{36}$/i.test(id) ? await this.identity.findUser(id) : null;
    if (!user || user.role === 'admin') throw DomainError.notFound('user');
    const [memberships, partnerships, agencies] = await Promise.all([
      this.memberships.list(actor, id),
      this.directory.listPartnerships(actor),
      this.directory.listAgencies(actor),
    ]);
    const partnershipName = new Map(partnerships.items.map((p) => [p.id, p.name]));
    const held = new Set(memberships.map((m) => m.partnershipId));
    res.render('pages/administration/memberships', {
      person: { id: user.id, name: user.name, active: !user.deactivatedAt },
      rows: memberships.map((m) => ({
        partnershipId: m.partnershipId,
        partnership: m.partnershipName,
        role: ROLE_NAMES[m.role],
        agency: m.agencyName ?? '',
        home: m.home,
      })),
      values,
      partnershipItems: [
        { value: '', text: 'Choose a partnership' },
        ...partnerships.items
          .filter((p) => !held.has(p.id))
          .map((p) => ({ value: p.id, text: p.name, selected: p.id === values.partnershipId })),
      ],
      agencyItems: [
        { value: '', text: 'Choose an agency' },
        ...agencies.items
          .filter((a) => !held.has(a.partnershipId))
          .map((a) => ({
            value: a.id,
            text: `${a.name} (${partnershipName.get(a.partnershipId) ?? ''})`,
            selected: a.id === values.agencyId,
          })),
      ],
      errors: problems && Object.keys(problems).length ? formErrors(problems) : undefined,
    });
  }
}

/** The domain's reasons for this form, in its words. */
function wordsFor(fields: Record<string, string>): Record<string, string> {
  const words: Record<string, string> = {
    'No such agency in this partnership': 'Select an agency of the partnership you chose',
    'This person is already a member of this partnership': 'They are already a member of this partnership',
    'This account is deactivated': 'This account is deactivated: it cannot join a partnership',
  };
  const out: Record<string, string> = {};
  for (const [field, reason] of Object.entries(fields)) out[field === 'userId' ? 'partnershipId' : field] = words[reason] ?? reason;
  return out;
}
