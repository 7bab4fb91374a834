import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@dhr/audit';
import { IdentityModule } from '@dhr/identity';
import { ReviewExtensions, ReviewsModule } from '@dhr/reviews';
import { WorkflowModule } from '@dhr/workflow';
import { ActionDetailEntity, RecommendationEntity } from './action-plan.entities';
import { ActionPlanExtension } from './action-plan.extension';
import { ActionPlanService } from './action-plan.service';
import { RecommendationsService } from './recommendations.service';

/** The action plan: recommendations, their actions, and the progress export. */
@Module({
  imports: [
    TypeOrmModule.forFeature([RecommendationEntity, ActionDetailEntity]),
    ReviewsModule,
    IdentityModule,
    WorkflowModule,
    AuditModule,
  ],
  providers: [ActionPlanService, RecommendationsService, ActionPlanExtension],
  exports: [ActionPlanService, RecommendationsService],
})
export class ActionPlanModule implements OnModuleInit {
  constructor(
    private readonly extensions: ReviewExtensions,
    private readonly extension: ActionPlanExtension,
  ) {}

  onModuleInit(): void {
    this.extensions.register(this.extension);
  }
}
