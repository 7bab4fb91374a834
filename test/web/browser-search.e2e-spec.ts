import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DocumentTextIndexer } from '@dhr/search';
import { seedPartnership, Seed } from '../support/actors';
import { checkPage, launchBrowser, newUserContext, screenshot, uuidPattern } from '../support/browser/browser';
import { signInThroughPages } from '../support/browser/sign-in';
import { uploadDocument } from '../support/document-driver';
import { daysAgo, reviewBody, send } from '../support/review-driver';
import { startWebTestApp, WebTestApp } from '../support/web-app';

/**
 * The search page in Chromium: from the service navigation, a search by a word in an IMR finds the
 * review for the coordinator (with JavaScript) and the IMR's own agency (without), and not for
 * another agency; the terms are POSTed and never in the address; the empty-search error and the
 * no-results state. axe on each page and state, no id in the text, a screenshot of the results.
 */
describe('web in a browser: search', () => {
  let t: WebTestApp;
  let s: Seed;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let review: { id: string; reference: string };
  jest.setTimeout(180_000);

  beforeAll(async () => {
    [t, browser] = await Promise.all([startWebTestApp({ env: { LOGIN_MAX_ATTEMPTS_PER_IP: '1000' } }), launchBrowser()]);
    s = await seedPartnership(t, 'BSR');
    review = (
      await t
        .http()
        .post('/api/reviews')
        .set(s.coordinator.auth)
        .send(reviewBody(s.partnership.id, { victimPseudonym: 'Adult Rowan' }))
    ).body;
    await send(t, s.cspChair, review.id, { type: 'DECIDE_TO_COMMISSION', decidedAt: daysAgo(10), rationale: 'criteria met' });
    await send(t, s.coordinator, review.id, { type: 'APPOINT_CHAIR', userId: s.chair.id });
    await send(t, s.chair, review.id, { type: 'ADD_PANEL_AGENCY', agencyId: s.police.id });
    await send(t, s.chair, review.id, { type: 'ADD_PANEL_AGENCY', agencyId: s.health.id });
    const imr = Buffer.from('Police IMR. Officers attended the marmalade factory on two occasions.\n');
    const up = await uploadDocument(t, s.policeContact, review.id, imr, 'imr.txt', { type: 'imr', agencyId: s.police.id }, 'text/plain');
    expect(up.status).toBe(201);
    // The pages' test app runs no worker: index as the worker's job would.
    expect(await t.app.get(DocumentTextIndexer).backfill()).toBe(1);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await t?.close();
  });

  async function newPage(javaScriptEnabled = true): Promise<Page> {
    const context = await newUserContext(browser, t.baseUrl, javaScriptEnabled ? {} : { javaScriptEnabled: false });
    contexts.push(context);
    return context.newPage();
  }

  async function searchFor(page: Page, terms: string): Promise<void> {
    await page.getByLabel('Search reviews and documents').fill(terms);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
  }

  it('coordinator, with JavaScript: Search in the navigation, an empty search, then a word of the IMR', async () => {
    const page = await newPage();
    await signInThroughPages(page, s.coordinator.email);
    await page.getByRole('link', { name: 'Search', exact: true }).click();
    expect(new URL(page.url()).pathname).toBe('/search');
    const problems = await checkPage(page, 'search');
    await searchFor(page, '');
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('Enter what you want to search for');
    problems.push(...(await checkPage(page, 'search with errors')));
    await searchFor(page, 'marmalade');
    // The terms were POSTed: not in the address.
    expect(page.url()).toBe(`${t.baseUrl}/search`);
    const main = page.locator('main');
    expect(await main.innerText()).toContain('1 review found');
    expect(await main.innerText()).toContain('Matched: document text');
    expect(await main.innerText()).toContain('Adult Rowan');
    expect(await page.getByLabel('Search reviews and documents').inputValue()).toBe('marmalade');
    problems.push(...(await checkPage(page, 'search results')));
    await screenshot(page, 'search-results');
    await page.getByRole('link', { name: review.reference, exact: true }).click();
    expect(new URL(page.url()).pathname).toBe(`/reviews/${review.id}`);
    expect(problems).toEqual([]);
  });

  it('agency contacts, without JavaScript: the IMR’s own agency finds it, another agency does not', async () => {
    const police = await newPage(false);
    await signInThroughPages(police, s.policeContact.email);
    await police.goto('/search');
    await searchFor(police, 'marmalade factory');
    expect(await police.locator('main').innerText()).toContain('1 review found');
    expect(await police.getByRole('link', { name: review.reference, exact: true }).count()).toBe(1);
    const problems = await checkPage(police, 'search results (no JavaScript)');

    const health = await newPage(false);
    await signInThroughPages(health, s.healthContact.email);
    await health.goto('/search');
    await searchFor(health, 'marmalade');
    const text = await health.locator('main').innerText();
    expect(text).toContain('0 reviews found');
    expect(text).toContain('There are no matching reviews.');
    expect(text).not.toContain(review.reference);
    expect(text).not.toMatch(uuidPattern);
    problems.push(...(await checkPage(health, 'search, no results')));
    expect(problems).toEqual([]);
  });
});
