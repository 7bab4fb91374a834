import type { Locator, Page } from 'playwright-core';

/** The case list shared by Reviews and Requests to my agency: one row per review, by reference. */
export abstract class ReviewListPage {
  abstract readonly path: string;
  abstract readonly title: string;
  constructor(readonly page: Page) {}
  readonly heading = () => this.page.getByRole('heading', { level: 1 });
  async open(): Promise<this> {
    await this.page.goto(this.path);
    return this;
  }
  isHere(): boolean {
    return new URL(this.page.url()).pathname === this.path;
  }
  /** The references listed, in order. */
  async references(): Promise<string[]> {
    return this.page.locator('table.govuk-table tbody tr td:first-child a').allInnerTexts();
  }
  row(reference: string): Locator {
    return this.page.locator('table.govuk-table tbody tr', { has: this.page.getByRole('link', { name: reference, exact: true }) });
  }
  async openReview(reference: string): Promise<void> {
    await this.page.getByRole('link', { name: reference, exact: true }).click();
  }
}
