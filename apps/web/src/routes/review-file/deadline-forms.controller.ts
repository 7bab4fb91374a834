import { Body, Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { RULEBOOK } from '@dhr/clocks';
import { Clock, DomainError } from '@dhr/core';
import { Actor, CurrentActor } from '@dhr/identity';
import { independentChairMayMove, ReviewQueries, ReviewSpine, type VisibleReview } from '@dhr/reviews';
import type { DeadlineKind } from '@dhr/workflows/dhr/contract';
import type { Rulebook } from '@dhr/workflows/dhr/rulebook';
import { PageRoles } from '../../auth/page-access';
import { dueDate } from '../../presenters/dates';
import { CHANGE_DUE_DATE_FORM, deadlineSummary, NO_CHOICES, whyNotMovable } from '../../presenters/deadline-forms';
import type { DeadlineEntry } from '../../presenters/deadlines.presenter';
import { domainErrors, Errors, formFields, readForm, Values, valuesOf } from '../../presenters/event-forms';
import { heading, idParam } from './review-id';

/** Who may move a deadline: the API's EXTEND_DEADLINE roles (the chair only theirs, checked per deadline below). */
const MOVERS = ['coordinator', 'independent_chair'] as const;
const FORM = CHANGE_DUE_DATE_FORM;
type Form = Record<string, unknown>;

/**
 * Changing a deadline's due date in the pages (EXTEND_DEADLINE): from the Deadlines page's
 * "Change due date", a form with the new date and the reason, sent through the spine with the
 * signed-in actor; the Deadlines page again with a banner (post, redirect, get). A deadline not
 * of this review is the 404 page; one the review's chair does not own is 403 (as the API); one
 * not running, or a review where dates cannot change now, says why.
 */
@Controller('reviews')
export class DeadlineFormsController {
  constructor(
    private readonly reviews: ReviewQueries,
    private readonly spine: ReviewSpine,
    private readonly clock: Clock,
    @Inject(RULEBOOK) private readonly rulebook: Rulebook,
  ) {}

  @Get(':id/deadlines/:deadlineId/change')
  @PageRoles(...MOVERS)
  async changePage(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Param('deadlineId') deadlineId: string,
    @Res() res: Response,
  ): Promise<void> {
    const { review, deadline } = await this.find(actor, id, deadlineId);
    const refused = whyNotMovable(deadline, review.allowedEvents.includes('EXTEND_DEADLINE'));
    if (refused) return this.renderRefused(res, review, refused);
    this.render(res, review, deadline, {}, review.version);
  }

  @Post(':id/deadlines/:deadlineId/change')
  @PageRoles(...MOVERS)
  async change(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Param('deadlineId') deadlineId: string,
    @Body() body: Form,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const { review, deadline } = await this.find(actor, id, deadlineId);
    const refused = whyNotMovable(deadline, review.allowedEvents.includes('EXTEND_DEADLINE'));
    if (refused) return this.renderRefused(res.status(409), review, refused);
    const values = valuesOf(FORM, body);
    const expectedVersion = versionOf(body.expectedVersion);
    const read = readForm(FORM, body, NO_CHOICES, this.clock.now());
    if ('errors' in read) return this.render(res.status(400), review, deadline, values, expectedVersion, { errors: read.errors });
    let updated: VisibleReview;
    try {
      updated = await this.spine.applyEvent(actor, review.id, {
        type: 'EXTEND_DEADLINE',
        deadlineId: deadline.id,
        ...read.payload,
        ...(expectedVersion ? { expectedVersion } : {}),
      });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const fields = error.code === 'validation_failed' ? (error.details.fields ?? []) : [];
      // The deadline stopped running between the page and the answer (met, paused, withdrawn).
      if (fields.some((f) => f.field === 'deadlineId'))
        return this.renderRefused(res.status(409), review, 'This deadline is no longer running, so its due date cannot be changed.');
      if (error.code === 'validation_failed')
        return this.render(res.status(400), review, deadline, values, expectedVersion, { errors: domainErrors(FORM, fields) });
      if (error.code === 'invalid_transition')
        return this.renderRefused(res.status(409), review, 'Due dates cannot be changed at this stage of the review.');
      if (error.code === 'conflict') {
        const fresh = await this.find(actor, review.id, deadline.id);
        return this.render(res.status(409), fresh.review, fresh.deadline, values, fresh.review.version, {
          banner:
            'Someone else changed this review while you were filling in this form. Check the deadline below, then send the form again if it is still needed.',
        });
      }
      throw error;
    }
    const summary = this.summary(review, deadline);
    const moved = updated.deadlines.find((d) => d.id === deadline.id);
    req.session.flash = {
      success: `Due date changed: ${summary.what}, ${summary.who} – now due ${moved ? dueDate(moved.dueAt) : 'on the new date'}`,
    };
    res.redirect(303, `/reviews/${review.id}/deadlines`);
  }

  /** The review and one of its deadlines as this person sees them (404 otherwise); the chair's own deadlines only (403). */
  private async find(actor: Actor, id: string, deadlineId: string): Promise<{ review: VisibleReview; deadline: DeadlineEntry }> {
    const review = await this.reviews.get(actor, idParam(id));
    const wanted = idParam(deadlineId, 'deadline');
    const deadline = ((await this.reviews.deadlines(actor, review.id)) as DeadlineEntry[]).find((d) => d.id === wanted);
    if (!deadline) throw DomainError.notFound('deadline');
    if (actor.role === 'independent_chair' && !independentChairMayMove(this.rulebook, deadline.kind as DeadlineKind))
      throw DomainError.forbidden('an independent chair moves only the deadlines they own');
    return { review, deadline };
  }

  private summary(review: VisibleReview, deadline: DeadlineEntry) {
    const actions = new Map(review.actions.map((a) => [a.id, a.description]));
    return deadlineSummary(deadline, this.clock.now(), {
      chair: review.chair?.name ?? null,
      actionDescription: (actionId) => actions.get(actionId) ?? null,
    });
  }

  private render(
    res: Response,
    review: VisibleReview,
    deadline: DeadlineEntry,
    values: Values,
    expectedVersion: number | null,
    shown: { errors?: Errors; banner?: string } = {},
  ): void {
    res.render('pages/review-file/change-due-date', {
      review: heading(review, 'deadlines'),
      deadline: this.summary(review, deadline),
      fields: formFields(FORM, NO_CHOICES, values, shown.errors),
      errors: shown.errors,
      banner: shown.banner,
      expectedVersion,
      action: `/reviews/${review.id}/deadlines/${deadline.id}/change`,
      backLink: `/reviews/${review.id}/deadlines`,
    });
  }

  private renderRefused(res: Response, review: VisibleReview, reason: string): void {
    res.render('pages/review-file/not-now', {
      review: heading(review, 'deadlines'),
      title: 'This due date cannot be changed',
      reason,
      back: { href: `/reviews/${review.id}/deadlines`, text: 'Back to deadlines' },
    });
  }
}

function versionOf(value: unknown): number | null {
  return typeof value === 'string' && /^[1-9][0-9]{0,8}$/.test(value) ? Number(value) : null;
}
