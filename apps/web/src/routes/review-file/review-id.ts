import { DomainError } from '@dhr/core';
import { assertStageGate, StageGate, type VisibleReview } from '@dhr/reviews';
import { reviewHeader } from '../../presenters/review-page.presenter';
import type { ReviewSection } from '../../presenters/review-sections';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Not an id: the same 404 page as a review (or a document of it) that is not there, or not theirs to see. */
export function idParam(id: string, what = 'review'): string {
  if (!UUID.test(id)) throw DomainError.notFound(what);
  return id;
}

/** The header every part of the review shows, with the part it is on. */
export function heading(review: VisibleReview, section: ReviewSection) {
  return { ...reviewHeader(review), section };
}

/** Whether the part of the file behind this gate may change now (to offer its form only then). */
export function passesGate(stage: string, gate: StageGate): boolean {
  try {
    assertStageGate(stage, gate);
    return true;
  } catch {
    return false;
  }
}
