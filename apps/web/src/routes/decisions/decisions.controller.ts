import { Controller, Get, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Clock } from '@dhr/core';
import { Actor, CurrentActor, IdentityDirectory } from '@dhr/identity';
import { ListReviewsQuery, ReviewQueries } from '@dhr/reviews';
import type { Stage } from '@dhr/workflows/dhr/contract';
import { PageRoles } from '../../auth/page-access';
import { decisionCard, signOffCard, uploaders } from '../../presenters/decisions.presenter';
import { reviewRow } from '../../presenters/review-list.presenter';
import { takeFlash } from '../reviews/review-work-session';

/** As many as one list shows; more than that and the page links to the caseload filtered to that stage. */
const LIST_LIMIT = 100;
const ALL_REVIEWS_SHOWN = 10;

const waitingIn = (stage: Stage, limit = LIST_LIMIT) =>
  Object.assign(new ListReviewsQuery(), { stages: [stage], sort: 'nextDue', page: 1, limit });

/**
 * The CSP chair's landing page, "Decisions and sign-off": the reviews waiting for the decision
 * whether to hold a review (notification stage, with the notification's facts) and those
 * waiting for the partnership's sign-off (with the documents to read). Each task opens the
 * review's event form, confirmed on "Check and confirm", and comes back here with a banner.
 */
@Controller('decisions')
export class DecisionsController {
  constructor(
    private readonly reviews: ReviewQueries,
    private readonly directory: IdentityDirectory,
    private readonly clock: Clock,
  ) {}

  @Get()
  @PageRoles('csp_chair')
  async decisions(@CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response): Promise<void> {
    const now = this.clock.now();
    const toDecide = await this.reviews.list(actor, waitingIn('notification'));
    const toSignOff = await this.reviews.list(actor, waitingIn('csp_signoff'));
    // The landing page still lists the partnership's reviews by reference, next deadline first.
    const all = await this.reviews.list(
      actor,
      Object.assign(new ListReviewsQuery(), { sort: 'nextDue', page: 1, limit: ALL_REVIEWS_SHOWN }),
    );
    const names = await this.directory.names({ userIds: uploaders(toSignOff.items) });
    res.render('pages/decisions/decisions', {
      flash: takeFlash(req),
      toDecide: {
        cards: toDecide.items.map((review) => decisionCard(review, now)),
        total: toDecide.total,
        more: toDecide.total > toDecide.items.length ? '/reviews?stage=notification' : null,
      },
      toSignOff: {
        cards: toSignOff.items.map((review) => signOffCard(review, now, (id) => names.user(id)?.name ?? null)),
        total: toSignOff.total,
        more: toSignOff.total > toSignOff.items.length ? '/reviews?stage=csp_signoff' : null,
      },
      all: { rows: all.items.map((review) => reviewRow(review, now)), total: all.total },
    });
  }
}
