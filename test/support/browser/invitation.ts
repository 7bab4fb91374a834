import type { Page } from 'playwright-core';
import { freshCode } from './browser';
import { RecoveryCodesPage } from './pages/recovery-codes.page';
import { SetUpTwoFactorPage } from './pages/set-up-two-factor.page';
import type { SignedIn, Visit } from './sign-in';

/**
 * Opens the link of an invitation email (its path), creates a password, sets up two-factor
 * with the secret key read as text, and carries on past the recovery codes: signed in, on the
 * person's landing page.
 */
export async function acceptInvitationThroughPages(
  page: Page,
  link: string,
  password: string,
  visit: Visit = async () => undefined,
): Promise<SignedIn> {
  await page.goto(link);
  await page.getByRole('heading', { level: 1, name: 'Create a password' }).waitFor();
  await visit(page, 'create-password');
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel('Confirm password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL('**' + SetUpTwoFactorPage.path);
  const setUp = new SetUpTwoFactorPage(page);
  await visit(page, 'set-up-two-factor');
  const secret = await setUp.secretKey();
  await setUp.enter(await freshCode(secret));
  const recovery = new RecoveryCodesPage(page);
  await recovery.heading().waitFor();
  await visit(page, 'recovery-codes');
  const recoveryCodes = await recovery.codes();
  await recovery.carryOn();
  return { secret, recoveryCodes };
}
