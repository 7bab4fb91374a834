import type { Page } from 'playwright-core';

/** /reviews/<id>: the review page (the link in every email). */
export class ReviewPage {
  constructor(readonly page: Page) {}
  readonly caption = () => this.page.locator('.govuk-caption-l');
  readonly heading = () => this.page.getByRole('heading', { level: 1 });
  // The review's facts: the first summary list (the forecast's follows it).
  readonly overview = () => this.page.locator('.govuk-summary-list').first();
  async open(id: string): Promise<this> {
    await this.page.goto(`/reviews/${id}`);
    return this;
  }
  async reference(): Promise<string> {
    return (await this.caption().innerText()).replace(/^Review\s+/, '');
  }
  async signOut(): Promise<void> {
    await this.page.getByRole('button', { name: 'Sign out' }).click();
  }
}
