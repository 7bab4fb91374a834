import { Controller, Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Clock } from '@dhr/core';
import { Actor, CurrentActor, MembershipService } from '@dhr/identity';
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
    private readonly memberships: MembershipService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @PageRoles('agency_contact')
  async requests(@CurrentActor() actor: Actor, @Query('page') pageParam: unknown, @Res() res: Response): Promise<void> {
    const page = pageNumber(pageParam);
    const { items, total } = await this.reviews.list(actor, listQuery(page));
    const now = this.clock.now();
    // Requests come from every agency the person is a contact of, in whichever partnership
    // (each read as that membership: the access rules of each apply); the review list below is
    // the partnership the pages work in now.
    const asContact = (await this.memberships.of(actor.userId)).filter((m) => m.role === 'agency_contact');
    const acting = asContact.length ? asContact : [{ partnershipId: actor.partnershipId, partnershipName: null, agencyId: actor.agencyId }];
    const rows = [];
    for (const membership of acting) {
      const member: Actor = { ...actor, role: 'agency_contact', partnershipId: membership.partnershipId, agencyId: membership.agencyId };
      const all = await this.reviews.list(
        member,
        Object.assign(new ListReviewsQuery(), { sort: 'nextDue', page: 1, limit: REQUESTS_REVIEWS }),
      );
      for (const review of all.items) {
        const partnership = acting.length > 1 ? membership.partnershipName : null;
        rows.push(...requestRows(review, await this.meetings.list(member, review.id), now).map((r) => ({ ...r, partnership })));
      }
    }
    res.render('pages/requests/requests', {
      requests: sortRequests(rows),
      severalPartnerships: acting.length > 1,
      rows: items.map((review) => reviewRow(review, now)),
      pagination: pagination(page, 20, total, '/requests'),
      total,
    });
  }
}
