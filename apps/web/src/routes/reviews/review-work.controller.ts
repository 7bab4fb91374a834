import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { RULEBOOK } from '@dhr/clocks';
import { Clock, DomainError } from '@dhr/core';
import { Actor, CurrentActor, IdentityDirectory } from '@dhr/identity';
import { CreateReviewDto, EVENT_CATALOGUE, ReviewQueries, ReviewSpine, type VisibleReview } from '@dhr/reviews';
import type { Rulebook } from '@dhr/workflows/dhr/rulebook';
import { PageRoles } from '../../auth/page-access';
import {
  domainErrors,
  Errors,
  EventForm,
  eventForm,
  eventTypeOf,
  FormContext,
  isOnBehalfTask,
  onBehalfTask,
  formFields,
  initialValues,
  readForm,
  Values,
  valuesOf,
} from '../../presenters/event-forms';
import { guidanceTasks } from '../../presenters/guidance-tasks.presenter';
import { NOTIFICATION_FORM } from '../../presenters/notification-form';
import { reportVersionRows } from '../../presenters/report-versions.presenter';
import { reviewHeader } from '../../presenters/review-page.presenter';
import { HistoryEntry, namedUserIds, timelineItems } from '../../presenters/timeline.presenter';
import { takeFlash } from './review-work-session';
import { taskReturnTo } from './task-return';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EVERY_ROLE = ['coordinator', 'csp_chair', 'independent_chair', 'agency_contact'] as const;
type Form = Record<string, unknown>;

/** Events recorded on another page: the task links there instead of to a form. */
const ELSEWHERE_TASKS: Record<string, { text: string; href: (reviewId: string) => string }> = {
  // Recorded by uploading a draft.
  SUBMIT_DRAFT: { text: 'Upload a draft report', href: (reviewId) => `/reviews/${reviewId}/drafts` },
  // Each deadline's "Change due date", for the deadlines this person may move.
  EXTEND_DEADLINE: { text: 'Change a due date', href: (reviewId) => `/reviews/${reviewId}/deadlines` },
};

/** Not an id: the same 404 page as a review that is not there, or not theirs to see. */
function reviewId(id: string): string {
  if (!UUID.test(id)) throw DomainError.notFound('review');
  return id;
}

/** The review's header, as every page of the review shows it. */
function heading(review: VisibleReview, section: 'overview' | 'tasks' | 'timeline') {
  return { ...reviewHeader(review), section };
}

/**
 * Doing a review's work in the pages: the tasks this person may do now (the Review's
 * allowedEvents), one form per event built from its description, "Check and confirm" for
 * irreversible steps, the timeline, and recording a notification. Every change goes through
 * the spine with the signed-in actor; plain POST forms, post-redirect-get.
 */
@Controller('reviews')
export class ReviewWorkController {
  constructor(
    private readonly spine: ReviewSpine,
    private readonly reviews: ReviewQueries,
    private readonly directory: IdentityDirectory,
    private readonly clock: Clock,
    @Inject(RULEBOOK) private readonly rulebook: Rulebook,
  ) {}

  // ---- Record a notification ------------------------------------------------------------

  @Get('new')
  @PageRoles('coordinator')
  newReview(@Req() req: Request, @Res() res: Response): void {
    const pending = req.session.newReview;
    this.renderNotification(res, pending?.values ?? initialValues(NOTIFICATION_FORM, this.clock.now()));
  }

  @Post('new')
  @PageRoles('coordinator')
  checkNewReview(@Req() req: Request, @Res() res: Response, @Body() body: Form): void {
    const values = valuesOf(NOTIFICATION_FORM, body);
    const read = readForm(NOTIFICATION_FORM, body, emptyContext(), this.clock.now());
    if ('errors' in read) return this.renderNotification(res.status(400), values, read.errors);
    req.session.newReview = { payload: read.payload, values, answers: read.answers.map((a) => ({ ...a, href: `/reviews/new${a.href}` })) };
    res.redirect(303, '/reviews/new/check');
  }

