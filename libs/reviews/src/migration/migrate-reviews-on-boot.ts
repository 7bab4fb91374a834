import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ReviewMigrationService } from './review-migration.service';

/**
 * Every app that can apply events brings running reviews to the current workflow
 * version as it starts, so a deploy that adds a version needs no manual step (the
 * migrate-reviews script remains for one review or a chosen pair of versions). A
 * failure is logged and the review stays on its version, which this build still runs.
 */
@Injectable()
export class MigrateReviewsOnBoot implements OnApplicationBootstrap {
  private readonly logger = new Logger('WorkflowMigration');

  constructor(private readonly migration: ReviewMigrationService) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const outcome of await this.migration.migrateRunningToCurrent()) {
      if (outcome.migrated > 0) this.logger.log(`migrated ${outcome.migrated} running review(s) from v${outcome.from} to v${outcome.to}`);
      if (outcome.failure) {
        this.logger.error(`review ${outcome.failure.reviewId} stays on v${outcome.from}: ${outcome.failure.reason}`);
      }
    }
  }
}
