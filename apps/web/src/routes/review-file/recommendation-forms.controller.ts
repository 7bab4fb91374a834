import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  ActionPlanService,
  CreateRecommendationDto,
  londonToday,
  RecommendationsService,
  type RecommendationSummary,
  UpdateRecommendationDto,
} from '@dhr/action-plan';
import { Clock, DomainError } from '@dhr/core';
import { Actor, CurrentActor, IdentityDirectory } from '@dhr/identity';
import { ReviewQueries, type VisibleReview } from '@dhr/reviews';
import { PageRoles } from '../../auth/page-access';
import { answer, dtoProblems } from '../../presenters/dto-errors';
import { readDate } from '../../presenters/form-dates';
import { longDate } from '../../presenters/dates';
import { RECOMMENDATION_WORDS, recommendationChoices, ROUTING_WORDS, routingDateProblem } from '../../presenters/recommendation-forms';
import { errorsOf, libProblems } from './form-problems';
import { heading, idParam, passesGate } from './review-id';

/** Recommendations are written by the review's coordinators and its own independent chair (the action-plan lib's rule, as the API). */
const WRITERS = ['coordinator', 'independent_chair'] as const;
const NOT_NOW = 'Recommendations are recorded from drafting until the review is closed.';
type Form = Record<string, unknown>;
type Values = Record<string, string | undefined>;
type Routing = 'sent' | 'response';
type National = RecommendationSummary & { routing: NonNullable<RecommendationSummary['routing']> };

