import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Clock, DomainError } from '@dhr/core';
import { Actor, CurrentActor, IdentityDirectory } from '@dhr/identity';
import { ForecastService } from '@dhr/oversight';
import { ListReviewsQuery, ReviewQueries } from '@dhr/reviews';
import { PageRoles } from '../../auth/page-access';
import {
  caseloadHref,
  caseloadQuery,
  FilterChoices,
  filterFields,
  readCaseloadFilters,
  selectedFilters,
  sortHeaders,
} from '../../presenters/caseload-filters';
import { pagination, reviewRow } from '../../presenters/review-list.presenter';
import { reviewPage } from '../../presenters/review-page.presenter';
import { forecastSummary } from '../../presenters/dashboard.presenter';
import { takeFlash } from './review-work-session';

const PAGE_SIZE = 20;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function pageNumber(value: unknown): number {
  const n = typeof value === 'string' && /^[0-9]{1,5}$/.test(value) ? Number(value) : 1;
  return n >= 1 ? n : 1;
}

export function listQuery(page: number): ListReviewsQuery {
  return Object.assign(new ListReviewsQuery(), { sort: 'nextDue', page, limit: PAGE_SIZE });
}

/** The caseload and the review page, read in process with the signed-in actor (one access policy, audited reads). */
@Controller('reviews')
export class ReviewsController {
  constructor(
    private readonly reviews: ReviewQueries,
    private readonly clock: Clock,
    private readonly directory: IdentityDirectory,
    private readonly forecasts: ForecastService,
  ) {}

  /** The caseload (MoJ case list): a plain GET filter form, removable selected filters, sort links, pages that keep the filters. */
  @Get()
  @PageRoles('coordinator', 'csp_chair', 'independent_chair')
  async caseload(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const choices = await this.filterChoices(actor);
    const { filters, errors } = readCaseloadFilters(query, choices);
    const page = pageNumber(query.page);
    const { items, total } = await this.reviews.list(actor, caseloadQuery(filters, page, PAGE_SIZE));
    const now = this.clock.now();
    // Each listed review's forecast, in one set of queries for the page: a tag on those likely to be late.
    const forecasts = actor.partnershipId
      ? await this.forecasts.forListed(
          actor.partnershipId,
          items.map((r) => r.id),
        )
      : [];
    const late = new Set(forecasts.filter((f) => f.likelyLate).map((f) => f.reviewId));
    res.status(errors ? 400 : 200).render('pages/reviews/caseload', {
      rows: items.map((review) => ({ ...reviewRow(review, now), likelyLate: late.has(review.id) })),
      pagination: pagination(page, PAGE_SIZE, total, (n) => caseloadHref(filters, { page: String(n) })),
      total,
      filtered: selectedFilters(filters, choices),
      fields: filterFields(filters, choices, errors),
      sort: sortHeaders(filters),
      errors,
      mayRecordNotification: actor.role === 'coordinator',
    });
  }

  /** The partnership's independent chairs (not offered to an independent chair, who sees only their own) and agencies, by name. */
  private async filterChoices(actor: Actor): Promise<FilterChoices> {
    if (!actor.partnershipId) return { chairs: null, agencies: [] };
    const agencies = await this.directory.agenciesOf(actor.partnershipId);
    if (actor.role === 'independent_chair') return { chairs: null, agencies };
    const ids = await this.directory.userIdsWithRole(actor.partnershipId, ['independent_chair']);
    const names = await this.directory.names({ userIds: ids });
    const chairs = ids
      .map((id) => names.user(id))
      .filter((u): u is { id: string; name: string } => u !== null)
      .sort((a, b) => a.name.localeCompare(b.name));
    return { chairs, agencies };
  }

  @Get(':id')
  @PageRoles('coordinator', 'csp_chair', 'independent_chair', 'agency_contact')
  async review(@CurrentActor() actor: Actor, @Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    // Not an id: the same 404 page as a review that is not there, or not theirs to see.
    if (!UUID.test(id)) throw DomainError.notFound('review');
    const review = await this.reviews.get(actor, id);
    const forecast = forecastSummary(await this.forecasts.forReview(actor, id));
    res.render('pages/reviews/review', { review: await reviewPage(review, this.clock.now()), forecast, flash: takeFlash(req) });
  }
}
