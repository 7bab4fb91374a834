import type { Page } from 'playwright-core';
import { freshCode } from './browser';
import { RecoveryCodesPage } from './pages/recovery-codes.page';
import { SecurityCodePage } from './pages/security-code.page';
import { SetUpTwoFactorPage } from './pages/set-up-two-factor.page';
import { SignInPage } from './pages/sign-in.page';

export const PASSWORD = 'a-long-enough-test-password';

/** Called on each page of the sign-in as it is shown (axe, screenshots). */
export type Visit = (page: Page, name: string) => Promise<void>;

export interface SignedIn {
  /** The TOTP secret read from the set-up page (or the one passed in), for later sign-ins. */
  secret: string;
  recoveryCodes: string[];
}

/**
 * Signs a person in through the pages: email and password, then either the first-time
 * two-factor set-up (the secret key read as text, a first code, the recovery codes page
 * and its button) or, given the secret from before, a security code. Starts from the
 * sign-in page the browser is on, or opens it.
 */
export async function signInThroughPages(
  page: Page,
  email: string,
  options: { password?: string; secret?: string; visit?: Visit } = {},
): Promise<SignedIn> {
  const visit: Visit = options.visit ?? (async () => undefined);
  const signIn = new SignInPage(page);
  if (!signIn.isHere()) await signIn.open();
  await visit(page, 'sign-in');
  // Any wait for a fresh code comes before the password step, so the half-signed-in session is not left idle.
  const code = options.secret ? await freshCode(options.secret) : null;
  await signIn.signIn(email, options.password ?? PASSWORD);
  const setUp = new SetUpTwoFactorPage(page);
  if (setUp.isHere()) {
    await visit(page, 'set-up-two-factor');
    const secret = await setUp.secretKey();
    await setUp.enter(await freshCode(secret));
    const recovery = new RecoveryCodesPage(page);
    await visit(page, 'recovery-codes');
    const recoveryCodes = await recovery.codes();
    await recovery.carryOn();
    return { secret, recoveryCodes };
  }
  const security = new SecurityCodePage(page);
  if (!security.isHere()) throw new Error(`after the password step: ${page.url()}`);
  if (!code) throw new Error(`${email} has two-factor set up already: pass its secret`);
  await visit(page, 'security-code');
  await security.enter(code);
  return { secret: options.secret!, recoveryCodes: [] };
}