/** The two routing forms: which text field and which date each records, and where an error summary link goes. */
const ROUTING_FORMS = {
  sent: { text: 'department', date: 'sentOn', title: 'Record where it was sent' },
  response: { text: 'response', date: 'respondedOn', title: 'Record the response' },
} as const;

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
    private readonly plans: ActionPlanService,
    private readonly clock: Clock,
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

  // ---- Where a national recommendation was sent, and its response ----------------------------

  @Get(':id/action-plan/recommendations/:recommendationId/sent')
  @PageRoles(...WRITERS)
  sentPage(@CurrentActor() actor: Actor, @Param('id') id: string, @Param('recommendationId') recId: string, @Res() res: Response) {
    return this.routingPage(actor, id, recId, 'sent', res);
  }

  @Post(':id/action-plan/recommendations/:recommendationId/sent')
  @PageRoles(...WRITERS)
  recordSent(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Param('recommendationId') recId: string,
    @Body() body: Form,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    return this.recordRouting(actor, id, recId, 'sent', body, req, res);
  }

  @Get(':id/action-plan/recommendations/:recommendationId/response')
  @PageRoles(...WRITERS)
  responsePage(@CurrentActor() actor: Actor, @Param('id') id: string, @Param('recommendationId') recId: string, @Res() res: Response) {
    return this.routingPage(actor, id, recId, 'response', res);
  }

  @Post(':id/action-plan/recommendations/:recommendationId/response')
  @PageRoles(...WRITERS)
  recordResponse(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Param('recommendationId') recId: string,
    @Body() body: Form,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    return this.recordRouting(actor, id, recId, 'response', body, req, res);
  }

  private async routingPage(actor: Actor, id: string, recId: string, kind: Routing, res: Response): Promise<void> {
    const review = await this.reviews.get(actor, idParam(id));
    const rec = await this.national(actor, review.id, recId);
    if (!passesGate(review.stage, 'recommendations')) return this.renderNotNow(res, review, ROUTING_FORMS[kind].title);
    if (kind === 'response' && !rec.routing.sentOn) return this.renderNotSent(res, review, rec);
    // Changing what was recorded: the form starts from it.
    const { text, date } = ROUTING_FORMS[kind];
    const stored = rec.routing[date];
    const [year, month, day] = stored ? stored.split('-') : [];
    this.renderRouting(res, review, rec, kind, {
      [text]: rec.routing[text] ?? undefined,
      [`${date}-day`]: day ? String(Number(day)) : undefined,
      [`${date}-month`]: month ? String(Number(month)) : undefined,
      [`${date}-year`]: year,
    });
  }

  private async recordRouting(actor: Actor, id: string, recId: string, kind: Routing, body: Form, req: Request, res: Response) {
    const review = await this.reviews.get(actor, idParam(id));
    const rec = await this.national(actor, review.id, recId);
    if (!passesGate(review.stage, 'recommendations')) return this.renderNotNow(res.status(409), review, ROUTING_FORMS[kind].title);
    if (kind === 'response' && !rec.routing.sentOn) return this.renderNotSent(res.status(409), review, rec);
    const { text, date } = ROUTING_FORMS[kind];
    const values: Values = {
      [text]: answer(body[text]),
      [`${date}-day`]: answer(body[`${date}-day`]),
      [`${date}-month`]: answer(body[`${date}-month`]),
      [`${date}-year`]: answer(body[`${date}-year`]),
    };
    const problems: Record<string, string> = {};
    // The lib's DTO checks the text's length; a blank one is missing here (the API would leave it as it was).
    const { problems: textProblems } = await dtoProblems(UpdateRecommendationDto, { [text]: values[text] }, ROUTING_WORDS);
    if (values[text] === undefined) problems[text] = ROUTING_WORDS[text]('missing');
    else if (textProblems[text]) problems[text] = textProblems[text];
    const read = readDate(values, date);
    if (!read) problems[date] = routingDateProblem(date, 'missing');
    else if ('problem' in read) problems[date] = routingDateProblem(date, read.problem, read.parts);
    else if (read.date > londonToday(this.clock.now())) problems[date] = routingDateProblem(date, 'future');
    else if (kind === 'response' && read.date < rec.routing.sentOn!) problems[date] = routingDateProblem(date, 'beforeSent');
    else if (kind === 'sent' && rec.routing.respondedOn && read.date > rec.routing.respondedOn)
      problems[date] = routingDateProblem(date, 'afterResponse');
    if (Object.keys(problems).length) return this.renderRouting(res.status(400), review, rec, kind, values, problems);
    const dated = read && !('problem' in read) ? read.date : undefined;
    try {
      await this.recommendations.update(actor, review.id, rec.id, { [text]: values[text], [date]: dated });
    } catch (error) {
      if (error instanceof DomainError && error.code === 'invalid_stage')
        return this.renderNotNow(res.status(409), review, ROUTING_FORMS[kind].title);
      if (!(error instanceof DomainError) || error.code !== 'validation_failed') throw error;
      // The lib's date rules, said on this form's date: a sent date after a response already recorded, say.
      const reason = error.details.fields?.map((f) => f.reason).join(' ') ?? '';
      const fields = libProblems(error, ROUTING_WORDS) ?? {};
      const onDate = /future/.test(reason) ? routingDateProblem(date, 'future') : (fields[date] ?? fields.sentOn ?? fields.respondedOn);
      const shown = { ...(fields[text] ? { [text]: fields[text] } : {}), ...(onDate ? { [date]: onDate } : {}) };
      return this.renderRouting(res.status(400), review, rec, kind, values, Object.keys(shown).length ? shown : fields);
    }
    req.session.flash = {
      success:
        kind === 'sent'
          ? `Recommendation ${rec.number}: where it was sent has been recorded`
          : `Recommendation ${rec.number}: the response has been recorded`,
    };
    res.redirect(303, `/reviews/${review.id}/action-plan`);
  }

  /** A national recommendation of the review (through the action plan's read, which the audit trail records); else 404. */
  private async national(actor: Actor, reviewId: string, recId: string): Promise<National> {
    const plan = await this.plans.get(actor, reviewId);
    const rec = plan.recommendations.find((r) => r.id === idParam(recId, 'recommendation'));
    if (!rec || !rec.routing) throw DomainError.notFound('recommendation');
    return rec as National;
  }

  private renderRouting(
    res: Response,
    review: VisibleReview,
    rec: National,
    kind: Routing,
    values: Values,
    problems?: Record<string, string>,
  ) {
    const { text, date } = ROUTING_FORMS[kind];
    res.render(`pages/review-file/record-recommendation-${kind}`, {
      review: heading(review, 'action-plan'),
      recommendation: {
        id: rec.id,
        number: rec.number,
        text: rec.text,
        department: rec.routing.department,
        sentOn: rec.routing.sentOn ? longDate(rec.routing.sentOn) : null,
      },
      values,
      errors: problems ? errorsOf(inOrder(problems, [text, date]), { [date]: `${date}-day` }) : undefined,
    });
  }

  private renderNotSent(res: Response, review: VisibleReview, rec: National): void {
    res.render('pages/review-file/not-now', {
      review: heading(review, 'action-plan'),
      title: 'The response cannot be recorded yet',
      reason: `Record where recommendation ${rec.number} was sent before recording the response.`,
      back: { href: `/reviews/${review.id}/action-plan/recommendations/${rec.id}/sent`, text: 'Record where it was sent' },
    });
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

  private renderNotNow(res: Response, review: VisibleReview, title = 'A recommendation cannot be added now'): void {
    res.render('pages/review-file/not-now', {
      review: heading(review, 'action-plan'),
      title,
      reason: NOT_NOW,
      back: { href: `/reviews/${review.id}/action-plan`, text: 'Back to the action plan' },
    });
  }
}

/** The error summary in the order the fields are on the page. */
function inOrder(problems: Record<string, string>, order: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(problems).sort(([a], [b]) => order.indexOf(a) - order.indexOf(b)));
}

const inPageOrder = (problems: Record<string, string>) => inOrder(problems, ['scope', 'text', 'ownerAgencyId']);
