import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditWriter, diffFields } from '@dhr/audit';
import { ApiError, Clock, inTransaction } from '@dhr/core';
import type { Actor } from '@dhr/identity';
import { auditReview, findVisibleReview, type ReviewEntity } from '@dhr/reviews';
import { RecommendationEntity, RecommendationScope } from './action-plan.entities';
import type { CreateRecommendationDto, UpdateRecommendationDto } from './recommendation.dto';
import { assertRecommendationStage } from './review-lookup';

export interface RecommendationView {
  id: string;
  reviewId: string;
  number: number;
  scope: RecommendationScope;
  text: string;
  ownerAgencyId: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

function recommendationView(r: RecommendationEntity): RecommendationView {
  return {
    id: r.id,
    reviewId: r.reviewId,
    number: r.number,
    scope: r.scope,
    text: r.text,
    ownerAgencyId: r.ownerAgencyId,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

const audited = (r: Partial<RecommendationEntity>) => ({ number: r.number, scope: r.scope, text: r.text, ownerAgencyId: r.ownerAgencyId });

/** The recommendations of a review's report, written by its coordinators and its independent chair. */
@Injectable()
export class RecommendationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  create(actor: Actor, reviewId: string, dto: CreateRecommendationDto): Promise<RecommendationView> {
    return inTransaction(this.db, async (manager) => {
      // The review row lock serialises numbering (and holds the stage still) for the transaction.
      const review = await this.writableReview(manager, actor, reviewId);
      assertRecommendationStage(review);
      const ownerAgencyId = dto.ownerAgencyId ?? null;
      await this.assertOwner(manager, review, dto.scope, ownerAgencyId);
      const [{ next }] = (await manager.query(
        'SELECT coalesce(max(number), 0)::int + 1 AS next FROM recommendations WHERE review_id = $1',
        [review.id],
      )) as { next: number }[];
      const now = this.clock.now();
      const repo = manager.getRepository(RecommendationEntity);
      const row = repo.create({
        id: randomUUID(),
        reviewId: review.id,
        number: next,
        scope: dto.scope,
        text: dto.text,
        ownerAgencyId,
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      });
      await repo.insert(row);
      await auditReview(this.audit, manager, actor, now, {
        partnershipId: review.partnershipId,
        reviewId: review.id,
        action: 'recommendation.create',
        entity: 'recommendation',
        entityId: row.id,
        changes: diffFields({}, audited(row)),
      });
      return recommendationView(row);
    });
  }

  update(actor: Actor, reviewId: string, recommendationId: string, dto: UpdateRecommendationDto): Promise<RecommendationView> {
    return inTransaction(this.db, async (manager) => {
      const review = await this.writableReview(manager, actor, reviewId, 'recommendation');
      const repo = manager.getRepository(RecommendationEntity);
      const before = await repo.findOneBy({ id: recommendationId, reviewId: review.id });
      if (!before) throw ApiError.notFound('recommendation');
      assertRecommendationStage(review);
      const after = Object.assign(new RecommendationEntity(), before, {
        scope: dto.scope ?? before.scope,
        text: dto.text ?? before.text,
        ownerAgencyId: dto.ownerAgencyId === undefined ? before.ownerAgencyId : dto.ownerAgencyId,
      });
      await this.assertOwner(manager, review, after.scope, after.ownerAgencyId);
      const changes = diffFields(audited(before), audited(after));
      if (Object.keys(changes).length === 0) return recommendationView(before);
      after.updatedAt = this.clock.now();
      await repo.update(
        { id: before.id },
        { scope: after.scope, text: after.text, ownerAgencyId: after.ownerAgencyId, updatedAt: after.updatedAt },
      );
      await auditReview(this.audit, manager, actor, after.updatedAt, {
        partnershipId: review.partnershipId,
        reviewId: review.id,
        action: 'recommendation.update',
        entity: 'recommendation',
        entityId: before.id,
        changes,
      });
      return recommendationView(after);
    });
  }

  /** Coordinators and the review's own chair (the route's roles); a csp chair or agency contact may not write. */
  private async writableReview(manager: EntityManager, actor: Actor, reviewId: string, notFound = 'review'): Promise<ReviewEntity> {
    const { review, access } = await findVisibleReview(manager, actor, reviewId, { lock: true, notFound });
    if (access !== 'full' || (actor.role !== 'coordinator' && actor.role !== 'independent_chair'))
      throw ApiError.forbidden('recommendations are written by the coordinator or the review’s independent chair');
    return review;
  }

  private async assertOwner(manager: EntityManager, review: ReviewEntity, scope: RecommendationScope, ownerAgencyId: string | null) {
    if (ownerAgencyId === null) {
      if (scope === 'local') throw ApiError.field('ownerAgencyId', 'is required for a local recommendation');
      return;
    }
    const rows = (await manager.query('SELECT 1 FROM agencies WHERE id = $1 AND partnership_id = $2', [
      ownerAgencyId,
      review.partnershipId,
    ])) as unknown[];
    if (rows.length === 0) throw ApiError.field('ownerAgencyId', "is not an agency of the review's partnership");
  }
}
