import { ReviewListPage } from './review-list';

/** /requests: an agency contact's landing page. */
export class RequestsPage extends ReviewListPage {
  readonly path = '/requests';
  readonly title = 'Requests to my agency';
}
