import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { seedPartnership, Seed } from '../support/actors';
import { checkPage, launchBrowser, newUserContext, screenshot } from '../support/browser/browser';
import { signInThroughPages } from '../support/browser/sign-in';
import { daysAgo, dateDaysAgo, reviewBody, send } from '../support/review-driver';
import { startWebTestApp, WebTestApp } from '../support/web-app';
import { unzipEntry } from '../support/zip';

/** A London date `days` from today as a date input's day, month and year. */
function dateParts(days: number): [string, string, string] {
  const [year, month, day] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' })
    .format(Date.now() + days * 86_400_000)
    .split('-');
  return [String(Number(day)), String(Number(month)), year];
}

/**
 * The board report and data return pages in Chromium, with JavaScript off (GET forms): the
 * empty form, the error summary, the report shown (public: no pseudonym), its Word download, and
 * the data return's download. axe and the no-UUID check on every page and state; screenshots kept.
 */
describe('web in a browser: the board report and the national data return', () => {
  let t: WebTestApp;
  let s: Seed;
  let browser: Browser;
  let reference: string;
  const contexts: BrowserContext[] = [];
  const secrets = new Map<string, string>();
  jest.setTimeout(240_000);

  beforeAll(async () => {
    [t, browser] = await Promise.all([startWebTestApp({ env: { LOGIN_MAX_ATTEMPTS_PER_IP: '1000' } }), launchBrowser()]);
    s = await seedPartnership(t, 'BRW');
    const res = await t
      .http()
      .post('/api/reviews')
      .set(s.coordinator.auth)
      .send(reviewBody(s.partnership.id, { notifiedAt: daysAgo(30), deathDate: dateDaysAgo(35), victimPseudonym: 'Adult Hazel' }));
    reference = res.body.reference;
    await send(t, s.cspChair, res.body.id, {
      type: 'DECIDE_TO_COMMISSION',
      decidedAt: daysAgo(25),
      rationale: 'criteria met',
      deathType: 'homicide',
    });
    await send(t, s.coordinator, res.body.id, {
      type: 'PUT_ON_HOLD',
      kind: 'inquest',
      reason: 'Inquest for Adult Hazel',
      occurredAt: daysAgo(10),
    });
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await t?.close();
  });

  async function signedIn(email: string): Promise<Page> {
    const context = await newUserContext(browser, t.baseUrl, { javaScriptEnabled: false });
    contexts.push(context);
    const page = await context.newPage();
    const { secret } = await signInThroughPages(page, email, { secret: secrets.get(email) });
    secrets.set(email, secret);
    return page;
  }

  async function fillPeriod(page: Page, from: [string, string, string], to: [string, string, string]): Promise<void> {
    for (const [name, parts] of [
      ['from', from],
      ['to', to],
    ] as const) {
      await page.locator(`#${name}-day`).fill(parts[0]);
      await page.locator(`#${name}-month`).fill(parts[1]);
      await page.locator(`#${name}-year`).fill(parts[2]);
    }
  }

  it('the coordinator asks for the board report: errors named, the public report without pseudonyms, the Word download', async () => {
    const page = await signedIn(s.coordinator.email);
    const problems: string[] = [];
    await page.goto('/board-report');
    expect(await page.locator('h1').innerText()).toBe('Board report');
    problems.push(...(await checkPage(page, 'board report form')));

    await fillPeriod(page, dateParts(0), dateParts(-30));
    await page.getByRole('button', { name: 'Show report' }).click();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('The end date must be the same as or after the start date');
    problems.push(...(await checkPage(page, 'board report errors')));

    await fillPeriod(page, dateParts(-365), dateParts(0));
    await page.getByRole('button', { name: 'Show report' }).click();
    const text = await page.locator('main').innerText();
    expect(text).toContain(reference);
    expect(text).toContain('1 review running at the end of the period, of which 1 on hold.');
    expect(text).not.toContain('Adult Hazel');
    problems.push(...(await checkPage(page, 'board report shown')));
    await screenshot(page, 'board-report-public');

    const href = await page.getByRole('link', { name: 'Download as Word document' }).getAttribute('href');
    const download = await page.request.get(href!);
    expect(download.status()).toBe(200);
    const bytes = await download.body();
    writeFileSync(join(tmpdir(), 'board-report-public.docx'), bytes);
    const xml = unzipEntry(bytes, 'word/document.xml')!;
    expect(xml).toContain(reference);
    expect(xml).not.toContain('Adult Hazel');

    await page.getByLabel('Restricted (OFFICIAL-SENSITIVE)').check();
    await page.getByRole('button', { name: 'Show report' }).click();
    expect(await page.locator('main').innerText()).toContain('Inquest for Adult Hazel');
    problems.push(...(await checkPage(page, 'board report restricted')));
    const restricted = await page.request.get((await page.getByRole('link', { name: 'Download as Word document' }).getAttribute('href'))!);
    writeFileSync(join(tmpdir(), 'board-report-restricted.docx'), await restricted.body());
    expect(problems).toEqual([]);
  });

  it('the coordinator downloads the national data return; bad dates are named', async () => {
    const page = await signedIn(s.coordinator.email);
    const problems: string[] = [];
    await page.goto('/data-return');
    expect(await page.locator('h1').innerText()).toBe('National data return');
    problems.push(...(await checkPage(page, 'data return form')));
    await screenshot(page, 'data-return');
    await page.getByRole('button', { name: 'Download' }).click();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('Enter the start date');
    problems.push(...(await checkPage(page, 'data return errors')));

    const [d1, m1, y1] = dateParts(-365);
    const [d2, m2, y2] = dateParts(0);
    const res = await page.request.get(
      `/data-return?from-day=${d1}&from-month=${m1}&from-year=${y1}&to-day=${d2}&to-month=${m2}&to-year=${y2}&format=csv`,
    );
    expect(res.status()).toBe(200);
    expect(res.headers()['content-disposition']).toMatch(/^attachment; filename="data-return-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv"$/);
    const csv = await res.text();
    expect(csv).toContain(reference);
    expect(csv).not.toContain('Adult Hazel');
    expect(problems).toEqual([]);
  });

  it('a CSP chair may not have the data return; an agency contact not the board report', async () => {
    const chair = await signedIn(s.cspChair.email);
    expect((await chair.goto('/data-return'))!.status()).toBe(403);
    const contact = await signedIn(s.policeContact.email);
    expect((await contact.goto('/board-report'))!.status()).toBe(403);
  });
});
