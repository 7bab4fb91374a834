import type { Browser, BrowserContext, Page } from 'playwright-core';
import { seedPartnership, Seed } from '../support/actors';
import { checkPage, launchBrowser, newUserContext, screenshot } from '../support/browser/browser';
import { focused } from '../support/browser/keyboard';
import { ReviewFilePage } from '../support/browser/pages/review-file.page';
import { signInThroughPages } from '../support/browser/sign-in';
import { daysAgo, reviewBody, send } from '../support/review-driver';
import { startWebTestApp, WebTestApp } from '../support/web-app';

/** A London date some days from now, as the date input's boxes. */
function boxesIn(days: number): { day: string; month: string; year: string } {
  const [year, month, day] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' })
    .format(new Date(Date.now() + days * 86_400_000))
    .split('-');
  return { day: String(Number(day)), month: String(Number(month)), year };
}

/**
 * Changing a due date, withdrawing a request and putting a review on hold in Debian's Chromium,
 * as a coordinator: each form and its error state checked by axe (WCAG 2.2 AA, zero violations)
 * with no id in the text; the links found by their accessible names (which say which deadline);
 * with JavaScript, choosing what holds the review chooses its usual scope. Screenshots kept in
 * docs/screenshots.
 */
describe('web in a browser: due dates, withdrawn requests and holds', () => {
  let t: WebTestApp;
  let s: Seed;
  let reviewId: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  jest.setTimeout(180_000);

  beforeAll(async () => {
    [t, browser] = await Promise.all([startWebTestApp({ env: { LOGIN_MAX_ATTEMPTS_PER_IP: '1000' } }), launchBrowser()]);
    s = await seedPartnership(t, 'BDL');
    const created = await t
      .http()
      .post('/api/reviews')
      .set(s.coordinator.auth)
      .send(reviewBody(s.partnership.id, { notifiedAt: daysAgo(20), victimPseudonym: 'Adult E' }));
    reviewId = created.body.id;
    await send(t, s.coordinator, reviewId, { type: 'REQUEST_SCOPING', agencyId: s.health.id });
    await send(t, s.cspChair, reviewId, { type: 'DECIDE_TO_COMMISSION', decidedAt: daysAgo(15), rationale: 'criteria met' });
    await send(t, s.coordinator, reviewId, { type: 'APPOINT_CHAIR', userId: s.chair.id });
    await send(t, s.coordinator, reviewId, { type: 'ADD_PANEL_AGENCY', agencyId: s.police.id });
    await send(t, s.chair, reviewId, { type: 'AGREE_TERMS_OF_REFERENCE', periodFrom: '2021-01-01', periodTo: '2026-01-01' });
    await send(t, s.coordinator, reviewId, { type: 'REQUEST_IMR', agencyId: s.police.id });
    context = await newUserContext(browser, t.baseUrl);
    page = await context.newPage();
    await signInThroughPages(page, s.coordinator.email);
  });
  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close();
    await t?.close();
  });

  it('changes an IMR’s due date: the form, its errors, and the Deadlines page with the date it replaced', async () => {
    const problems: string[] = [];
    await page.goto(`/reviews/${reviewId}`);
    await new ReviewFilePage(page).openSection('Deadlines');
    problems.push(...(await checkPage(page, 'deadlines')));
    await page.getByRole('link', { name: 'Change due date for IMR (individual management review), BDL Police' }).click();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Change the due date');
    problems.push(...(await checkPage(page, 'change the due date')));

    await page.getByRole('button', { name: 'Change due date' }).click();
    const summary = page.locator('.govuk-error-summary');
    expect(await summary.innerText()).toContain('Enter the new due date');
    expect(await summary.innerText()).toContain('Enter the reason');
    problems.push(...(await checkPage(page, 'change the due date (nothing entered)')));
    // The summary's link takes the person to the field it names.
    await summary.getByRole('link', { name: 'Enter the new due date' }).click();
    expect((await focused(page)).id).toBe('dueAt-day');

    const past = boxesIn(-2);
    await page.getByLabel('Day').fill(past.day);
    await page.getByLabel('Month').fill(past.month);
    await page.getByLabel('Year').fill(past.year);
    await page.getByLabel('Why is the due date changing?').fill('Agreed with the police: their reviewer is on leave');
    await page.getByRole('button', { name: 'Change due date' }).click();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('The new due date must be in the future');
    problems.push(...(await checkPage(page, 'change the due date (in the past)')));
    await screenshot(page, 'change-due-date-error');

    const agreed = boxesIn(45);
    await page.getByLabel('Day').fill(agreed.day);
    await page.getByLabel('Month').fill(agreed.month);
    await page.getByLabel('Year').fill(agreed.year);
    await page.getByRole('button', { name: 'Change due date' }).click();
    expect(await page.locator('.govuk-notification-banner--success').innerText()).toMatch(
      /Due date changed: IMR \(individual management review\), BDL Police – now due 5pm on \d{1,2} [A-Z][a-z]+ \d{4}/,
    );
    expect(await page.locator('main').innerText()).toMatch(/Extended from 5pm on \d{1,2} [A-Z][a-z]+ \d{4}/);
    problems.push(...(await checkPage(page, 'deadlines (date changed)')));
    await screenshot(page, 'deadlines-date-changed');
    expect(problems).toEqual([]);
  });

  it('withdraws a scoping request: the form with that request chosen, its error, Check and confirm, then the review says so', async () => {
    const problems: string[] = [];
    await page.getByRole('link', { name: 'Withdraw request for Scoping information, BDL NHS Trust' }).click();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Withdraw a request to an agency');
    expect(await page.getByLabel('Scoping information from BDL NHS Trust').isChecked()).toBe(true);
    problems.push(...(await checkPage(page, 'withdraw a request')));

    await page.getByRole('button', { name: 'Continue' }).click();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('Enter the reason');
    problems.push(...(await checkPage(page, 'withdraw a request (no reason)')));
    await screenshot(page, 'withdraw-request-error');

    await page.getByLabel('Why is it no longer needed?').fill('The NHS Trust had no contact with either person');
    await page.getByRole('button', { name: 'Continue' }).click();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Are you sure you want to withdraw a request to an agency?');
    problems.push(...(await checkPage(page, 'withdraw a request (check and confirm)')));
    await screenshot(page, 'withdraw-request-confirm');
    await page.getByRole('button', { name: 'Yes, withdraw a request to an agency' }).click();
    expect(await page.locator('.govuk-notification-banner--success').innerText()).toContain('Request withdrawn');
    expect(await page.locator('main').innerText()).toMatch(/BDL NHS Trust\s+Withdrawn/);
    problems.push(...(await checkPage(page, 'review (request withdrawn)')));
    expect(problems).toEqual([]);
  });

  it('puts the review on hold for publication only: choosing a criminal trial chooses its usual scope', async () => {
    const problems: string[] = [];
    await page.goto(`/reviews/${reviewId}/tasks/PUT_ON_HOLD`);
    await page.getByLabel('A criminal trial').check();
    expect(await page.getByLabel('Publication only – work on the review carries on').isChecked()).toBe(true);
    // The person's own answer stands: choosing another kind no longer changes it.
    await page.getByLabel('The whole review – its deadlines stop').check();
    await page.getByLabel('Another review').check();
    expect(await page.getByLabel('The whole review – its deadlines stop').isChecked()).toBe(true);
    await page.getByLabel('A criminal trial').check();
    await page.getByLabel('Publication only – work on the review carries on').check();
    problems.push(...(await checkPage(page, 'put the review on hold')));
    await page.getByRole('button', { name: 'Record' }).click();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('Enter the reason');
    problems.push(...(await checkPage(page, 'put the review on hold (no reason)')));
    await page.getByLabel('Why is the review on hold?').fill('The trial is listed for March; publication waits for the verdict');
    await page.getByLabel('Reference (optional)').fill('T20267001');
    await screenshot(page, 'put-on-hold');
    await page.getByRole('button', { name: 'Record' }).click();
    expect(await page.locator('.govuk-notification-banner--success').innerText()).toContain('Publication put on hold');
    const main = await page.locator('main').innerText();
    expect(main).toContain('Publication on hold');
    expect(main).toContain('Work on the review carries on');
    problems.push(...(await checkPage(page, 'review (publication on hold)')));
    await screenshot(page, 'review-publication-on-hold');
    expect(problems).toEqual([]);
  });
});
