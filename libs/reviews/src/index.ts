export * from './create-review.dto';
export * from './events/event-payloads.dto';
export * from './list-reviews.query';
export * from './migration/review-migration.service';
export * from './review.entities';
export * from './reviews.module';
export * from './reviews.service';
export * from './review.view';
