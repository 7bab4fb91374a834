import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@dhr/identity';
import { CreateReviewDto, ListReviewsQuery, ReviewQueries, ReviewSpine } from '@dhr/reviews';
import { UUID_PARAM } from '../uuid-param';
import { ApiErrors } from '../contract/error-body.response';
import { EVENT_CONTRACT } from '../contract/event-schemas';
import { Deadline, HistoryEntry, Review, ReviewPage } from '../contract/review.response';

const ANY_REVIEW_ROLE = ['coordinator', 'csp_chair', 'independent_chair', 'agency_contact'] as const;

@ApiTags('reviews')
@ApiBearerAuth()
@Controller('reviews')
export class ReviewsController {
  constructor(
    private readonly spine: ReviewSpine,
    private readonly reviews: ReviewQueries,
  ) {}

  @Roles('coordinator')
  @Post()
  @ApiOperation({ operationId: 'createReview', summary: 'Record a new review from its notification (coordinators, own partnership)' })
  @ApiCreatedResponse({ type: Review })
  @ApiErrors([400, '`validation_failed`: also notifiedAt in the future or before deathDate, or another partnership'], 401, 403, 413)
  create(@CurrentActor() actor: Actor, @Body() body: CreateReviewDto) {
    return this.spine.create(actor, body);
  }

  @Roles(...ANY_REVIEW_ROLE)
  @Get()
  @ApiOperation({ operationId: 'listReviews', summary: 'The reviews the caller may see, a page at a time' })
  @ApiOkResponse({ type: ReviewPage })
  @ApiErrors(400, 401, 403)
  list(@CurrentActor() actor: Actor, @Query() query: ListReviewsQuery) {
    return this.reviews.list(actor, query);
  }

  @Roles(...ANY_REVIEW_ROLE)
  @Get(':id')
  @ApiOperation({ operationId: 'getReview', summary: 'One review, as the caller may see it' })
  @ApiOkResponse({ type: Review })
  @ApiErrors(400, 401, 403, 404)
  get(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string) {
    return this.reviews.get(actor, id);
  }

  /** The body is validated per event type inside the service (one DTO per type). */
  @Roles(...ANY_REVIEW_ROLE)
  @Post(':id/events')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'sendEvent',
    summary: 'Send an event: the one way a review moves on',
    description: 'Applied in one transaction with its history, clocks and audit; answers the review as it is now.',
  })
  @ApiBody({ schema: EVENT_CONTRACT.body })
  @ApiOkResponse({ type: Review })
  @ApiErrors(
    [400, '`validation_failed` naming the field: a bad payload, a time in the future or before the death, a document not of this review'],
    401,
    [403, '`forbidden`: your role may not send this event'],
    404,
    [
      409,
      '`invalid_transition` (with `stage` and `allowedEvents`): not allowed now; `conflict`: `expectedVersion` is not the version now; ' +
        '`identifying_terms_found` (with `matches`) or `document_unreadable` (with `documents`): PUBLISH refused by the anonymisation check',
    ],
    413,
  )
  event(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string, @Body() body: unknown) {
    return this.spine.applyEvent(actor, id, body);
  }

  @Roles(...ANY_REVIEW_ROLE)
  @Get(':id/history')
  @ApiOperation({
    operationId: 'getReviewHistory',
    summary: "A review's events, oldest first (agency contacts: those naming their agency)",
  })
  @ApiOkResponse({ type: [HistoryEntry] })
  @ApiErrors(400, 401, 403, 404)
  history(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string) {
    return this.reviews.history(actor, id);
  }

  @Roles(...ANY_REVIEW_ROLE)
  @Get(':id/deadlines')
  @ApiOperation({ operationId: 'getReviewDeadlines', summary: "A review's statutory clocks (agency contacts: their agency's)" })
  @ApiOkResponse({ type: [Deadline] })
  @ApiErrors(400, 401, 403, 404)
  deadlines(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string) {
    return this.reviews.deadlines(actor, id);
  }
}
