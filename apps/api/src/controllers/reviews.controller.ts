import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@dhr/identity';
import { CreateReviewDto, EventEnvelopeDto, ListReviewsQuery, ReviewsService } from '@dhr/reviews';
import { UUID_PARAM } from '../uuid-param';

const ANY_REVIEW_ROLE = ['coordinator', 'csp_chair', 'independent_chair', 'agency_contact'] as const;

@ApiTags('reviews')
@ApiBearerAuth()
@Controller('reviews')
export class ReviewsController {
  constructor(private readonly reviews: ReviewsService) {}

  @Roles('coordinator')
  @Post()
  create(@CurrentActor() actor: Actor, @Body() body: CreateReviewDto) {
    return this.reviews.create(actor, body);
  }

  @Roles(...ANY_REVIEW_ROLE)
  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ListReviewsQuery) {
    return this.reviews.list(actor, query);
  }

  @Roles(...ANY_REVIEW_ROLE)
  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string) {
    return this.reviews.get(actor, id);
  }

  /** The body is validated per event type inside the service (one DTO per type). */
  @Roles(...ANY_REVIEW_ROLE)
  @Post(':id/events')
  @HttpCode(200)
  @ApiBody({ type: EventEnvelopeDto, description: '{type, ...payload}: see the events table in the README' })
  event(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string, @Body() body: unknown) {
    return this.reviews.applyEvent(actor, id, body);
  }

  @Roles(...ANY_REVIEW_ROLE)
  @Get(':id/history')
  history(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string) {
    return this.reviews.history(actor, id);
  }

  @Roles(...ANY_REVIEW_ROLE)
  @Get(':id/deadlines')
  deadlines(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string) {
    return this.reviews.deadlines(actor, id);
  }
}
