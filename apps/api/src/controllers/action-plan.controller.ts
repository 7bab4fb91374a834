import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  ActionPlanService,
  CreateRecommendationDto,
  PartnershipExportQuery,
  RecommendationsService,
  UpdateRecommendationDto,
} from '@dhr/action-plan';
import { DomainError } from '@dhr/core';
import { Actor, CurrentActor, Roles } from '@dhr/identity';
import { UUID_PARAM } from '../uuid-param';
import { ActionPlan, Recommendation } from '../contract/action-plan.response';
import { ApiErrors } from '../contract/error-body.response';
import { ApiFileResponse } from '../contract/file-response';

const READERS = ['coordinator', 'csp_chair', 'independent_chair', 'agency_contact'] as const;
const WRITERS = ['coordinator', 'independent_chair'] as const;
const RECOMMENDATION_ID_PARAM = new ParseUUIDPipe({ exceptionFactory: () => DomainError.field('recommendationId', 'must be a UUID') });

const STAGE_GATE: [409, string] = [409, '`invalid_stage`: recommendations are recorded from drafting until the review is closed'];

@ApiTags('action-plan')
@ApiBearerAuth()
@Controller()
export class ActionPlanController {
  constructor(
    private readonly plans: ActionPlanService,
    private readonly recommendations: RecommendationsService,
  ) {}

  @Roles(...WRITERS)
  @Post('reviews/:id/recommendations')
  @ApiOperation({ operationId: 'addRecommendation', summary: 'Add a recommendation of the review (numbered 1, 2, 3…)' })
  @ApiCreatedResponse({ type: Recommendation })
  @ApiErrors(
    [400, '`validation_failed`: also a local recommendation without an owning agency of the partnership'],
    401,
    403,
    404,
    STAGE_GATE,
    413,
  )
  create(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string, @Body() body: CreateRecommendationDto) {
    return this.recommendations.create(actor, id, body);
  }

  @Roles(...WRITERS)
  @Patch('reviews/:id/recommendations/:recommendationId')
  @ApiOperation({
    operationId: 'updateRecommendation',
    summary:
      'Change a recommendation, or record where a national one was sent (department, sentOn) and its response (response, respondedOn)',
  })
  @ApiOkResponse({ type: Recommendation })
  @ApiErrors(
    [400, '`validation_failed`: also routing on a local recommendation, a date in the future, or a response before it was sent'],
    401,
    403,
    404,
    STAGE_GATE,
    413,
  )
  update(
    @CurrentActor() actor: Actor,
    @Param('id', UUID_PARAM) id: string,
    @Param('recommendationId', RECOMMENDATION_ID_PARAM) recommendationId: string,
    @Body() body: UpdateRecommendationDto,
  ) {
    return this.recommendations.update(actor, id, recommendationId, body);
  }

  @Roles(...READERS)
  @Get('reviews/:id/action-plan')
  @ApiOperation({ operationId: 'getActionPlan', summary: 'Recommendations with their actions, unlinked actions and a summary' })
  @ApiOkResponse({ type: ActionPlan })
  @ApiErrors(400, 401, 403, 404)
  get(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string) {
    return this.plans.get(actor, id);
  }

  @Roles(...READERS)
  @Get('reviews/:id/action-plan/export')
  @ApiProduces('text/csv')
  @ApiOperation({ operationId: 'exportActionPlan', summary: "The review's action plan as CSV, one row per action" })
  @ApiFileResponse('`action-plan-<reference>.csv`, as an attachment', ['text/csv'], 'text')
  @ApiErrors(400, 401, 403, 404)
  async exportReview(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string, @Res({ passthrough: true }) res: Response) {
    return sendCsv(res, await this.plans.exportReview(actor, id));
  }

  @Roles('coordinator', 'csp_chair')
  @Get('action-plans/export')
  @ApiProduces('text/csv')
  @ApiOperation({
    operationId: 'exportPartnershipActionPlans',
    summary: "Every action plan of the partnership's reviews in action_plan or closed, as CSV",
  })
  @ApiFileResponse('`action-plans-<code>.csv`, as an attachment', ['text/csv'], 'text')
  @ApiErrors(400, 401, 403, [404, '`not_found`: not your partnership'])
  async exportPartnership(@CurrentActor() actor: Actor, @Query() query: PartnershipExportQuery, @Res({ passthrough: true }) res: Response) {
    return sendCsv(res, await this.plans.exportPartnership(actor, query.partnershipId));
  }

  @Roles('coordinator', 'csp_chair')
  @Get('partnerships/:id/recommendations.csv')
  @ApiProduces('text/csv')
  @ApiOperation({
    operationId: 'exportPartnershipRecommendations',
    summary:
      "Every recommendation of the partnership's reviews in action_plan or closed, one row each: where national ones were sent, the response and its status",
  })
  @ApiFileResponse('`recommendations-<code>.csv`, as an attachment', ['text/csv'], 'text')
  @ApiErrors(400, 401, 403, [404, '`not_found`: not your partnership'])
  async exportPartnershipRecommendations(
    @CurrentActor() actor: Actor,
    @Param('id', UUID_PARAM) id: string,
    @Res({ passthrough: true }) res: Response,
  ) {
    return sendCsv(res, await this.plans.exportPartnershipRecommendations(actor, id));
  }
}

function sendCsv(res: Response, file: { fileName: string; csv: string }): string {
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${file.fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`);
  return file.csv;
}
