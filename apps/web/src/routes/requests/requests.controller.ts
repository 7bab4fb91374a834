import { Controller, Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Clock } from '@dhr/core';
import { Actor, CurrentActor } from '@dhr/identity';
import { MeetingsService } from '@dhr/meetings';
import { ListReviewsQuery, ReviewQueries } from '@dhr/reviews';
import { PageRoles } from '../../auth/page-access';
import { requestRows, sortRequests } from '../../presenters/requests.presenter';
import { pagination, reviewRow } from '../../presenters/review-list.presenter';
import { listQuery, pageNumber } from '../reviews/reviews.controller';

/** How many of the agency's reviews the requests table reads (the most the list query gives in one page). */
const REQUESTS_REVIEWS = 200;

/**
 * An agency contact's landing page: what their agency has been asked for across its reviews
 * (scoping, IMR, actions, meetings) with due tags and a link to do each, then the reviews their
 * agency is on, by their own agency's next deadline.
 */
@Controller('requests')
export class RequestsController {
  constructor(
    private readonly reviews: ReviewQueries,
    private readonly meetings: MeetingsService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @PageRoles('agency_contact')
  async requests(@CurrentActor() actor: Actor, @Query('page') pageParam: unknown, @Res() res: Response): Promise<void> {
    const page = pageNumber(pageParam);
    const { items, total } = await this.reviews.list(actor, listQuery(page));
    const now = this.clock.now();
    const all = await this.reviews.list(
      actor,
      Object.assign(new ListReviewsQuery(), { sort: 'nextDue', page: 1, limit: REQUESTS_REVIEWS }),
    );
    const rows = [];
    for (const review of all.items) rows.push(...requestRows(review, await this.meetings.list(actor, review.id), now));
    res.render('pages/requests/requests', {
      requests: sortRequests(rows),
      rows: items.map((review) => reviewRow(review, now)),
      pagination: pagination(page, 20, total, '/requests'),
      total,
    });
  }
}
