import type { Locator } from 'playwright-core';
import { ReviewListPage } from './review-list';

/**
 * /requests: an agency contact's landing page. The table of requests comes first (a review's
 * reference may appear on several rows); the list of reviews, one row each, follows it.
 */
export class RequestsPage extends ReviewListPage {
  readonly path = '/requests';
  readonly title = 'Requests to my agency';

  private readonly reviewList = () => this.page.locator('#reviews');
  private readonly requestTable = () => this.page.locator('#requests');

  /** The references of the reviews listed, in order. */
  override async references(): Promise<string[]> {
    return this.reviewList().locator('table.govuk-table tbody tr td:first-child a').allInnerTexts();
  }
  override row(reference: string): Locator {
    return this.reviewList().locator('table.govuk-table tbody tr', { has: this.page.getByRole('link', { name: reference, exact: true }) });
  }
  override async openReview(reference: string): Promise<void> {
    await this.reviewList().getByRole('link', { name: reference, exact: true }).click();
  }
  /** The request rows, as text: reference, request, due, status. */
  async requests(): Promise<string[][]> {
    const rows = this.requestTable().locator('tbody tr');
    const out: string[][] = [];
    for (let i = 0; i < (await rows.count()); i++) out.push((await rows.nth(i).locator('td').allInnerTexts()).map((s) => s.trim()));
    return out;
  }
  /** Follows a request's link ("Upload the IMR or chronology", "Record it complete"). */
  async follow(linkText: string): Promise<void> {
    await this.requestTable().getByRole('link', { name: linkText }).first().click();
  }
}
