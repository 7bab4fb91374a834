import type { Page } from 'playwright-core';

/** The 404 page: also what a review the person may not see looks like. */
export class NotFoundPage {
  constructor(readonly page: Page) {}
  readonly heading = () => this.page.getByRole('heading', { level: 1, name: 'Page not found' });
}
