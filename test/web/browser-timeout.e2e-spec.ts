import type { Browser, BrowserContext } from 'playwright-core';
import { seedPartnership, Seed } from '../support/actors';
import { checkPage, launchBrowser, newUserContext, screenshot } from '../support/browser/browser';
import { focused } from '../support/browser/keyboard';
import { SignInPage } from '../support/browser/pages/sign-in.page';
import { TimeoutWarning } from '../support/browser/pages/timeout-warning.page';
import { signInThroughPages } from '../support/browser/sign-in';
import { startWebTestApp, WebTestApp } from '../support/web-app';

/** A short idle limit, so the warning (at half of it, when under 4 minutes) comes after 15 seconds (time enough for axe on a busy machine). */
const IDLE_SECONDS = 30;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The idle-timeout warning (web.md: idle timeout with the timeout warning): with JavaScript, a
 * modal dialog before the session ends — accessible, focus inside, "Stay signed in" by keyboard
 * keeps the session; left alone, the page goes to sign-in, which says why. Without JavaScript,
 * no dialog: the session ends and the sign-in page says why.
 */
describe('web in a browser: the idle-timeout warning', () => {
  let t: WebTestApp;
  let s: Seed;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  jest.setTimeout(180_000);

  beforeAll(async () => {
    [t, browser] = await Promise.all([
      startWebTestApp({ env: { LOGIN_MAX_ATTEMPTS_PER_IP: '1000', SESSION_IDLE_MINUTES: String(IDLE_SECONDS / 60) } }),
      launchBrowser(),
    ]);
    s = await seedPartnership(t, 'IDL');
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await t?.close();
  });

  it('warns before the session ends; "Stay signed in" by keyboard keeps it; left alone, the page goes to sign-in and says why', async () => {
    const context = await newUserContext(browser, t.baseUrl);
    contexts.push(context);
    const page = await context.newPage();
    const problems: string[] = [];
    await signInThroughPages(page, s.coordinator.email);
    expect(new URL(page.url()).pathname).toBe('/reviews');
    const loadedAt = Date.now();
    const warning = new TimeoutWarning(page);
    expect(await warning.isOpen()).toBe(false);

    await warning.waitUntilOpen(IDLE_SECONDS * 1000);
    expect(Date.now() - loadedAt).toBeGreaterThanOrEqual((IDLE_SECONDS / 2) * 1000 - 1000);
    // Focus moved into the dialog, onto its first action.
    expect(await focused(page)).toMatchObject({ tag: 'button', text: 'Stay signed in' });
    expect(await warning.dialog().innerText()).toMatch(/we will sign you out in \d+ seconds/);
    expect(await warning.liveRegion().count()).toBe(1);
    expect(await warning.signOutButton().isVisible()).toBe(true);
    problems.push(...(await checkPage(page, 'timeout-warning')));
    await screenshot(page, 'timeout-warning');

    const keptAlive = page.waitForResponse((r) => r.url().endsWith('/session/keep-alive'));
    await page.keyboard.press('Enter');
    expect((await keptAlive).status()).toBe(204);
    await warning.dialog().waitFor({ state: 'hidden' });

    // Past the time the session would have ended without "Stay signed in": still signed in.
    await sleep(Math.max(0, loadedAt + IDLE_SECONDS * 1000 + 2000 - Date.now()));
    await page.goto('/reviews');
    expect(new URL(page.url()).pathname).toBe('/reviews');

    // Left alone this time: the warning, then the sign-in page with the reason.
    await warning.waitUntilOpen(IDLE_SECONDS * 1000);
    await page.waitForURL((url) => url.pathname === '/sign-in', { timeout: IDLE_SECONDS * 1000 });
    const banner = page.locator('.govuk-notification-banner');
    await banner.waitFor();
    expect(await banner.innerText()).toContain(`You were signed out because you did not do anything for ${IDLE_SECONDS} seconds`);
    problems.push(...(await checkPage(page, 'signed-out-for-idleness')));
    // Said once: the next visit to sign-in is a plain one.
    await page.goto('/sign-in');
    expect(await page.locator('.govuk-notification-banner').count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('without JavaScript: no dialog, the session simply ends, and the sign-in page says why', async () => {
    const context = await newUserContext(browser, t.baseUrl, { javaScriptEnabled: false });
    contexts.push(context);
    const page = await context.newPage();
    await signInThroughPages(page, s.cspChair.email);
    expect(new URL(page.url()).pathname).toBe('/decisions'); // a CSP chair's landing page;
    await sleep(IDLE_SECONDS * 1000 + 1500);
    expect(await new TimeoutWarning(page).isOpen()).toBe(false);
    await page.goto('/reviews');
    expect(new SignInPage(page).isHere()).toBe(true);
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain(
      `You were signed out because you did not do anything for ${IDLE_SECONDS} seconds`,
    );
    expect(await checkPage(page, 'signed-out-for-idleness-no-js')).toEqual([]);
  });
});
