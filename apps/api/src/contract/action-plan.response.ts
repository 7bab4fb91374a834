import { ApiProperty } from '@nestjs/swagger';
import { RECOMMENDATION_SCOPES } from '@dhr/action-plan';
import { STAGES } from '@dhr/workflows/dhr/contract';
import { RecommendationRouting, RecommendationSummary } from './review.response';

// libs/action-plan: recommendations.service.ts (recommendationView) and action-plan.view.ts.

export class Recommendation {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) reviewId: string;
  @ApiProperty({ type: 'integer', description: '1, 2, 3… per review' }) number: number;
  @ApiProperty({ enum: RECOMMENDATION_SCOPES }) scope: string;
  @ApiProperty() text: string;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) ownerAgencyId: string | null;
  @ApiProperty({ type: () => RecommendationRouting, nullable: true, description: 'national recommendations only; null for a local one' })
  routing: RecommendationRouting | null;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class PlanAction {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) agencyId: string;
  @ApiProperty() description: string;
  @ApiProperty({ type: 'string', nullable: true, description: 'a role or team in the agency' }) owner: string | null;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
  @ApiProperty({ enum: ['open', 'complete'] }) status: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) completedAt: string | null;
  @ApiProperty() overdue: boolean;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) recommendationId: string | null;
}

export class PlanRecommendation extends RecommendationSummary {
  @ApiProperty({ type: [PlanAction] }) actions: PlanAction[];
}

export class ActionPlanSummary {
  @ApiProperty({ type: 'integer' }) actions: number;
  @ApiProperty({ type: 'integer' }) complete: number;
  @ApiProperty({ type: 'integer' }) open: number;
  @ApiProperty({ type: 'integer' }) overdue: number;
}

/** Agency contacts see their own agency's actions and the recommendations their agency owns or holds actions for. */
export class ActionPlan {
  @ApiProperty({ format: 'uuid' }) reviewId: string;
  @ApiProperty() reference: string;
  @ApiProperty({ enum: STAGES }) stage: string;
  @ApiProperty({ type: [PlanRecommendation] }) recommendations: PlanRecommendation[];
  @ApiProperty({ type: [PlanAction], description: 'actions linked to no recommendation' }) unlinkedActions: PlanAction[];
  @ApiProperty({ type: () => ActionPlanSummary }) summary: ActionPlanSummary;
}
