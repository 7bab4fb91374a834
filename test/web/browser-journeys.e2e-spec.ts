import type { Browser, BrowserContext, Page } from 'playwright-core';
import { checkPage, launchBrowser, newUserContext, screenshot, uuidPattern } from '../support/browser/browser';
import { BrowserData, seedBrowserData } from '../support/browser/data';
import { coordinatorJourney } from '../support/browser/journeys';
import { RequestsPage } from '../support/browser/pages/requests.page';
import { ReviewPage } from '../support/browser/pages/review.page';
import { SignInPage } from '../support/browser/pages/sign-in.page';
import { signInThroughPages } from '../support/browser/sign-in';
import { startWebTestApp, WebTestApp } from '../support/web-app';

/**
 * The journeys of issue 10 in a real browser (Debian's Chromium through playwright-core),
 * against the real bootstrap: each role end to end, the email-link return, axe with the WCAG
 * 2.2 AA tags on every page and state visited, no id in the visible text, and the
 * screenshots kept in docs/screenshots.
 */
describe('web in a browser: the journeys of each role', () => {
  let t: WebTestApp;
  let d: BrowserData;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  // axe on every page and state takes a second or two each, more on a busy machine.
  jest.setTimeout(180_000);

  beforeAll(async () => {
    // Every sign-in of the suite comes from 127.0.0.1: the per-address limit is not what is tested here.
    [t, browser] = await Promise.all([startWebTestApp({ env: { LOGIN_MAX_ATTEMPTS_PER_IP: '1000' } }), launchBrowser()]);
    d = await seedBrowserData(t, 'BRW', 'OTH');
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await t?.close();
  });

  async function newPage(): Promise<Page> {
    const context = await newUserContext(browser, t.baseUrl);
    contexts.push(context);
    return context.newPage();
  }

  it('coordinator: enrols, finds the reviews by reference (one overdue), opens one with names not ids, meets the 404 page for another partnership’s review, signs out', async () => {
    const { problems } = await coordinatorJourney(await newPage(), { email: d.s.coordinator.email, ...d, screenshots: true });
    expect(problems).toEqual([]);
  });

  it('agency contact: lands on Requests to my agency, listing the review their agency is asked about', async () => {
    const page = await newPage();
    const problems: string[] = [];
    await signInThroughPages(page, d.s.policeContact.email);
    const requests = new RequestsPage(page);
    expect(requests.isHere()).toBe(true);
    expect(await requests.heading().innerText()).toBe('Requests to my agency');
    expect(await requests.references()).toEqual([d.recent.reference]);
    problems.push(...(await checkPage(page, 'requests')));
    await screenshot(page, 'requests');
    await requests.openReview(d.recent.reference);
    expect(await new ReviewPage(page).reference()).toBe(d.recent.reference);
    problems.push(...(await checkPage(page, 'review (agency contact)')));
    expect(problems).toEqual([]);
  });

  it('the link in an email, opened signed out: sign-in, then back on that review', async () => {
    const page = await newPage();
    await page.goto(`/reviews/${d.overdue.id}`);
    expect(new SignInPage(page).isHere()).toBe(true);
    await signInThroughPages(page, d.s.cspChair.email);
    expect(new URL(page.url()).pathname).toBe(`/reviews/${d.overdue.id}`);
    expect(await new ReviewPage(page).reference()).toBe(d.overdue.reference);
    expect(await page.locator('body').innerText()).not.toMatch(uuidPattern);
  });
});
