import type { Browser, BrowserContext, Page } from 'playwright-core';
import { seedPartnership, Seed } from '../support/actors';
import { checkPage, launchBrowser, newUserContext, screenshot, uuidPattern } from '../support/browser/browser';
import { RequestsPage } from '../support/browser/pages/requests.page';
import { signInThroughPages } from '../support/browser/sign-in';
import { daysAgo, daysAhead, reviewBody, send } from '../support/review-driver';
import { startWebTestApp, WebTestApp } from '../support/web-app';

/**
 * Uploading in Chromium: an agency contact uploads their IMR from "Requests to my agency", with
 * JavaScript and without (the same plain multipart form); the
 * upload page's error state; the chair's Drafts page. axe on each page and state, no id in the
 * text, screenshots of the requests and drafts pages kept in docs/screenshots.
 */
describe('web in a browser: uploads', () => {
  let t: WebTestApp;
  let s: Seed;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const refs: Record<string, { id: string; reference: string }> = {};
  let contactSecret: string | undefined;
  jest.setTimeout(180_000);

  async function gatheringReview(pseudonym: string): Promise<{ id: string; reference: string }> {
    const res = await t
      .http()
      .post('/api/reviews')
      .set(s.coordinator.auth)
      .send(reviewBody(s.partnership.id, { victimPseudonym: pseudonym }));
    const id = res.body.id as string;
    await send(t, s.cspChair, id, { type: 'DECIDE_TO_COMMISSION', decidedAt: daysAgo(45), rationale: 'criteria met' });
    await send(t, s.coordinator, id, { type: 'HOME_OFFICE_INFORMED', sentAt: daysAgo(44) });
    // Recorded after the fact, in order (v3): each step dated after the one it follows.
    await send(t, s.coordinator, id, { type: 'APPOINT_CHAIR', userId: s.chair.id, occurredAt: daysAgo(42) });
    await send(t, s.chair, id, { type: 'ADD_PANEL_AGENCY', agencyId: s.police.id, occurredAt: daysAgo(41) });
    await send(t, s.chair, id, {
      type: 'AGREE_TERMS_OF_REFERENCE',
      agreedAt: daysAgo(40),
      periodFrom: '2021-01-01',
      periodTo: '2026-01-01',
    });
    await send(t, s.coordinator, id, { type: 'REQUEST_IMR', agencyId: s.police.id, dueAt: daysAhead(5), occurredAt: daysAgo(39) });
    return { id, reference: res.body.reference as string };
  }

  beforeAll(async () => {
    [t, browser] = await Promise.all([startWebTestApp({ env: { LOGIN_MAX_ATTEMPTS_PER_IP: '1000' } }), launchBrowser()]);
    s = await seedPartnership(t, 'BUP');
    refs.withJs = await gatheringReview('Adult G');
    refs.withoutJs = await gatheringReview('Adult H');
    refs.drafting = await gatheringReview('Adult J');
    await send(t, s.policeContact, refs.drafting.id, { type: 'RECEIVE_IMR', agencyId: s.police.id, receivedAt: daysAgo(2) });
    await send(t, s.chair, refs.drafting.id, { type: 'BEGIN_DRAFTING' });
    await t
      .http()
      .put(`/api/reviews/${refs.drafting.id}/identifying-terms`)
      .set(s.coordinator.auth)
      .send({ terms: ['Rosalind Tregarthen'] });
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

  /** From the requests page, the review's "Upload the IMR or chronology" link, an empty try, then the file. */
  async function uploadImr(page: Page, review: { id: string; reference: string }, name: string): Promise<string[]> {
    const problems: string[] = [];
    const requests = new RequestsPage(page);
    await requests.open();
    await page
      .locator('#requests tbody tr', { has: page.getByRole('link', { name: review.reference, exact: true }) })
      .getByRole('link', { name: /Upload the IMR or chronology/ })
      .click();
    expect(new URL(page.url()).pathname).toBe(`/reviews/${review.id}/documents/upload`);
    expect(await page.getByLabel('IMR (individual management review)').isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('Select a file to upload');
    problems.push(...(await checkPage(page, `upload with errors (${name})`)));
    await page.locator('input[type=file][name=file]').setInputFiles([
      { name: 'imr-part-1.txt', mimeType: 'text/plain', buffer: Buffer.from('Police IMR, part one') },
      { name: 'imr-part-2.txt', mimeType: 'text/plain', buffer: Buffer.from('Police IMR, part two') },
    ]);
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    expect(new URL(page.url()).pathname).toBe(`/reviews/${review.id}`);
    expect(await page.locator('.govuk-notification-banner--success').innerText()).toContain('This recorded: IMR received.');
    const body = (await t.http().get(`/api/reviews/${review.id}`).set(s.coordinator.auth)).body;
    expect(body.panel).toEqual([expect.objectContaining({ imr: 'received' })]);
    return problems;
  }

  it('agency contact, with JavaScript: from Requests to my agency to the IMR uploaded and recorded as received', async () => {
    const page = await newPage();
    const signedIn = await signInThroughPages(page, s.policeContact.email);
    contactSecret = signedIn.secret;
    const requests = new RequestsPage(page);
    expect(requests.isHere()).toBe(true);
    expect((await requests.requests()).map((r) => r[0])).toEqual(
      expect.arrayContaining([refs.withJs.reference, refs.withoutJs.reference, refs.drafting.reference]),
    );
    const problems = await checkPage(page, 'requests to my agency');
    await screenshot(page, 'requests-to-my-agency');
    await page.goto(`/reviews/${refs.withJs.id}/documents/upload`);
    expect(await page.locator('input#file[multiple]').count()).toBe(1);
    problems.push(...(await checkPage(page, 'upload a document')));
    problems.push(...(await uploadImr(page, refs.withJs, 'JavaScript on')));
    expect(await page.locator('body').innerText()).not.toMatch(uuidPattern);
    expect(problems).toEqual([]);
  });

  it('agency contact, without JavaScript: the same upload through the plain multipart form', async () => {
    const page = await newPage(false);
    await signInThroughPages(page, s.policeContact.email, { secret: contactSecret });
    await page.goto(`/reviews/${refs.withoutJs.id}/documents/upload`);
    expect(await page.locator('input#file[multiple]').count()).toBe(1);
    const problems = await uploadImr(page, refs.withoutJs, 'JavaScript off');
    expect(problems).toEqual([]);
  });

  it('independent chair: uploads a draft on the Drafts page and sees the anonymisation check’s counts', async () => {
    const page = await newPage();
    await signInThroughPages(page, s.chair.email);
    await page.goto(`/reviews/${refs.drafting.id}/tasks`);
    await page.getByRole('link', { name: 'Upload a draft report' }).click();
    expect(new URL(page.url()).pathname).toBe(`/reviews/${refs.drafting.id}/drafts`);
    await page.getByLabel('Overview report').check();
    await page.getByLabel('Title (optional)').fill('First draft');
    await page.locator('input[type=file][name=file]').setInputFiles({
      name: 'overview.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('Overview report. Rosalind Tregarthen lived alone.'),
    });
    await page.getByRole('button', { name: 'Upload the draft' }).click();
    expect(new URL(page.url()).pathname).toBe(`/reviews/${refs.drafting.id}/drafts`);
    const text = await page.locator('main').innerText();
    expect(text).toContain('This recorded: Draft submitted.');
    expect(text).toContain('1 identifying term found, 1 time in all');
    expect(text).not.toContain('Tregarthen');
    expect(text).not.toMatch(uuidPattern);
    const problems = await checkPage(page, 'drafts');
    await screenshot(page, 'drafts');
    expect(problems).toEqual([]);
  });
});
