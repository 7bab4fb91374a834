// Moves running reviews to a later workflow version, after a build that registers
// it (see "Workflow versions" in the README):
//   node dist/scripts/migrate-reviews.js --from 1 --to 2          every running v1 review
//   node dist/scripts/migrate-reviews.js --to 2 --review <uuid>   one review
// Reads the same environment as the app. History records the migration with no actor.
import { parseArgs } from 'node:util';
import { DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DomainError, CoreModule, DatabaseModule, loadConfig } from '@dhr/core';
import { JobsModule } from '@dhr/jobs';
import { ReviewMigrationService, ReviewsModule } from '@dhr/reviews';

const USAGE = 'usage: migrate-reviews --from <version> --to <version> | --to <version> --review <review id>';

/** Just enough of the app to reach the reviews: ReviewsModule needs the jobs module, as in the api. */
@Module({})
class MigrateReviewsModule {
  static forRoot(): DynamicModule {
    return { module: MigrateReviewsModule, imports: [CoreModule.forRoot(loadConfig()), DatabaseModule, JobsModule, ReviewsModule] };
  }
}

function versionArg(name: string, value: string | undefined): number {
  const version = Number(value);
  if (!Number.isInteger(version) || version < 1) throw new Error(`--${name} must be a workflow version number\n${USAGE}`);
  return version;
}

type Plan = { reviewId: string; to: number } | { from: number; to: number };

/** Checked before booting anything, so a typo costs nothing. */
function planFromArgs(): Plan {
  const { values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' }, review: { type: 'string' } } });
  const to = versionArg('to', values.to);
  return values.review !== undefined ? { reviewId: values.review, to } : { from: versionArg('from', values.from), to };
}

async function main(): Promise<void> {
  const plan = planFromArgs();
  const app = await NestFactory.createApplicationContext(MigrateReviewsModule.forRoot(), { logger: ['error', 'warn'] });
  try {
    const migration = app.get(ReviewMigrationService);
    if ('reviewId' in plan) {
      const { from } = await migration.migrate(plan.reviewId, plan.to, null);
      console.warn(from === plan.to ? `already on v${plan.to}` : `migrated from v${from} to v${plan.to}`);
      return;
    }
    const outcome = await migration.migrateAll(plan.from, plan.to, null);
    console.warn(`migrated ${outcome.migrated} review(s) from v${plan.from} to v${plan.to}, skipped ${outcome.skipped}`);
    if (outcome.failure) {
      console.error(`stopped at review ${outcome.failure.reviewId}: ${outcome.failure.reason}`);
      process.exitCode = 1;
    }
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof DomainError ? JSON.stringify(error.body) : error instanceof Error ? error.message : error);
  process.exit(1);
});
