import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CreateRecommendationDto, RecommendationsService } from '@dhr/action-plan';
import { DomainError } from '@dhr/core';
import { Actor, CurrentActor, IdentityDirectory } from '@dhr/identity';
import { ReviewQueries, type VisibleReview } from '@dhr/reviews';
import { PageRoles } from '../../auth/page-access';
import { answer, dtoProblems } from '../../presenters/dto-errors';
import { RECOMMENDATION_WORDS, recommendationChoices } from '../../presenters/recommendation-forms';
import { errorsOf, libProblems } from './form-problems';
import { heading, idParam, passesGate } from './review-id';

/** Recommendations are written by the review's coordinators and its own independent chair (the action-plan lib's rule, as the API). */
const WRITERS = ['coordinator', 'independent_chair'] as const;
const NOT_NOW = 'Recommendations are recorded from drafting until the review is closed.';
type Form = Record<string, unknown>;
type Values = Record<string, string | undefined>;

/**
 * "Add a recommendation" on the Action plan: local or national, its text, the owning agency by
 * name. Checked with the action-plan lib's own DTO and rule (a local one needs an agency of the
 * partnership); the lib numbers it. A GOV.UK error summary (400) for a bad answer, then the Action
 * plan page with a banner. Actions are the workflow's ADD_ACTION: their form is on the Tasks page.
 */
@Controller('reviews')
export class RecommendationFormsController {
  constructor(
    private readonly reviews: ReviewQueries,
    private readonly recommendations: RecommendationsService,
    private readonly directory: IdentityDirectory,
  ) {}

  @Get(':id/action-plan/add-recommendation')
  @PageRoles(...WRITERS)
  async addPage(@CurrentActor() actor: Actor, @Param('id') id: string, @Res() res: Response): Promise<void> {
    const review = await this.reviews.get(actor, idParam(id));
    if (!passesGate(review.stage, 'recommendations')) return this.renderNotNow(res, review);
    await this.render(res, review, {});
  }

  @Post(':id/action-plan/add-recommendation')
  @PageRoles(...WRITERS)
  async add(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: Form, @Req() req: Request, @Res() res: Response) {
    const review = await this.reviews.get(actor, idParam(id));
    const values: Values = { scope: answer(body.scope), text: answer(body.text), ownerAgencyId: answer(body.ownerAgencyId) };
    const { value, problems } = await dtoProblems(CreateRecommendationDto, values, RECOMMENDATION_WORDS);
    const agencies = await this.directory.agenciesOf(review.partnershipId);
    // The lib's owner rule, said before asking it: a local one needs an owner, and only the partnership's agencies own one.
    const unknownOwner = values.ownerAgencyId !== undefined && !agencies.some((a) => a.id === values.ownerAgencyId);
    if (!problems.ownerAgencyId && (unknownOwner || (values.scope === 'local' && !values.ownerAgencyId)))
      problems.ownerAgencyId = RECOMMENDATION_WORDS.ownerAgencyId('invalid');
    if (Object.keys(problems).length) return this.render(res.status(400), review, values, inPageOrder(problems));
    let number: number;
    try {
      ({ number } = await this.recommendations.create(actor, review.id, value));
    } catch (error) {
      const fields = libProblems(error, RECOMMENDATION_WORDS);
      if (fields) return this.render(res.status(400), review, values, inPageOrder(fields));
      if (error instanceof DomainError && error.code === 'invalid_stage') return this.renderNotNow(res.status(409), review);
      throw error;
    }
    req.session.flash = { success: `Recommendation ${number} added` };
    res.redirect(303, `/reviews/${review.id}/action-plan`);
  }

  private async render(res: Response, review: VisibleReview, values: Values, problems?: Record<string, string>): Promise<void> {
    const agencies = await this.directory.agenciesOf(review.partnershipId);
    res.render('pages/review-file/add-recommendation', {
      review: heading(review, 'action-plan'),
      values,
      ...recommendationChoices(values, agencies),
      errors: problems ? errorsOf(problems) : undefined,
    });
  }

  private renderNotNow(res: Response, review: VisibleReview): void {
    res.render('pages/review-file/not-now', {
      review: heading(review, 'action-plan'),
      title: 'A recommendation cannot be added now',
      reason: NOT_NOW,
      back: { href: `/reviews/${review.id}/action-plan`, text: 'Back to the action plan' },
    });
  }
}

/** The error summary in the order the fields are on the page. */
function inPageOrder(problems: Record<string, string>): Record<string, string> {
  const order = ['scope', 'text', 'ownerAgencyId'];
  return Object.fromEntries(Object.entries(problems).sort(([a], [b]) => order.indexOf(a) - order.indexOf(b)));
}