  @Get('new/check')
  @PageRoles('coordinator')
  checkAnswers(@Req() req: Request, @Res() res: Response): void {
    const pending = req.session.newReview;
    if (!pending) return res.redirect(303, '/reviews/new');
    res.render('pages/reviews/new-review-check', { answers: pending.answers, backLink: '/reviews/new' });
  }

  @Post('new/check')
  @PageRoles('coordinator')
  async createReview(@CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response): Promise<void> {
    const pending = req.session.newReview;
    if (!pending) return res.redirect(303, '/reviews/new');
    const dto = Object.assign(new CreateReviewDto(), { ...pending.payload, partnershipId: actor.partnershipId });
    try {
      const review = await this.spine.create(actor, dto);
      delete req.session.newReview;
      req.session.flash = { success: `Notification recorded. The review’s reference is ${review.reference}.` };
      res.redirect(303, `/reviews/${review.id}`);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'validation_failed') throw error;
      this.renderNotification(res.status(400), pending.values, domainErrors(NOTIFICATION_FORM, error.details.fields ?? []));
    }
  }

  private renderNotification(res: Response, values: Values, errors?: Errors): void {
    res.render('pages/reviews/new-review', {
      fields: formFields(NOTIFICATION_FORM, emptyContext(), values, errors),
      errors,
      backLink: '/reviews',
    });
  }

  // ---- Tasks ------------------------------------------------------------------------------

  @Get(':id/tasks')
  @PageRoles(...EVERY_ROLE)
  async tasks(@CurrentActor() actor: Actor, @Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const review = await this.reviews.get(actor, reviewId(id));
    this.renderTasks(res, review, { flash: takeFlash(req) });
  }

  @Get(':id/tasks/:type')
  @PageRoles(...EVERY_ROLE)
  async eventPage(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Param('type') type: string,
    @Query('returnTo') returnToParam: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    this.assertTask(actor, type);
    const review = await this.reviews.get(actor, reviewId(id));
    const form = eventForm(type, review, actor.role)!;
    if (!taskAllowed(review, type)) return this.renderTasks(res, review, { refused: form.task });
    // Back from "Check and confirm" (a Change link): the answers given, not a blank form, and where they came from.
    const pending = req.session.pendingEvent;
    const back = pending && pending.reviewId === review.id && pending.type === type ? pending : null;
    const values = back ? back.values : { ...initialValues(form, this.clock.now()), ...chosenInLink(form, req.query) };
    const returnTo = taskReturnTo(returnToParam) ?? back?.returnTo ?? null;
    await this.renderEvent(res, actor, review, type, form, values, review.version, { returnTo });
  }

  @Post(':id/tasks/:type')
  @PageRoles(...EVERY_ROLE)
  async sendEvent(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Param('type') type: string,
    @Req() req: Request,
    @Res() res: Response,
    @Body() body: Form,
  ): Promise<void> {
    this.assertTask(actor, type);
    const review = await this.reviews.get(actor, reviewId(id));
    const form = eventForm(type, review, actor.role)!;
    const values = valuesOf(form, body);
    const expectedVersion = versionOf(body.expectedVersion);
    const returnTo = taskReturnTo(body.returnTo);
    if (!taskAllowed(review, type)) return this.renderTasks(res.status(409), review, { refused: form.task });
    const read = readForm(form, body, await this.context(actor, review, type, form), this.clock.now());
    if ('errors' in read)
      return this.renderEvent(res.status(400), actor, review, type, form, values, expectedVersion, { errors: read.errors, returnTo });
    if (form.confirm) {
      req.session.pendingEvent = {
        reviewId: review.id,
        type,
        payload: read.payload,
        answers: read.answers,
        values,
        expectedVersion,
        returnTo,
      };
      return res.redirect(303, `/reviews/${review.id}/tasks/${type}/confirm`);
    }
    await this.apply(actor, req, res, review, type, form, read.payload, values, expectedVersion, returnTo);
  }

  @Get(':id/tasks/:type/confirm')
  @PageRoles(...EVERY_ROLE)
  async confirmPage(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Param('type') type: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const confirming = await this.confirming(actor, id, type, req, res);
    if (!confirming) return;
    const { form, review, pending } = confirming;
    res.render('pages/reviews/confirm-event', {
      review: heading(review, 'tasks'),
      form,
      type,
      question: `Are you sure you want to ${form.task[0].toLowerCase()}${form.task.slice(1)}?`,
      confirmButton: `Yes, ${form.task[0].toLowerCase()}${form.task.slice(1)}`,
      answers: pending.answers.map((a) => ({ ...a, href: `/reviews/${review.id}/tasks/${type}${a.href}` })),
      reportVersions: reportVersionRows(eventTypeOf(type), review),
      backLink: `/reviews/${review.id}/tasks/${type}`,
      cancelLink: pending.returnTo ?? `/reviews/${review.id}/tasks`,
    });
  }

  @Post(':id/tasks/:type/confirm')
  @PageRoles(...EVERY_ROLE)
  async confirmEvent(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Param('type') type: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const confirming = await this.confirming(actor, id, type, req, res);
    if (!confirming) return;
    const { form, review, pending } = confirming;
    delete req.session.pendingEvent;
    await this.apply(
      actor,
      req,
      res,
      review,
      type,
      form,
      pending.payload,
      pending.values,
      pending.expectedVersion,
      pending.returnTo ?? null,
    );
  }

  /** The event waiting for its confirmation, or (having sent the person back to its form) null. */
  private async confirming(actor: Actor, id: string, type: string, req: Request, res: Response) {
    this.assertTask(actor, type);
    const review = await this.reviews.get(actor, reviewId(id));
    const form = eventForm(type, review, actor.role)!;
    const pending = req.session.pendingEvent;
    if (!form.confirm || !pending || pending.reviewId !== review.id || pending.type !== type) {
      res.redirect(303, `/reviews/${review.id}/tasks/${type}`);
      return null;
    }
    return { form, review, pending };
  }

  // ---- Timeline ---------------------------------------------------------------------------

  @Get(':id/timeline')
  @PageRoles(...EVERY_ROLE)
  async timeline(@CurrentActor() actor: Actor, @Param('id') id: string, @Res() res: Response): Promise<void> {
    const review = await this.reviews.get(actor, reviewId(id));
    const history = (await this.reviews.history(actor, review.id)) as HistoryEntry[];
    const named = await this.directory.names({ userIds: namedUserIds(history) });
    res.render('pages/reviews/timeline', {
      review: heading(review, 'timeline'),
      items: timelineItems(history, (userId) => named.user(userId)?.name ?? null),
    });
  }

  // ---- The work itself --------------------------------------------------------------------

  /** The pages have a form for the event (404 otherwise) and the person's role may ever send it (403 otherwise): before the review is read. */
  private assertTask(actor: Actor, type: string): void {
    const spec = EVENT_CATALOGUE[eventTypeOf(type) as keyof typeof EVENT_CATALOGUE];
    if (!eventForm(type) || !spec) throw DomainError.notFound('task');
    // A chair's or CSP chair's step recorded for them: only a coordinator does that.
    const may = isOnBehalfTask(type) ? actor.role === 'coordinator' : spec.roles.includes(actor.role);
    if (!may) throw DomainError.forbidden();
  }

  private async apply(
    actor: Actor,
    req: Request,
    res: Response,
    review: VisibleReview,
    type: string,
    form: EventForm,
    payload: Record<string, unknown>,
    values: Values,
    expectedVersion: number | null,
    returnTo: string | null = null,
  ): Promise<void> {
    const shown = { returnTo };
    try {
      await this.spine.applyEvent(actor, review.id, {
        type: eventTypeOf(type),
        ...form.fixed,
        ...payload,
        ...(expectedVersion ? { expectedVersion } : {}),
      });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.code === 'validation_failed')
        return this.renderEvent(res.status(400), actor, review, type, form, values, expectedVersion, {
          ...shown,
          errors: domainErrors(form, error.details.fields ?? []),
        });
      if (error.code === 'invalid_transition') {
        const fresh = await this.reviews.get(actor, review.id);
        return this.renderTasks(res.status(409), fresh, { refused: form.task });
      }
      if (error.code === 'conflict') {
        const fresh = await this.reviews.get(actor, review.id);
        return this.renderEvent(res.status(409), actor, fresh, type, form, values, fresh.version, {
          ...shown,
          banner:
            'Someone else changed this review while you were filling in this form. Check the review’s overview and timeline, then send the form again if it is still needed.',
        });
      }
      if (error.code === 'invalid_stage' || error.code === 'identifying_terms_found')
        return this.renderEvent(res.status(409), actor, review, type, form, values, expectedVersion, {
          ...shown,
          banner:
            error.code === 'identifying_terms_found'
              ? 'Identifying terms were found in the documents to be published. Remove them from the documents, then try again.'
              : `This cannot be recorded at this stage: ${error.message}`,
        });
      throw error;
    }
    // Back to the list the person came from, saying which review; else to the review itself.
    const recorded = form.recordedFor?.(payload) ?? form.recorded;
    req.session.flash = { success: returnTo ? `${recorded}: review ${review.reference}` : recorded };
    res.redirect(303, returnTo ?? `/reviews/${review.id}`);
  }

  /** The agencies of the review's partnership and its independent chairs, by name, for the form's choices. */
  private async context(actor: Actor, review: VisibleReview, type: string, form: EventForm): Promise<FormContext> {
    const needs = (kind: string) => form.fields.some((f) => f.kind === kind);
    const agencies = needs('agency') || needs('action') || needs('request') ? await this.directory.agenciesOf(review.partnershipId) : [];
    let chairs: { id: string; name: string }[] = [];
    const representatives = needs('representative') ? await this.representatives(review, eventTypeOf(type)) : undefined;
    if (needs('chair')) {
      const ids = await this.directory.userIdsWithRole(review.partnershipId, ['independent_chair']);
      const names = await this.directory.names({ userIds: ids });
      chairs = ids
        .map((id) => names.user(id))
        .filter((u): u is { id: string; name: string } => u !== null)
        .sort((a, b) => a.name.localeCompare(b.name));
    }
    return {
      review: { panel: review.panel, scoping: review.scoping, actions: review.actions },
      agencies,
      chairs,
      representatives,
      ownAgencyId: actor.role === 'agency_contact' ? actor.agencyId : null,
      holdScopes: this.rulebook.holdScopes,
    };
  }

  /** Whom the coordinator may record this step for: the review's chair and the partnership's CSP chairs, as the event allows. */
  private async representatives(review: VisibleReview, type: string): Promise<{ id: string; name: string }[]> {
    const roles = EVENT_CATALOGUE[type as keyof typeof EVENT_CATALOGUE]?.roles ?? [];
    const ids = [
      ...(roles.includes('csp_chair') ? await this.directory.userIdsWithRole(review.partnershipId, ['csp_chair']) : []),
      ...(roles.includes('independent_chair') && review.chairUserId ? [review.chairUserId] : []),
    ];
    const names = await this.directory.names({ userIds: ids });
    return ids.map((id) => names.user(id)).filter((u): u is { id: string; name: string } => u !== null);
  }

  private async renderEvent(
    res: Response,
    actor: Actor,
    review: VisibleReview,
    type: string,
    form: EventForm,
    values: Values,
    expectedVersion: number | null,
    shown: { errors?: Errors; banner?: string; returnTo?: string | null } = {},
  ): Promise<void> {
    const ctx = await this.context(actor, review, type, form);
    const returnTo = shown.returnTo ?? null;
    const fields = formFields(form, ctx, values, shown.errors);
    res.render('pages/reviews/event-form', {
      review: heading(review, 'tasks'),
      form,
      type,
      fields,
      reportVersions: reportVersionRows(eventTypeOf(type), review),
      nothingToChoose: fields.some((f) => 'empty' in f && f.empty),
      expectedVersion,
      errors: shown.errors,
      banner: shown.banner,
      button: form.confirm ? 'Continue' : 'Record',
      returnTo,
      backLink: returnTo ?? `/reviews/${review.id}/tasks`,
      action: `/reviews/${review.id}/tasks/${type}`,
    });
  }

  private renderTasks(res: Response, review: VisibleReview, shown: { flash?: { success: string } | null; refused?: string }): void {
    const form = (type: string) => eventForm(type, review);
    // What the coordinator may record for a chair or CSP chair now.
    const onBehalf = ('allowedOnBehalf' in review ? (review.allowedOnBehalf as string[]) : [])
      .filter((type) => form(onBehalfTask(type)))
      .map((type) => ({ text: eventForm(type, review)!.task, href: `/reviews/${review.id}/tasks/${onBehalfTask(type)}` }));
    // The guidance's steps have a section of their own.
    const tasks = review.allowedEvents
      .filter((type) => type !== 'RECORD_GUIDANCE_STEP' && (form(type) || ELSEWHERE_TASKS[type]))
      .map((type) => ({
        type,
        text: form(type)?.task ?? ELSEWHERE_TASKS[type].text,
        href: ELSEWHERE_TASKS[type] ? ELSEWHERE_TASKS[type].href(review.id) : `/reviews/${review.id}/tasks/${type}`,
      }));
    res.render('pages/reviews/tasks', {
      review: heading(review, 'tasks'),
      tasks,
      onBehalf,
      guidance: guidanceTasks(
        review.id,
        review.stage,
        'guidance' in review ? review.guidance : null,
        review.allowedEvents.includes('RECORD_GUIDANCE_STEP'),
      ),
      uploadHref: `/reviews/${review.id}/documents/upload`,
      elsewhere: review.allowedEvents.some((type) => type !== 'RECORD_GUIDANCE_STEP' && !form(type) && !ELSEWHERE_TASKS[type]),
      flash: shown.flash,
      refused: shown.refused,
    });
  }
}

