import type { Page } from 'playwright-core';

/** A part of the review's file (/reviews/<id>/<section>): the sub-navigation and the part's heading. */
export class ReviewFilePage {
  constructor(readonly page: Page) {}
  readonly subNavigation = () => this.page.getByRole('navigation', { name: 'Review' });
  readonly sectionHeading = () => this.page.getByRole('heading', { level: 2 }).first();
  /** Opens a part by its sub-navigation link, as a person would. */
  async openSection(name: string): Promise<void> {
    await this.subNavigation().getByRole('link', { name, exact: true }).click();
    await this.page.waitForLoadState('domcontentloaded');
  }
  async sections(): Promise<string[]> {
    return (await this.subNavigation().getByRole('link').allInnerTexts()).map((s) => s.trim());
  }
}
