import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { diffFields } from '@dhr/audit';
import { DomainError } from '@dhr/core';
import { Actor, IdentityDirectory } from '@dhr/identity';
import { assertStageGate, ReviewFile, ReviewFileOptions, ReviewTx } from '@dhr/reviews';
import { RecommendationEntity, RecommendationScope } from './action-plan.entities';
import type { CreateRecommendationDto, UpdateRecommendationDto } from './recommendation.dto';
import {
  assertRouting,
  isCalendarDate,
  londonToday,
  RecommendationRouting,
  recommendationRouting,
  ROUTING_FIELDS,
} from './recommendation-routing';

export interface RecommendationView {
  id: string;
  reviewId: string;
  number: number;
  scope: RecommendationScope;
  text: string;
  ownerAgencyId: string | null;
  /** Where a national recommendation was sent and the response; null for a local one. */
  routing: RecommendationRouting | null;
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
    routing: recommendationRouting(r),
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

const audited = (r: Partial<RecommendationEntity>) => ({
  number: r.number,
  scope: r.scope,
  text: r.text,
  ownerAgencyId: r.ownerAgencyId,
  department: r.department,
  sentOn: r.sentOn,
  response: r.response,
  respondedOn: r.respondedOn,
});

/** A field of the change: given (a value or null, which clears it) or left as it was. */
const given = <T>(value: T | undefined, before: T): T => (value === undefined ? before : value);
const trimmed = (value: string | null | undefined) => (typeof value === 'string' ? value.trim() : value);

/** Coordinators and the review's own chair (the route's roles); a csp chair or agency contact may not write. */
const writers: NonNullable<ReviewFileOptions['authorise']> = (actor, access) => {
  if (access !== 'full' || (actor.role !== 'coordinator' && actor.role !== 'independent_chair'))
    throw DomainError.forbidden('recommendations are written by the coordinator or the review’s independent chair');
};

/** The recommendations of a review's report, written by its coordinators and its independent chair. */
@Injectable()
export class RecommendationsService {
  constructor(
    private readonly file: ReviewFile,
    private readonly directory: IdentityDirectory,
  ) {}

  create(actor: Actor, reviewId: string, dto: CreateRecommendationDto): Promise<RecommendationView> {
    // The file's lock on the review serialises numbering (and holds the stage still) for the transaction.
    return this.file.change(actor, reviewId, { authorise: writers, gate: 'recommendations' }, async (tx) => {
      const ownerAgencyId = dto.ownerAgencyId ?? null;
      await this.assertOwner(tx, dto.scope, ownerAgencyId);
      const [{ next }] = (await tx.manager.query(
        'SELECT coalesce(max(number), 0)::int + 1 AS next FROM recommendations WHERE review_id = $1',
        [tx.review.id],
      )) as { next: number }[];
      const repo = tx.manager.getRepository(RecommendationEntity);
      const row = repo.create({
        id: randomUUID(),
        reviewId: tx.review.id,
        number: next,
        scope: dto.scope,
        text: dto.text,
        ownerAgencyId,
        department: null,
        sentOn: null,
        response: null,
        respondedOn: null,
        createdBy: actor.userId,
        createdAt: tx.now,
        updatedAt: tx.now,
      });
      await repo.insert(row);
      await tx.audit('recommendation.create', { entity: 'recommendation', entityId: row.id, changes: diffFields({}, audited(row)) });
      return recommendationView(row);
    });
  }

  update(actor: Actor, reviewId: string, recommendationId: string, dto: UpdateRecommendationDto): Promise<RecommendationView> {
    return this.file.change(actor, reviewId, { notFound: 'recommendation', authorise: writers }, async (tx) => {
      const repo = tx.manager.getRepository(RecommendationEntity);
      const before = await repo.findOneBy({ id: recommendationId, reviewId: tx.review.id });
      if (!before) throw DomainError.notFound('recommendation');
      // Gated after the lookup: a recommendation that is not there is a 404 at any stage.
      assertStageGate(tx.review.stage, 'recommendations');
      const after = Object.assign(new RecommendationEntity(), before, {
        scope: dto.scope ?? before.scope,
        text: dto.text ?? before.text,
        ownerAgencyId: given(dto.ownerAgencyId, before.ownerAgencyId),
        department: given(trimmed(dto.department), before.department),
        sentOn: given(dto.sentOn, before.sentOn),
        response: given(trimmed(dto.response), before.response),
        respondedOn: given(dto.respondedOn, before.respondedOn),
      });
      await this.assertOwner(tx, after.scope, after.ownerAgencyId);
      for (const field of ['sentOn', 'respondedOn'] as const) {
        const date = dto[field];
        if (typeof date === 'string' && !isCalendarDate(date)) throw DomainError.field(field, 'must be a real date like 2026-03-06');
      }
      for (const field of ['department', 'response'] as const) if (after[field] === '') throw DomainError.field(field, 'must not be blank');
      assertRouting(
        after,
        londonToday(tx.now),
        ROUTING_FIELDS.filter((f) => dto[f] !== undefined),
      );
      const changes = diffFields(audited(before), audited(after));
      if (Object.keys(changes).length === 0) return recommendationView(before);
      after.updatedAt = tx.now;
      await repo.update(
        { id: before.id },
        {
          scope: after.scope,
          text: after.text,
          ownerAgencyId: after.ownerAgencyId,
          department: after.department,
          sentOn: after.sentOn,
          response: after.response,
          respondedOn: after.respondedOn,
          updatedAt: after.updatedAt,
        },
      );
      await tx.audit('recommendation.update', { entity: 'recommendation', entityId: before.id, changes });
      return recommendationView(after);
    });
  }

  private async assertOwner(tx: ReviewTx, scope: RecommendationScope, ownerAgencyId: string | null): Promise<void> {
    if (ownerAgencyId === null) {
      if (scope === 'local') throw DomainError.field('ownerAgencyId', 'is required for a local recommendation');
      return;
    }
    if (!(await this.directory.agencyInPartnership(ownerAgencyId, tx.review.partnershipId, tx.manager)))
      throw DomainError.field('ownerAgencyId', "is not an agency of the review's partnership");
  }
}
