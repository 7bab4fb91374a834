import { expect } from '@jest/globals';
import type { Page } from 'playwright-core';
import { checkPage, screenshot } from './browser';
import { NotFoundPage } from './pages/not-found.page';
import { ReviewPage } from './pages/review.page';
import { ReviewsPage } from './pages/reviews.page';
import { SetUpTwoFactorPage } from './pages/set-up-two-factor.page';
import { SignInPage } from './pages/sign-in.page';
import { signInThroughPages } from './sign-in';

export interface ReviewRef {
  id: string;
  reference: string;
}

/**
 * A coordinator's first visit, end to end: `/` to sign-in (empty form and wrong password
 * states), two-factor set-up (a wrong code state) and recovery codes, the caseload by
 * reference with the overdue tag, the review page with names, another partnership's review
 * as the 404 page, sign-out. Every page and state gets axe and the no-UUID check; with
 * `screenshots`, the main pages are kept. Returns the problems found (expected: none).
 */
export async function coordinatorJourney(
  page: Page,
  options: {
    email: string;
    /** The caseload in order: the overdue review first. */
    overdue: ReviewRef;
    recent: ReviewRef & { pseudonym: string; chair: string; panelAgency: string };
    hidden: ReviewRef;
    screenshots?: boolean;
  },
): Promise<{ problems: string[]; secret: string }> {
  const problems: string[] = [];
  const check = async (name: string, shot = false) => {
    problems.push(...(await checkPage(page, name)));
    if (shot && options.screenshots) await screenshot(page, name);
  };

  // `/` sends a signed-out person to sign-in; the form's error states first.
  await page.goto('/');
  const signIn = new SignInPage(page);
  expect(signIn.isHere()).toBe(true);
  await check('sign-in', true);
  await signIn.button().click();
  expect(await signIn.errorSummary().innerText()).toContain('Enter your email address');
  await check('sign-in with errors', true);
  await signIn.signIn(options.email, 'not-the-password-at-all');
  expect(await signIn.errorSummary().innerText()).toContain('Enter a correct email address and password');
  await check('sign-in with a wrong password');

  // Two-factor set-up, with its own error state (a wrong code), then the recovery codes.
  const { secret, recoveryCodes } = await signInThroughPages(page, options.email, {
    visit: async (_page, name) => {
      if (name === 'sign-in') return;
      if (name === 'set-up-two-factor') {
        const setUp = new SetUpTwoFactorPage(page);
        expect(await setUp.qrCode().isVisible()).toBe(true);
        expect((await setUp.secretKey()).length).toBeGreaterThanOrEqual(16);
        await check(name, true);
        await setUp.enter('000000');
        expect(await page.locator('.govuk-error-summary').isVisible()).toBe(true);
        await check('set-up-two-factor with errors');
        return;
      }
      await check(name, name === 'recovery-codes');
    },
  });
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  expect(recoveryCodes).toHaveLength(10);

  // The caseload, by reference, next deadline first: the overdue review with its tag.
  const list = new ReviewsPage(page);
  expect(list.isHere()).toBe(true);
  expect(await list.heading().innerText()).toBe('Reviews');
  expect(await list.references()).toEqual([options.overdue.reference, options.recent.reference]);
  expect(await list.row(options.overdue.reference).innerText()).toContain('Overdue');
  expect(await list.row(options.recent.reference).innerText()).not.toContain('Overdue');
  await check('reviews', true);

  // The review page: reference, pseudonym, the chair and the panel by name.
  await list.openReview(options.recent.reference);
  const review = new ReviewPage(page);
  expect(new URL(page.url()).pathname).toBe(`/reviews/${options.recent.id}`);
  expect(await review.reference()).toBe(options.recent.reference);
  expect(await review.heading().innerText()).toBe(options.recent.pseudonym);
  expect(await review.overview().innerText()).toContain(options.recent.chair);
  expect(await page.locator('main').innerText()).toContain(options.recent.panelAgency);
  await check('review', true);
  await page.goto(`/reviews/${options.overdue.id}`);
  expect(await page.locator('main').innerText()).toContain('Overdue');
  await check('review (overdue)');

  // Another partnership's review is the 404 page.
  const response = await page.goto(`/reviews/${options.hidden.id}`);
  expect(response?.status()).toBe(404);
  expect(await new NotFoundPage(page).heading().isVisible()).toBe(true);
  await check('not-found', true);

  await page.goto(`/reviews/${options.recent.id}`);
  await review.signOut();
  expect(new URL(page.url()).pathname).toBe('/sign-in/signed-out');
  await check('signed-out');
  await page.goto('/reviews');
  expect(new SignInPage(page).isHere()).toBe(true);
  return { problems, secret };
}
