import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Clock } from '@dhr/core';
import { CreateFamilyMemberDto, FamilyService, LogFamilyContactDto } from '@dhr/family';
import { Actor, CurrentActor } from '@dhr/identity';
import { ReviewQueries, type VisibleReview } from '@dhr/reviews';
import { PageRoles } from '../../auth/page-access';
import { answer, dtoProblems } from '../../presenters/dto-errors';
import { CONTACT_WORDS, contactChoices, MEMBER_WORDS, memberChoices } from '../../presenters/family-forms';
import { londonDay, londonInstant, readDate, todayParts } from '../../presenters/form-dates';
import { errorsOf, libProblems } from './form-problems';
import { heading, idParam } from './review-id';

/** Family involvement is recorded by the coordinator or the review's independent chair (the family lib's rule). */
const FAMILY_WRITERS = ['coordinator', 'independent_chair'] as const;
type Form = Record<string, unknown>;
type Values = Record<string, string | undefined>;

/** Where each field's error summary link goes: a date input's first box. */
const FIRST_INPUT: Record<string, string> = { occurredAt: 'occurredAt-day' };

/**
 * The forms of the review file's parts: add a family member and record a contact with the
 * family. Plain POST forms with the CSRF token, checked with the family lib's own DTOs, a GOV.UK
 * error summary (400) for a bad answer, then post-redirect-get to the Family page with a banner.
 */
@Controller('reviews')
export class ReviewFileFormsController {
  constructor(
    private readonly reviews: ReviewQueries,
    private readonly family: FamilyService,
    private readonly clock: Clock,
  ) {}

  // ---- Add a family member ----------------------------------------------------------------

  @Get(':id/family/add-member')
  @PageRoles(...FAMILY_WRITERS)
  async addMemberPage(@CurrentActor() actor: Actor, @Param('id') id: string, @Res() res: Response): Promise<void> {
    const review = await this.reviews.get(actor, idParam(id));
    this.renderMember(res, review, {});
  }

  @Post(':id/family/add-member')
  @PageRoles(...FAMILY_WRITERS)
  async addMember(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: Form, @Req() req: Request, @Res() res: Response) {
    const review = await this.reviews.get(actor, idParam(id));
    const values: Values = {
      pseudonym: answer(body.pseudonym),
      relationship: answer(body.relationship),
      contactPreference: answer(body.contactPreference),
      advocateOrganisation: answer(body.advocateOrganisation),
      advocateRole: answer(body.advocateRole),
      involvement: answer(body.involvement),
    };
    const { value, problems } = await dtoProblems(CreateFamilyMemberDto, values, MEMBER_WORDS);
    if (Object.keys(problems).length) return this.renderMember(res.status(400), review, values, problems);
    try {
      await this.family.create(actor, review.id, value);
    } catch (error) {
      const fields = libProblems(error, MEMBER_WORDS);
      if (!fields) throw error;
      return this.renderMember(res.status(400), review, values, fields);
    }
    req.session.flash = { success: `${value.pseudonym} added to the family members` };
    res.redirect(303, `/reviews/${review.id}/family`);
  }

  private renderMember(res: Response, review: VisibleReview, values: Values, problems?: Record<string, string>): void {
    res.render('pages/review-file/add-family-member', {
      review: heading(review, 'family'),
      values,
      ...memberChoices(values),
      errors: problems ? errorsOf(problems, FIRST_INPUT) : undefined,
    });
  }

  // ---- Record a contact -------------------------------------------------------------------

  @Get(':id/family/record-contact')
  @PageRoles(...FAMILY_WRITERS)
  async contactPage(@CurrentActor() actor: Actor, @Param('id') id: string, @Res() res: Response): Promise<void> {
    const review = await this.reviews.get(actor, idParam(id));
    const today = todayParts(this.clock.now());
    await this.renderContact(res, actor, review, {
      'occurredAt-day': today.day,
      'occurredAt-month': today.month,
      'occurredAt-year': today.year,
    });
  }

  @Post(':id/family/record-contact')
  @PageRoles(...FAMILY_WRITERS)
  async recordContact(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() body: Form,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const review = await this.reviews.get(actor, idParam(id));
    const values: Values = {
      familyMemberId: answer(body.familyMemberId),
      'occurredAt-day': answer(body['occurredAt-day']),
      'occurredAt-month': answer(body['occurredAt-month']),
      'occurredAt-year': answer(body['occurredAt-year']),
      'occurredAt-time': answer(body['occurredAt-time']),
      method: answer(body.method),
      direction: answer(body.direction),
      summary: answer(body.summary),
    };
    const members = await this.family.list(actor, review.id);
    const problems: Record<string, string> = {};
    const member = members.find((m) => m.id === values.familyMemberId);
    if (!member) problems.familyMemberId = 'Select the family member';
    const occurredAt = this.contactTime(values);
    const checked = await dtoProblems(
      LogFamilyContactDto,
      {
        occurredAt: 'problem' in occurredAt ? undefined : occurredAt.iso,
        method: values.method,
        direction: values.direction,
        summary: values.summary,
      },
      CONTACT_WORDS,
    );
    Object.assign(problems, checked.problems);
    if ('problem' in occurredAt) problems.occurredAt = occurredAt.problem;
    if (Object.keys(problems).length) return this.renderContact(res.status(400), actor, review, values, problems);
    try {
      await this.family.logContact(actor, review.id, member!.id, checked.value);
    } catch (error) {
      const fields = libProblems(error, { ...CONTACT_WORDS, occurredAt: () => 'The date of the contact must be today or in the past' });
      if (!fields) throw error;
      return this.renderContact(res.status(400), actor, review, values, fields);
    }
    req.session.flash = { success: `Contact with ${member!.pseudonym} recorded` };
    res.redirect(303, `/reviews/${review.id}/family`);
  }

  /** "When did this happen?": a date and an optional time in London; without a time, now if today, else midday. */
  private contactTime(values: Values): { iso: string } | { problem: string } {
    const read = readDate(values, 'occurredAt', true);
    if (!read) return { problem: 'Enter the date of the contact' };
    if ('problem' in read)
      return {
        problem:
          read.problem === 'time'
            ? 'Enter the time of the contact like 2:30pm, or leave it blank'
            : read.problem === 'incomplete'
              ? `The date of the contact must include a ${read.parts.join(' and ')}`
              : 'The date of the contact must be a real date',
      };
    const now = this.clock.now();
    const instant = read.time
      ? londonInstant(read.date, read.time.hour, read.time.minute)
      : read.date === londonDay(now)
        ? now
        : londonInstant(read.date, 12, 0);
    if (instant.getTime() > now.getTime()) return { problem: 'The date of the contact must be today or in the past' };
    return { iso: instant.toISOString() };
  }

  private async renderContact(res: Response, actor: Actor, review: VisibleReview, values: Values, problems?: Record<string, string>) {
    const members = await this.family.list(actor, review.id);
    res.render('pages/review-file/record-contact', {
      review: heading(review, 'family'),
      values,
      ...contactChoices(values, members),
      errors: problems ? errorsOf(problems, FIRST_INPUT) : undefined,
    });
  }
}
