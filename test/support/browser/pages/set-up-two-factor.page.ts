import type { Page } from 'playwright-core';

/** /sign-in/set-up-two-factor: QR code and the secret key as text, then a first code. */
export class SetUpTwoFactorPage {
  static readonly path = '/sign-in/set-up-two-factor';
  constructor(readonly page: Page) {}
  readonly heading = () => this.page.getByRole('heading', { level: 1 });
  readonly qrCode = () => this.page.getByRole('img', { name: /QR code/ });
  readonly code = () => this.page.getByLabel('Security code');
  isHere(): boolean {
    return new URL(this.page.url()).pathname === SetUpTwoFactorPage.path;
  }
  /** The secret key as shown (spaces removed). */
  async secretKey(): Promise<string> {
    return (await this.page.locator('#secret-key').innerText()).replace(/\s/g, '');
  }
  async enter(code: string): Promise<void> {
    await this.code().fill(code);
    await this.page.getByRole('button', { name: 'Continue' }).click();
  }
}
