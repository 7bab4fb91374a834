import type { Page } from 'playwright-core';

/** The idle-timeout warning dialog on signed-in pages (partials/timeout-warning.njk). */
export class TimeoutWarning {
  constructor(readonly page: Page) {}
  readonly dialog = () => this.page.getByRole('dialog', { name: 'You’re about to be signed out' });
  readonly stayButton = () => this.dialog().getByRole('button', { name: 'Stay signed in' });
  readonly signOutButton = () => this.dialog().getByRole('button', { name: 'Sign out' });
  readonly liveRegion = () => this.dialog().locator('[aria-live="polite"]');

  async waitUntilOpen(timeoutMs: number): Promise<void> {
    await this.dialog().waitFor({ state: 'visible', timeout: timeoutMs });
  }
  isOpen(): Promise<boolean> {
    return this.dialog().isVisible();
  }
}
