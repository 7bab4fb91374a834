import { Controller, Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Clock } from '@dhr/core';
import { Actor, CurrentActor } from '@dhr/identity';
import { ReviewQueries } from '@dhr/reviews';
import { PageRoles } from '../../auth/page-access';
import { pagination, reviewRow } from '../../presenters/review-list.presenter';
import { listQuery, pageNumber } from '../reviews/reviews.controller';

/** An agency contact's landing page: the reviews their agency is on, by their own agency's next deadline. */
@Controller('requests')
export class RequestsController {
  constructor(
    private readonly reviews: ReviewQueries,
    private readonly clock: Clock,
  ) {}

  @Get()
  @PageRoles('agency_contact')
  async requests(@CurrentActor() actor: Actor, @Query('page') pageParam: unknown, @Res() res: Response): Promise<void> {
    const page = pageNumber(pageParam);
    const { items, total } = await this.reviews.list(actor, listQuery(page));
    const now = this.clock.now();
    res.render('pages/requests/requests', {
      rows: items.map((review) => reviewRow(review, now)),
      pagination: pagination(page, 20, total, '/requests'),
      total,
    });
  }
}
