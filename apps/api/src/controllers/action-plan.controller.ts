import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  ActionPlanService,
  CreateRecommendationDto,
  PartnershipExportQuery,
  RecommendationsService,
  UpdateRecommendationDto,
} from '@dhr/action-plan';
import { ApiError } from '@dhr/core';
import { Actor, CurrentActor, Roles } from '@dhr/identity';
import { UUID_PARAM } from '../uuid-param';

const READERS = ['coordinator', 'csp_chair', 'independent_chair', 'agency_contact'] as const;
const WRITERS = ['coordinator', 'independent_chair'] as const;
const RECOMMENDATION_ID_PARAM = new ParseUUIDPipe({ exceptionFactory: () => ApiError.field('recommendationId', 'must be a UUID') });

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
  create(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string, @Body() body: CreateRecommendationDto) {
    return this.recommendations.create(actor, id, body);
  }

  @Roles(...WRITERS)
  @Patch('reviews/:id/recommendations/:recommendationId')
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
  get(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string) {
    return this.plans.get(actor, id);
  }

  @Roles(...READERS)
  @Get('reviews/:id/action-plan/export')
  @ApiProduces('text/csv')
  async exportReview(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string, @Res({ passthrough: true }) res: Response) {
    return sendCsv(res, await this.plans.exportReview(actor, id));
  }

  @Roles('coordinator', 'csp_chair')
  @Get('action-plans/export')
  @ApiProduces('text/csv')
  async exportPartnership(@CurrentActor() actor: Actor, @Query() query: PartnershipExportQuery, @Res({ passthrough: true }) res: Response) {
    return sendCsv(res, await this.plans.exportPartnership(actor, query.partnershipId));
  }
}

function sendCsv(res: Response, file: { fileName: string; csv: string }): string {
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${file.fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`);
  return file.csv;
}
