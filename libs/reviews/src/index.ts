// What other libs and the apps may use of the reviews lib. No ORM entities: the review's
// row is read through ReviewFile (ReviewRecord), changed only through the spine.
export * from './create-review.dto';
export * from './events/event-payloads.dto';
export { EVENT_CATALOGUE } from './events/event-catalogue';
export { independentChairMayMove } from './events/deadline-extension';
export * from './list-reviews.query';
export * from './migration/review-migration.service';
export * from './review-extensions';
export * from './reviews.module';
export * from './stage-gates';
export * from './file/review-file';
export * from './spine/review-spine';
export * from './queries/review-queries';
export * from './views/review-views';
export type { VisibleReview, ReviewView, AgencyReviewView } from './views/review.view';
export type { GuidanceItem, GuidanceView } from './views/guidance.view';
export { allowedEventsFor } from './event-permission';
export * from './queries/review-read-model';
export { panelAgencyIds } from './file/review-panel';
