import type { EntityManager } from 'typeorm';
import { ReviewAccess, reviewAccess } from '@dhr/access';
import { ApiError } from '@dhr/core';
import type { Actor } from '@dhr/identity';
import { ReviewEntity } from '@dhr/reviews';
import { STAGES, Stage } from '@dhr/workflows/dhr/v1/dhr.types';

/**
 * The review and how much of it the caller may see; 404 when nothing (naming `notFound`, so on a sub-resource's
 * route a hidden review and a missing sub-resource answer alike). `lock` serialises writers on the review.
 */
export async function findVisibleReview(
  manager: EntityManager,
  actor: Actor,
  id: string,
  lock = false,
  notFound = 'review',
): Promise<{ review: ReviewEntity; access: Exclude<ReviewAccess, 'none'> }> {
  const qb = manager.getRepository(ReviewEntity).createQueryBuilder('r').where('r.id = :id', { id });
  if (lock) qb.setLock('for_no_key_update');
  const review = await qb.getOne();
  const access = review ? reviewAccess(actor, review) : 'none';
  if (!review || access === 'none') throw ApiError.notFound(notFound);
  return { review, access };
}

/** Recommendations are written from drafting until the review closes. */
export function assertRecommendationStage(review: ReviewEntity): void {
  const stage = review.stage as Stage;
  if (stage === 'closed' || STAGES.indexOf(stage) < STAGES.indexOf('drafting')) {
    throw new ApiError(409, {
      error: 'invalid_stage',
      stage,
      message: 'recommendations are recorded from drafting until the review is closed',
    });
  }
}
