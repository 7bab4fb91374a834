import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@dhr/audit';
import { ClocksModule } from '@dhr/clocks';
import { IdentityModule } from '@dhr/identity';
import { MetricsModule } from '@dhr/ops';
import { WorkflowModule } from '@dhr/workflow';
import { ReviewFile } from './file/review-file';
import { MigrateReviewsOnBoot } from './migration/migrate-reviews-on-boot';
import { ReviewMigrationService } from './migration/review-migration.service';
import { ReviewQueries } from './queries/review-queries';
import { ReviewReadModel } from './queries/review-read-model';
import { ReviewEntity, ReviewEventEntity } from './review.entities';
import { ReviewExtensions } from './review-extensions';
import { EventApplier } from './spine/event-applier';
import { ReviewSpine } from './spine/review-spine';
import { ReviewViews } from './views/review-views';

@Module({
  imports: [
    TypeOrmModule.forFeature([ReviewEntity, ReviewEventEntity]),
    WorkflowModule,
    ClocksModule,
    AuditModule,
    IdentityModule,
    MetricsModule,
  ],
  providers: [
    ReviewReadModel,
    ReviewFile,
    ReviewSpine,
    ReviewQueries,
    ReviewViews,
    EventApplier,
    ReviewMigrationService,
    ReviewExtensions,
    MigrateReviewsOnBoot,
  ],
  exports: [ReviewReadModel, ReviewFile, ReviewSpine, ReviewQueries, ReviewMigrationService, ReviewExtensions],
})
export class ReviewsModule {}
