import type { Locator } from 'playwright-core';
import { ReviewsPage } from './reviews.page';

/** /reviews with its MoJ filter: a GET form, so the same steps work with JavaScript on or off. */
export class CaseloadPage extends ReviewsPage {
  async search(text: string): Promise<void> {
    await this.page.getByLabel('Reference or pseudonym').fill(text);
  }
  async checkStage(stage: string): Promise<void> {
    await this.page.getByRole('group', { name: 'Stage' }).getByLabel(stage, { exact: true }).check();
  }
  async onlyOnHold(): Promise<void> {
    await this.page.getByLabel('On hold only').check();
  }
  async sortBy(text: string): Promise<void> {
    await this.page.getByLabel('Sort by').selectOption({ label: text });
  }
  async apply(): Promise<void> {
    await this.page.getByRole('button', { name: 'Apply filters' }).click();
    await this.page.waitForLoadState('load');
  }
  /** The "Selected filters" tag that removes this filter. */
  selectedFilter(text: string): Locator {
    return this.page.locator('a.moj-filter__tag', { hasText: text });
  }
  async removeFilter(text: string): Promise<void> {
    await this.selectedFilter(text).click();
    await this.page.waitForLoadState('load');
  }
}
