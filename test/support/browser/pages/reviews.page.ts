import { ReviewListPage } from './review-list';

/** /reviews: the caseload of coordinators and chairs. */
export class ReviewsPage extends ReviewListPage {
  readonly path = '/reviews';
  readonly title = 'Reviews';
}