/** The review allows this task now: its event for this person, or (on someone's behalf) for the chair they record it for. */
function taskAllowed(review: VisibleReview, task: string): boolean {
  const type = eventTypeOf(task);
  if (isOnBehalfTask(task)) return 'allowedOnBehalf' in review && (review.allowedOnBehalf as string[]).includes(type);
  return review.allowedEvents.includes(type);
}

/**
 * A choice made by the link that opened the form (the requests page's "Complete" links an action,
 * the Deadlines page's "Withdraw request" a request): an id, or a request kind and an id, nothing else.
 */
function chosenInLink(form: EventForm, query: Request['query']): Values {
  const chosen: Values = {};
  for (const f of form.fields) {
    const value = query[f.name];
    if (typeof value !== 'string') continue;
    if ((f.kind === 'action' || f.kind === 'agency') && UUID.test(value)) chosen[f.name] = value;
    if (f.kind === 'request' && /^(scoping|imr):/.test(value) && UUID.test(value.split(':')[1])) chosen[f.name] = value;
  }
  return chosen;
}

function versionOf(value: unknown): number | null {
  return typeof value === 'string' && /^[1-9][0-9]{0,8}$/.test(value) ? Number(value) : null;
}

function emptyContext(): FormContext {
  return { review: { panel: [], scoping: [], actions: [] }, agencies: [], chairs: [], ownAgencyId: null };
}
