import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditWriter, diffFields } from '@dhr/audit';
import { DomainError, Clock, inTransaction } from '@dhr/core';
import { WorkflowRegistry } from '@dhr/workflow';
import { ReviewEntity } from '../review.entities';
import { appendHistory, saveSnapshot } from '../spine/review-writes';

/** The history entry a migration leaves; payload `{ from, to }`, actor null when run by the system. */
export const WORKFLOW_MIGRATED = 'WORKFLOW_MIGRATED';

export interface MigrationOutcome {
  from: number;
  to: number;
}

export interface BulkMigrationOutcome {
  migrated: number;
  /** Already on the target version when locked (another run got there first). */
  skipped: number;
  /** The review that stopped the run, if one did; reviews migrated before it stay migrated. */
  failure: { reviewId: string; reason: string } | null;
}

/**
 * Moves running reviews from the workflow version they started under to a later
 * one, through the registry's snapshot migrations. Reviews are never migrated
 * implicitly: each stays on its version until this is asked for.
 */
@Injectable()
export class ReviewMigrationService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly workflows: WorkflowRegistry,
    private readonly clock: Clock,
    private readonly audit: AuditWriter,
  ) {}

  /**
   * Migrates one review in one transaction: the row lock makes it wait for (and
   * then apply after) any event being applied to the review, like the spine does.
   */
  async migrate(reviewId: string, toVersion: number, actorId: string | null): Promise<MigrationOutcome> {
    return inTransaction(this.db, async (manager) => {
      const review = await lockReview(manager, reviewId);
      if (review.workflowName !== this.workflows.name) {
        throw new Error(`review ${reviewId} runs workflow ${review.workflowName}, not ${this.workflows.name}`);
      }
      const from = review.workflowVersion;
      if (from === toVersion) return { from, to: toVersion };

      const before = this.workflows.get(from).view(review.snapshot);
      // Throws (and so rolls back) when there is no path or the target cannot read the result.
      const snapshot = this.workflows.migrate(review.snapshot, from, toVersion);
      const after = this.workflows.get(toVersion).view(snapshot);
      const now = this.clock.now();

      // The spine's own writes: snapshot with its access columns under the version check, then history.
      // The history row carries the new version: from here on the review's events are applied by it.
      const saved = await saveSnapshot(manager, review, snapshot, after, now, toVersion);
      await appendHistory(
        manager,
        saved,
        actorId,
        { type: WORKFLOW_MIGRATED, payload: { from, to: toVersion }, occurredAt: now, fromStage: before.stage, toStage: after.stage },
        now,
      );
      await this.audit.record(manager, {
        chain: review.partnershipId,
        actorId,
        actorRole: actorId ? null : 'system',
        action: 'review.workflow_migrated',
        reviewId: review.id,
        entity: 'review',
        entityId: review.id,
        changes: diffFields({ workflowVersion: from, stage: before.stage }, { workflowVersion: toVersion, stage: after.stage }),
        at: now,
      });
      return { from, to: toVersion };
    });
  }

  /**
   * Migrates every review still running on `fromVersion`, one transaction per
   * review so a long run never holds more than one lock. Closed reviews keep the
   * version they finished under. Stops at the first failure: a migration that
   * cannot handle one snapshot is a bug to fix before going on, and a re-run picks
   * up where this one stopped.
   */
  async migrateAll(
    fromVersion: number,
    toVersion: number,
    actorId: string | null,
    { pageSize = 100 }: { pageSize?: number } = {},
  ): Promise<BulkMigrationOutcome> {
    if (toVersion <= fromVersion) throw new Error(`cannot migrate reviews from v${fromVersion} to v${toVersion}`);
    this.workflows.get(toVersion); // refuse an unknown target before touching any review
    const outcome: BulkMigrationOutcome = { migrated: 0, skipped: 0, failure: null };
    let lastId: string | null = null;
    for (;;) {
      const ids = await this.runningReviewIds(fromVersion, lastId, pageSize);
      for (const id of ids) {
        try {
          const result = await this.migrate(id, toVersion, actorId);
          if (result.from === result.to) outcome.skipped++;
          else outcome.migrated++;
        } catch (error) {
          outcome.failure = { reviewId: id, reason: error instanceof Error ? error.message : String(error) };
          return outcome;
        }
      }
      if (ids.length < pageSize) return outcome;
      lastId = ids[ids.length - 1];
    }
  }

  /**
   * Brings every running review on an older version of this build's workflow to the
   * current one (at start-up: a deploy that adds a version migrates its reviews).
   * Safe to run from several processes at once: each review is locked and skipped
   * once another got there first.
   */
  async migrateRunningToCurrent(): Promise<(BulkMigrationOutcome & MigrationOutcome)[]> {
    const to = this.workflows.current.version;
    const outcomes: (BulkMigrationOutcome & MigrationOutcome)[] = [];
    for (const from of this.workflows.versionNumbers.filter((version) => version < to)) {
      outcomes.push({ from, to, ...(await this.migrateAll(from, to, null)) });
    }
    return outcomes;
  }

  /** One page of not-closed reviews on `version`, keyset-paged by id. */
  private async runningReviewIds(version: number, afterId: string | null, limit: number): Promise<string[]> {
    const qb = this.db
      .getRepository(ReviewEntity)
      .createQueryBuilder('r')
      .select('r.id', 'id')
      .where('r.workflow_name = :name AND r.workflow_version = :version AND r.stage <> :closed', {
        name: this.workflows.name,
        version,
        closed: 'closed',
      });
    if (afterId !== null) qb.andWhere('r.id > :afterId', { afterId });
    const rows = await qb.orderBy('r.id').limit(limit).getRawMany<{ id: string }>();
    return rows.map((row) => row.id);
  }
}

async function lockReview(manager: EntityManager, id: string): Promise<ReviewEntity> {
  const review = await manager
    .getRepository(ReviewEntity)
    .createQueryBuilder('r')
    .where('r.id = :id', { id })
    .setLock('for_no_key_update')
    .getOne();
  if (!review) throw DomainError.notFound('review');
  return review;
}
