import { ApiError } from '@dhr/core';
import { ReviewEntity } from '@dhr/reviews';
import { STAGES, Stage } from '@dhr/workflows/dhr/v1/dhr.types';

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
