import type { Browser, BrowserContext, Page } from 'playwright-core';
import { seedPartnership } from '../support/actors';
import { checkPage, launchBrowser, newUserContext, screenshot } from '../support/browser/browser';
import { ReviewFilePage } from '../support/browser/pages/review-file.page';
import { signInThroughPages } from '../support/browser/sign-in';
import { ReviewFileData, seedReviewFile } from '../support/review-file-data';
import { startWebTestApp, WebTestApp } from '../support/web-app';

const SECTIONS: [link: string, heading: string][] = [
  ['Deadlines', 'Deadlines'],
  ['Documents', 'Documents'],
  ['Chronology', 'Chronology'],
  ['Family', 'Family'],
  ['Meetings', 'Meetings'],
  ['Action plan', 'Action plan'],
  ['Audit', 'Audit'],
];

/**
 * The review's sub-pages in Debian's Chromium as a coordinator: each opened from the
 * sub-navigation, axe (WCAG 2.2 AA) with zero violations and no id in the text on every
 * page and form state (the family, meeting and recommendation forms with their errors),
 * screenshots of Deadlines and Documents kept in docs/screenshots.
 */
describe('web in a browser: the review file’s sub-pages', () => {
  let t: WebTestApp;
  let r: ReviewFileData;
  let email: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  jest.setTimeout(180_000);

  beforeAll(async () => {
    [t, browser] = await Promise.all([startWebTestApp({ env: { LOGIN_MAX_ATTEMPTS_PER_IP: '1000' } }), launchBrowser()]);
    const s = await seedPartnership(t, 'BRF');
    r = await seedReviewFile(t, s, 'Adult M');
    email = s.coordinator.email;
    context = await newUserContext(browser, t.baseUrl);
    page = await context.newPage();
  });
  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close();
    await t?.close();
  });

  it('coordinator: opens every part from the sub-navigation, and the family forms with their errors', async () => {
    const problems: string[] = [];
    await signInThroughPages(page, email);
    await page.goto(`/reviews/${r.id}`);
    const file = new ReviewFilePage(page);
    expect(await file.sections()).toEqual([
      'Overview',
      'Tasks',
      'Deadlines',
      'Timeline',
      'Documents',
      'Chronology',
      'Family',
      'Meetings',
      'Action plan',
      'Audit',
    ]);
    for (const [link, heading] of SECTIONS) {
      await file.openSection(link);
      expect(await file.sectionHeading().innerText()).toBe(heading);
      problems.push(...(await checkPage(page, `review ${link.toLowerCase()}`)));
      if (link === 'Deadlines' || link === 'Documents') await screenshot(page, `review-${link.toLowerCase()}`);
    }

    await file.openSection('Family');
    await page.getByRole('button', { name: 'Add a family member' }).click();
    await page.getByRole('button', { name: 'Add family member' }).click();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('Enter a pseudonym');
    problems.push(...(await checkPage(page, 'add a family member (errors)')));
    await page.getByLabel('Pseudonym').fill('Mother of Adult M');
    await page.getByLabel('Relationship to the person who died').fill('mother');
    await page.getByLabel('Letter').check();
    await page.getByRole('button', { name: 'Add family member' }).click();
    expect(await page.locator('.govuk-notification-banner--success').innerText()).toContain('Mother of Adult M added');
    problems.push(...(await checkPage(page, 'family (added)')));

    await page.getByRole('button', { name: 'Record a contact' }).click();
    problems.push(...(await checkPage(page, 'record a contact')));
    await page.getByRole('button', { name: 'Record contact' }).click();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('Select the family member');
    problems.push(...(await checkPage(page, 'record a contact (errors)')));
    expect(problems).toEqual([]);
  });

  it('coordinator: schedules, changes and cancels a meeting and adds a recommendation, each form and its errors checked', async () => {
    const problems: string[] = [];
    const file = new ReviewFilePage(page);
    await page.goto(`/reviews/${r.id}`);
    await file.openSection('Meetings');
    await page.getByRole('button', { name: 'Schedule a meeting' }).click();
    problems.push(...(await checkPage(page, 'schedule a meeting')));
    await page.getByRole('button', { name: 'Schedule meeting' }).click();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('Enter the date of the meeting');
    problems.push(...(await checkPage(page, 'schedule a meeting (errors)')));
    const [year, month, day] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' })
      .format(new Date(Date.now() + 14 * 86_400_000))
      .split('-');
    await page.getByLabel('Day').fill(String(Number(day)));
    await page.getByLabel('Month').fill(String(Number(month)));
    await page.getByLabel('Year').fill(year);
    await page.getByLabel('Start time').fill('2pm');
    await page.getByLabel('End time').fill('1pm');
    await page.getByLabel('Where').fill('Civic centre, room 1');
    await page.getByLabel('BRF Police').check();
    await page.getByLabel('csp_chair BRF').check();
    await page.getByRole('button', { name: 'Schedule meeting' }).click();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('The end time must be after the start time');
    problems.push(...(await checkPage(page, 'schedule a meeting (end before start)')));
    await page.getByLabel('End time').fill('3:30pm');
    await page.getByRole('button', { name: 'Schedule meeting' }).click();
    expect(await page.locator('.govuk-notification-banner--success').innerText()).toContain('scheduled');
    problems.push(...(await checkPage(page, 'meetings (scheduled)')));

    await page.getByRole('link', { name: 'Change meeting 2' }).click();
    problems.push(...(await checkPage(page, 'change a meeting')));
    await page.getByLabel('Where').fill('');
    await page.getByRole('button', { name: 'Save changes' }).click();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('Enter where the meeting is');
    problems.push(...(await checkPage(page, 'change a meeting (errors)')));
    await page.getByRole('link', { name: 'Back to meetings' }).click();
    await page.getByRole('link', { name: 'Cancel meeting 2' }).click();
    problems.push(...(await checkPage(page, 'cancel a meeting (confirm)')));
    await page.getByRole('button', { name: 'Yes, cancel the meeting' }).click();
    expect(await page.locator('.govuk-notification-banner--success').innerText()).toContain('cancelled');

    await file.openSection('Action plan');
    await page.getByRole('button', { name: 'Add a recommendation' }).click();
    problems.push(...(await checkPage(page, 'add a recommendation')));
    await page.getByLabel('Local').check();
    await page.getByRole('button', { name: 'Add recommendation' }).click();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('Enter the recommendation');
    problems.push(...(await checkPage(page, 'add a recommendation (errors)')));
    await page.getByLabel('Recommendation', { exact: true }).fill('Health to share risk information');
    await page.getByLabel('Which agency owns it?').selectOption({ label: 'BRF NHS Trust' });
    await page.getByRole('button', { name: 'Add recommendation' }).click();
    expect(await page.locator('.govuk-notification-banner--success').innerText()).toContain('Recommendation 2 added');
    problems.push(...(await checkPage(page, 'action plan (added)')));
    expect(problems).toEqual([]);
  });

  it('coordinator: records where a national recommendation was sent and the response, each form and its errors checked', async () => {
    const problems: string[] = [];
    const file = new ReviewFilePage(page);
    const fillDate = async (daysAgo: number) => {
      const [year, month, day] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' })
        .format(new Date(Date.now() - daysAgo * 86_400_000))
        .split('-');
      await page.getByLabel('Day').fill(String(Number(day)));
      await page.getByLabel('Month').fill(String(Number(month)));
      await page.getByLabel('Year').fill(year);
    };
    await page.goto(`/reviews/${r.id}`);
    await file.openSection('Action plan');
    await page.getByRole('button', { name: 'Add a recommendation' }).click();
    await page.getByLabel('National').check();
    await page.getByLabel('Recommendation', { exact: true }).fill('Home Office to revise the statutory guidance');
    await page.getByRole('button', { name: 'Add recommendation' }).click();
    expect(await page.locator('.govuk-notification-banner--success').innerText()).toContain('Recommendation 3 added');

    await page.getByRole('link', { name: 'Record where it was sent (recommendation 3)' }).click();
    problems.push(...(await checkPage(page, 'record where it was sent')));
    await page.getByRole('button', { name: 'Save where it was sent' }).click();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('Enter the government department or national body');
    problems.push(...(await checkPage(page, 'record where it was sent (errors)')));
    await page.getByLabel('Which government department or national body was it sent to?').fill('Home Office');
    await fillDate(7);
    await page.getByRole('button', { name: 'Save where it was sent' }).click();
    expect(await page.locator('.govuk-notification-banner--success').innerText()).toContain('where it was sent has been recorded');
    problems.push(...(await checkPage(page, 'action plan (sent)')));

    await page.getByRole('link', { name: 'Record the response (recommendation 3)' }).click();
    problems.push(...(await checkPage(page, 'record the response')));
    await fillDate(-3);
    await page.getByRole('button', { name: 'Save the response' }).click();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('must be today or in the past');
    problems.push(...(await checkPage(page, 'record the response (errors)')));
    await page.getByLabel('What did the department say?').fill('The guidance will be revised.');
    await fillDate(1);
    await page.getByRole('button', { name: 'Save the response' }).click();
    expect(await page.locator('.govuk-notification-banner--success').innerText()).toContain('the response has been recorded');
    expect(await page.locator('body').innerText()).toContain('Response received');
    problems.push(...(await checkPage(page, 'action plan (response received)')));
    expect(problems).toEqual([]);
  });
});
