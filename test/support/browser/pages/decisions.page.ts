import type { Locator, Page } from 'playwright-core';

/** /decisions: the CSP chair's "Decisions and sign-off" (their landing page). */
export class DecisionsPage {
  static readonly path = '/decisions';
  constructor(readonly page: Page) {}
  readonly heading = () => this.page.getByRole('heading', { level: 1 });
  readonly banner = () => this.page.locator('.govuk-notification-banner--success');
  isHere(): boolean {
    return new URL(this.page.url()).pathname === DecisionsPage.path;
  }
  async open(): Promise<this> {
    await this.page.goto(DecisionsPage.path);
    return this;
  }
  /** The summary card of a review waiting for the chair. */
  card(reference: string): Locator {
    return this.page.locator('.govuk-summary-card', { has: this.page.getByRole('heading', { name: `Review ${reference}` }) });
  }
  /** Opens one of the review's tasks ("Record the decision to hold a review", "Sign off the report for the partnership"). */
  async startTask(reference: string, task: string): Promise<void> {
    await this.page.getByRole('link', { name: `${task} for review ${reference}`, exact: true }).click();
  }
}
