import type { Page } from 'playwright-core';

/** /sign-in: Email address, Password, Sign in (the small contract of docs/web.md). */
export class SignInPage {
  constructor(readonly page: Page) {}
  readonly email = () => this.page.getByLabel('Email address');
  readonly password = () => this.page.getByLabel('Password', { exact: true });
  readonly button = () => this.page.getByRole('button', { name: 'Sign in' });
  readonly errorSummary = () => this.page.locator('.govuk-error-summary');

  async open(): Promise<this> {
    await this.page.goto('/sign-in');
    return this;
  }
  isHere(): boolean {
    return new URL(this.page.url()).pathname === '/sign-in';
  }
  async signIn(email: string, password: string): Promise<void> {
    await this.email().fill(email);
    await this.password().fill(password);
    await this.button().click();
  }
}
