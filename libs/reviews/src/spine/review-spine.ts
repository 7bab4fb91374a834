import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditWriter, diffFields } from '@dhr/audit';
import { ClocksService } from '@dhr/clocks';
import { Clock, DomainError, recordIdempotentWrite, replayedReviewId } from '@dhr/core';
import { Actor, IdentityDirectory } from '@dhr/identity';
import { WorkflowRegistry } from '@dhr/workflow';
import { CreateReviewDto } from '../create-review.dto';
import { assertPastFact, londonDate, parseEventBody } from '../events/parse-event';
import { ReviewFile } from '../file/review-file';
import { auditReview } from '../file/review-audit';
import { allocateReference } from '../review-reference';
import { ReviewEntity } from '../review.entities';
import { involvedAgencyIds } from '../review-scope';
import { ReviewViews } from '../views/review-views';
import type { VisibleReview } from '../views/review.view';
import { appendHistory } from './review-writes';

/**
 * The spine's writes: a review is created from a notification, and every later change
 * of its state is one event applied by the pure statechart in one transaction.
 */
@Injectable()
export class ReviewSpine {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly file: ReviewFile,
    private readonly workflows: WorkflowRegistry,
    private readonly clocks: ClocksService,
    private readonly clock: Clock,
    private readonly audit: AuditWriter,
    private readonly views: ReviewViews,
    private readonly directory: IdentityDirectory,
  ) {}

  async create(actor: Actor, dto: CreateReviewDto): Promise<VisibleReview> {
    const replayed = replayedReviewId();
    if (replayed) return this.replay(actor, replayed);
    if (actor.partnershipId !== dto.partnershipId)
      throw DomainError.field('partnershipId', 'you may only record reviews for your own partnership');
    const now = this.clock.now();
    const notifiedAt = new Date(dto.notifiedAt);
    assertPastFact('notifiedAt', notifiedAt, now, dto.deathDate);
    if (dto.deathDate > londonDate(now)) throw DomainError.field('deathDate', 'must not be in the future');

    const workflow = this.workflows.current;
    const created = await this.file.transaction(async (manager) => {
      const reference = await allocateReference(this.directory, manager, dto.partnershipId, Number(londonDate(notifiedAt).slice(0, 4)));
      const started = workflow.start({ notifiedAt: notifiedAt.toISOString() });
      const view = workflow.view(started.snapshot);
      const repo = manager.getRepository(ReviewEntity);
      const review = await repo.save(
        repo.create({
          reference,
          partnershipId: dto.partnershipId,
          workflowName: workflow.name,
          workflowVersion: workflow.version,
          snapshot: started.snapshot,
          stage: view.stage,
          onHold: view.onHold,
          chairUserId: view.context.chairUserId,
          involvedAgencyIds: involvedAgencyIds(view.context),
          notifiedAt,
          notifiedBy: dto.notifiedBy,
          deathDate: dto.deathDate,
          victimPseudonym: dto.victimPseudonym,
          perpetratorPseudonym: dto.perpetratorPseudonym ?? null,
          policeForceArea: dto.policeForceArea ?? null,
          createdBy: actor.userId,
          createdAt: now,
          updatedAt: now,
          version: 1,
        }),
      );
      await appendHistory(
        manager,
        review,
        actor.userId,
        { type: 'NOTIFIED', payload: { notifiedBy: dto.notifiedBy }, occurredAt: notifiedAt, fromStage: null, toStage: view.stage },
        now,
      );
      await this.clocks.applyEffects(manager, review, started.effects, now);
      await recordIdempotentWrite(manager, review.id);
      const after = { ...dto, stage: view.stage, reference, workflowVersion: workflow.version };
      await auditReview(this.audit, manager, actor, now, {
        action: 'review.create',
        partnershipId: review.partnershipId,
        reviewId: review.id,
        changes: diffFields({}, after),
      });
      return { review, workflow: view };
    });
    // Read after COMMIT, in parallel on the pool, as after an event.
    return this.views.one(this.db.manager, actor, { ...created, access: 'full' });
  }

  /**
   * Validates, authorises and applies one event; 409 when the stage or a concurrent change forbids it.
   * The row lock serialises events on one review: a racing request waits, then applies against the
   * new version (or gets 409 if it named the old one).
   */
  applyEvent(actor: Actor, reviewId: string, body: unknown): Promise<VisibleReview> {
    const event = parseEventBody(body); // a malformed body is a 400 naming the field, whether or not the review is visible
    if (replayedReviewId() === reviewId) return this.replay(actor, reviewId);
    return this.file.changeThenView(actor, reviewId, { event }, async (tx) => {
      await tx.apply(body);
      await recordIdempotentWrite(tx.manager, reviewId);
    });
  }

  /**
   * The retry of a request whose write committed but whose answer was never stored (its process was
   * killed in between): nothing is written again; the answer is the review as it is now, read as a GET.
   */
  private replay(actor: Actor, reviewId: string): Promise<VisibleReview> {
    return this.file.readThenView(actor, reviewId, {}, (tx) => tx.audit('review.read'));
  }
}
