import type { Page } from 'playwright-core';

/** Shown once after set-up: ten one-time recovery codes and a button on to the landing page (or the email link). */
export class RecoveryCodesPage {
  constructor(readonly page: Page) {}
  readonly heading = () => this.page.getByRole('heading', { name: 'Save your recovery codes' });
  readonly continueButton = () => this.page.getByRole('button', { name: 'I have saved my recovery codes' });
  async codes(): Promise<string[]> {
    return this.page.locator('#recovery-codes li').allInnerTexts();
  }
  async isHere(): Promise<boolean> {
    return (await this.heading().count()) === 1;
  }
  async carryOn(): Promise<void> {
    await this.continueButton().click();
  }
}
