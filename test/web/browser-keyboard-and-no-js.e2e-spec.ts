import type { Browser, BrowserContext } from 'playwright-core';
import { checkPage, freshCode, launchBrowser, newUserContext } from '../support/browser/browser';
import { BrowserData, seedBrowserData } from '../support/browser/data';
import { coordinatorJourney } from '../support/browser/journeys';
import { focused, tabTo } from '../support/browser/keyboard';
import { ReviewPage } from '../support/browser/pages/review.page';
import { ReviewsPage } from '../support/browser/pages/reviews.page';
import { SetUpTwoFactorPage } from '../support/browser/pages/set-up-two-factor.page';
import { PASSWORD } from '../support/browser/sign-in';
import { startWebTestApp, WebTestApp } from '../support/web-app';

/** The same journeys with JavaScript off, and by keyboard alone (docs/web.md, "Tests"). */
describe('web in a browser: JavaScript off, and the keyboard alone', () => {
  let t: WebTestApp;
  let d: BrowserData;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  // axe on every page and state takes a second or two each, more on a busy machine.
  jest.setTimeout(180_000);

  beforeAll(async () => {
    [t, browser] = await Promise.all([startWebTestApp({ env: { LOGIN_MAX_ATTEMPTS_PER_IP: '1000' } }), launchBrowser()]);
    d = await seedBrowserData(t, 'KBD', 'NJO');
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await t?.close();
  });

  it('the coordinator journey works with JavaScript disabled', async () => {
    const context = await newUserContext(browser, t.baseUrl, { javaScriptEnabled: false });
    contexts.push(context);
    const page = await context.newPage();
    const { problems } = await coordinatorJourney(page, { email: d.s.coordinator.email, ...d });
    expect(problems).toEqual([]);
  });

  it('signs in (two-factor set-up included) and reaches a review with Tab, Shift+Tab and Enter only; the skip link comes first and works', async () => {
    const context = await newUserContext(browser, t.baseUrl);
    contexts.push(context);
    const page = await context.newPage();
    const problems: string[] = [];
    const isSkipLink = (f: { classes: string; href: string | null }) => f.classes.includes('govuk-skip-link') && f.href === '#main-content';

    await page.goto('/');
    problems.push(...(await checkPage(page, 'sign-in')));
    // The first Tab reaches the skip link; Enter moves focus to the main content.
    await page.keyboard.press('Tab');
    const skip = await focused(page);
    expect(isSkipLink(skip)).toBe(true);
    expect(skip.text).toBe('Skip to main content');
    await page.keyboard.press('Enter');
    expect(new URL(page.url()).hash).toBe('#main-content');
    expect(await focused(page)).toMatchObject({ tag: 'main', id: 'main-content' });
    // The next Tab is inside main: the email field, not the header.
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ id: 'email', inMain: true });
    await page.keyboard.type(d.s.cspChair.email);
    await page.keyboard.press('Tab');
    expect((await focused(page)).id).toBe('password');
    // Shift+Tab goes back to the email field, then forward again.
    await page.keyboard.press('Shift+Tab');
    expect((await focused(page)).id).toBe('email');
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await tabTo(page, (f) => f.tag === 'button' && f.text === 'Sign in');
    await page.keyboard.press('Enter');

    // Set-up: the secret key is read from the page as a person would read it.
    await page.waitForURL('**' + SetUpTwoFactorPage.path);
    const secret = await new SetUpTwoFactorPage(page).secretKey();
    await tabTo(page, (f) => f.id === 'code');
    await page.keyboard.type(await freshCode(secret));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Save your recovery codes' }).waitFor();
    problems.push(...(await checkPage(page, 'recovery-codes (keyboard)')));
    await tabTo(page, (f) => f.text === 'I have saved my recovery codes');
    await page.keyboard.press('Enter');

    // A CSP chair lands on Decisions and sign-off, which lists the partnership's reviews by reference too:
    // the skip link first here too, then on to a review by its reference.
    await page.waitForURL('**/decisions');
    const list = new ReviewsPage(page);
    expect(await list.references()).toEqual([d.overdue.reference, d.recent.reference]);
    await page.keyboard.press('Tab');
    expect(isSkipLink(await focused(page))).toBe(true);
    await page.keyboard.press('Enter');
    // The next Tab is inside main, past the header and its navigation.
    expect((await tabTo(page, () => true, { max: 1 })).inMain).toBe(true);
    await tabTo(page, (f) => f.text === d.recent.reference);
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/reviews/${d.recent.id}`);
    expect(await new ReviewPage(page).reference()).toBe(d.recent.reference);
    problems.push(...(await checkPage(page, 'review (keyboard)')));
    expect(problems).toEqual([]);
  });
});
