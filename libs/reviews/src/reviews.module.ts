import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@dhr/audit';
import { ClocksModule } from '@dhr/clocks';
import { WorkflowModule } from '@dhr/workflow';
import { ReviewMigrationService } from './migration/review-migration.service';
import { ReviewEntity, ReviewEventEntity } from './review.entities';
import { ReviewExtensions } from './review-extensions';
import { ReviewsService } from './reviews.service';

@Module({
  imports: [TypeOrmModule.forFeature([ReviewEntity, ReviewEventEntity]), WorkflowModule, ClocksModule, AuditModule],
  providers: [ReviewsService, ReviewMigrationService, ReviewExtensions],
  exports: [ReviewsService, ReviewMigrationService, ReviewExtensions],
})
export class ReviewsModule {}
