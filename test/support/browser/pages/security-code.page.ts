import type { Page } from 'playwright-core';

/** /sign-in/security-code: the second step of every later sign-in. */
export class SecurityCodePage {
  static readonly path = '/sign-in/security-code';
  constructor(readonly page: Page) {}
  readonly code = () => this.page.getByLabel('Security code');
  isHere(): boolean {
    return new URL(this.page.url()).pathname === SecurityCodePage.path;
  }
  async enter(code: string): Promise<void> {
    await this.code().fill(code);
    await this.page.getByRole('button', { name: 'Continue' }).click();
  }
}
