import type { Browser, BrowserContext, Page } from 'playwright-core';
import { checkPage, freshCode, launchBrowser, newUserContext, screenshot, uuidPattern } from '../support/browser/browser';
import { londonDay } from '../support/browser/dates';
import { acceptInvitationThroughPages } from '../support/browser/invitation';
import { Mailbox } from '../support/browser/mailbox';
import { AdministrationPages } from '../support/browser/pages/administration.page';
import { RequestsPage } from '../support/browser/pages/requests.page';
import { ReviewFilePage } from '../support/browser/pages/review-file.page';
import { ReviewPage } from '../support/browser/pages/review.page';
import { ReviewsPage } from '../support/browser/pages/reviews.page';
import { SetUpTwoFactorPage } from '../support/browser/pages/set-up-two-factor.page';
import {
  activate,
  chooseByKeyboard,
  recordTask,
  recordTaskByKeyboard,
  stageTag,
  successBanner,
  typeInto,
} from '../support/browser/review-tasks';
import { signInThroughPages, Visit } from '../support/browser/sign-in';
import { SmtpSink } from '../support/smtp-sink';
import { ADMIN } from '../support/test-app';
import { startWebTestApp, WebTestApp } from '../support/web-app';

const PASSWORD = 'heron mosaic quill fifty-eight';
const PARTNERSHIP = 'Riverside Community Safety Partnership';
const POLICE = 'Riverside Police';
const HEALTH = 'Riverside NHS Trust';
const PEOPLE = {
  coordinator: { name: 'Sam Okafor', email: 'sam.okafor@riverside.test' },
  cspChair: { name: 'Priya Natarajan', email: 'priya.natarajan@riverside.test' },
  chair: { name: 'Morgan Ellis', email: 'morgan.ellis@reviews.test' },
  police: { name: 'Dana Whitfield', email: 'dana.whitfield@police.test' },
  health: { name: 'Jo Brennan', email: 'jo.brennan@nhs.test' },
};
type Who = keyof typeof PEOPLE | 'admin';

/** Days before today of the facts recorded with a "when did this happen?" date, oldest first. */
const DEATH = -45;
const NOTIFIED = -40;
const DECIDED = -38;
const HOME_OFFICE_TOLD = -37;

/**
 * Issue 10's "Done when", in Debian's Chromium on the real services: the bootstrap administrator
 * signs in with two-factor, adds the partnership and its agencies and invites the coordinator and
 * the chairs; the coordinator, from the emailed link, invites the agency contacts; then one review
 * goes from notification to closed, every step in the pages by the person the rulebook says
 * (no API call for any review event). The independent chair does their part with JavaScript
 * off, the CSP chair theirs by keyboard alone. axe (WCAG 2.2 AA) and the no-id check on every
 * page and state visited. The tests are the chapters of one story and run in order.
 */
describe('web in a browser: one review from notification to closed, each step by the right person', () => {
  let t: WebTestApp;
  let smtp: SmtpSink;
  let mailbox: Mailbox;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pages = {} as Record<Who, Page>;
  const problems: string[] = [];
  const review = { id: '', reference: '' };
  // Every page and state gets axe, a second or two each (more without JavaScript, and on a busy machine).
  jest.setTimeout(600_000);

  /** axe and the no-id check on a page, named by who is looking. */
  const visitAs =
    (who: Who): Visit =>
    async (page, name) => {
      problems.push(...(await checkPage(page, `${who}: ${name}`)));
    };
  const check = (who: Who, name: string) => visitAs(who)(pages[who], name);
  /** What the chapter found wrong, emptied for the next one. */
  const found = () => problems.splice(0);

  async function newPerson(who: Who, options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
    const context = await newUserContext(browser, t.baseUrl, options);
    contexts.push(context);
    pages[who] = await context.newPage();
    return pages[who];
  }

  /** From the person's landing page to the review, by its reference, as they would find it. */
  async function openReview(who: Who): Promise<ReviewPage> {
    const page = pages[who];
    const list = who === 'police' || who === 'health' ? new RequestsPage(page) : new ReviewsPage(page);
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: list.title }).click();
    await list.openReview(review.reference);
    const reviewPage = new ReviewPage(page);
    expect(await reviewPage.reference()).toBe(review.reference);
    return reviewPage;
  }

  const stage = async (who: Who) => (await stageTag(pages[who]).innerText()).trim();

  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    mailbox = new Mailbox(smtp);
    [t, browser] = await Promise.all([
      startWebTestApp({
        env: { SMTP_URL: smtp.url, PUBLIC_URL: 'http://dhr.example.gov.uk', LOGIN_MAX_ATTEMPTS_PER_IP: '1000' },
      }),
      launchBrowser(),
    ]);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await t?.close();
    await smtp?.stop();
  });

  it('administrator: signs in with two-factor, adds the partnership and its agencies, invites the coordinator, the CSP chair and the independent chair', async () => {
    const page = await newPerson('admin');
    await page.goto('/');
    await signInThroughPages(page, ADMIN.email, { password: ADMIN.password, visit: visitAs('admin') });
    expect(new URL(page.url()).pathname).toBe('/administration');
    await check('admin', 'administration');

    const admin = new AdministrationPages(page, visitAs('admin'));
    await admin.addPartnership(PARTNERSHIP, 'RIVR');
    expect(await page.locator('main').innerText()).toContain(PARTNERSHIP);
    await check('admin', 'partnerships with the new one');
    await admin.addAgency(POLICE, 'Police', PARTNERSHIP);
    await admin.addAgency(HEALTH, 'Health', PARTNERSHIP);
    expect(await page.locator('main').innerText()).toContain(HEALTH);
    await check('admin', 'agencies with the new ones');

    await admin.invite({ ...PEOPLE.coordinator, role: 'Coordinator', partnership: PARTNERSHIP });
    expect(await admin.panel().innerText()).toContain('Invitation sent');
    await screenshot(page, 'administration-invitation-sent');
    await admin.invite({ ...PEOPLE.cspChair, role: 'CSP chair', partnership: PARTNERSHIP });
    await admin.invite({ ...PEOPLE.chair, role: 'Independent chair', partnership: PARTNERSHIP });
    // The emails carry a link and no personal data in the subject.
    for (const person of [PEOPLE.coordinator, PEOPLE.cspChair, PEOPLE.chair]) {
      const mail = await mailbox.latestTo(person.email);
      expect(mail.subject).not.toContain(person.name.split(' ')[1]);
    }
    expect(found()).toEqual([]);
  });

  it('coordinator: accepts from the emailed link (password, two-factor), then invites the police and health contacts', async () => {
    const page = await newPerson('coordinator');
    await acceptInvitationThroughPages(page, await mailbox.invitationLink(PEOPLE.coordinator.email), PASSWORD, visitAs('coordinator'));
    expect(new URL(page.url()).pathname).toBe('/reviews');
    expect(await page.locator('main').innerText()).toContain('There are no reviews for you yet.');
    await check('coordinator', 'reviews (empty)');

    const users = new AdministrationPages(page, visitAs('coordinator'));
    await users.invite({ ...PEOPLE.police, agency: POLICE });
    await users.invite({ ...PEOPLE.health, agency: HEALTH });
    expect(await users.panel().innerText()).toContain('Invitation sent');
    expect(found()).toEqual([]);
  });

  it('the agency contacts accept their invitations and land on Requests to my agency, with nothing asked yet', async () => {
    for (const who of ['police', 'health'] as const) {
      const page = await newPerson(who);
      await acceptInvitationThroughPages(page, await mailbox.invitationLink(PEOPLE[who].email), PASSWORD, visitAs(who));
      expect(new URL(page.url()).pathname).toBe('/requests');
      expect(await page.locator('main').innerText()).toContain('Your agency has no requests at the moment.');
    }
    await check('police', 'requests (empty)');
    expect(found()).toEqual([]);
  });

  it('the independent chair accepts with JavaScript off', async () => {
    const page = await newPerson('chair', { javaScriptEnabled: false });
    await acceptInvitationThroughPages(page, await mailbox.invitationLink(PEOPLE.chair.email), PASSWORD, visitAs('chair'));
    expect(new URL(page.url()).pathname).toBe('/reviews');
    expect(found()).toEqual([]);
  });

  it('the CSP chair accepts by keyboard alone: password, the secret key read from the page, a code, the recovery codes', async () => {
    const page = await newPerson('cspChair');
    const visit = visitAs('cspChair');
    // The link is followed from the email; from then on only the keyboard.
    await page.goto(await mailbox.invitationLink(PEOPLE.cspChair.email));
    await visit(page, 'create-password (keyboard)');
    await typeInto(page, 'password', PASSWORD);
    await typeInto(page, 'confirmPassword', PASSWORD);
    await activate(page, 'Continue');
    expect(new URL(page.url()).pathname).toBe(SetUpTwoFactorPage.path);
    await visit(page, 'set-up-two-factor (keyboard)');
    const secret = await new SetUpTwoFactorPage(page).secretKey();
    await typeInto(page, 'code', await freshCode(secret));
    await activate(page, 'Continue');
    await visit(page, 'recovery-codes (keyboard)');
    await activate(page, 'I have saved my recovery codes');
    expect(new URL(page.url()).pathname).toBe('/decisions'); // a CSP chair lands on Decisions and sign-off
    expect(found()).toEqual([]);
  });

  it('coordinator: records the notification (dates in the past), checks the answers, and the review starts', async () => {
    const page = pages.coordinator;
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Reviews' }).click();
    await page.getByRole('button', { name: 'Record a notification' }).click();
    await check('coordinator', 'record a notification');
    const notified = londonDay(NOTIFIED);
    const death = londonDay(DEATH);
    await page.locator('#notifiedAt-day').fill(notified.day);
    await page.locator('#notifiedAt-month').fill(notified.month);
    await page.locator('#notifiedAt-year').fill(notified.year);
    await page.locator('#notifiedAt-time').fill('9am');
    await page.getByLabel('Who notified the partnership?').fill(POLICE);
    await page.locator('#deathDate-day').fill(death.day);
    await page.locator('#deathDate-month').fill(death.month);
    await page.locator('#deathDate-year').fill(death.year);
    await page.getByLabel('Victim’s pseudonym').fill('Adult K');
    await page.getByLabel('Perpetrator’s pseudonym (optional)').fill('Adult L');
    await page.getByLabel('Police force area (optional)').fill('Riverside');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Check your answers' }).waitFor();
    await check('coordinator', 'check your answers');
    await page.getByRole('button', { name: 'Record the notification' }).click();
    expect(await successBanner(page).innerText()).toContain('Notification recorded');
    review.id = /\/reviews\/([0-9a-f-]{36})$/.exec(page.url())![1];
    review.reference = await new ReviewPage(page).reference();
    expect(review.reference).toMatch(/^DHR-RIVR-\d{4}-\d{3}$/);
    expect(await stage('coordinator')).toBe('Notification');
    await check('coordinator', 'new review');
    expect(found()).toEqual([]);
  });

  it('CSP chair, by keyboard: finds the review and records the decision to hold a review, dated when it was made', async () => {
    const page = pages.cspChair;
    const visit = visitAs('cspChair');
    await page.goto('/reviews');
    await activate(page, review.reference);
    expect(new URL(page.url()).pathname).toBe(`/reviews/${review.id}`);
    await visit(page, 'review (keyboard)');
    const decided = londonDay(DECIDED);
    await recordTaskByKeyboard(page, visit, {
      task: 'Record the decision to hold a review',
      answer: async () => {
        await typeInto(page, 'decidedAt-day', decided.day);
        await typeInto(page, 'decidedAt-month', decided.month);
        await typeInto(page, 'decidedAt-year', decided.year);
        await typeInto(page, 'decidedAt-time', '2:30pm');
        // v3: the kind of death (the first radio, "A homicide"); the CSP chair is the decision-maker, not asked.
        await chooseByKeyboard(page, 'deathType');
        await typeInto(page, 'rationale', 'The criteria for a domestic homicide review are met.');
      },
      recorded: 'Decision to hold a review recorded',
    });
    expect(await stage('cspChair')).toBe('Setting up');
    expect(found()).toEqual([]);
  });

  it('coordinator: records the Home Office told and appoints the independent chair by name', async () => {
    const page = pages.coordinator;
    const visit = visitAs('coordinator');
    await openReview('coordinator');
    await recordTask(page, visit, {
      task: 'Record that the Home Office was told',
      answer: (form) => form.date('sentAt', HOME_OFFICE_TOLD, '11am'),
      recorded: 'Home Office notice recorded',
    });
    await recordTask(page, visit, {
      task: 'Appoint the independent chair',
      answer: (form) => form.choose(PEOPLE.chair.name),
      recorded: 'Independent chair appointed',
    });
    expect(await new ReviewPage(page).overview().first().innerText()).toContain(PEOPLE.chair.name);
    expect(found()).toEqual([]);
  });

  it('independent chair, JavaScript off: adds the police and the NHS trust to the panel, agrees the terms of reference, asks both for their IMRs', async () => {
    const page = pages.chair;
    const visit = visitAs('chair');
    await openReview('chair');
    await visit(page, 'review');
    for (const agency of [POLICE, HEALTH])
      await recordTask(page, visit, {
        task: 'Add an agency to the review panel',
        answer: (form) => form.choose(agency),
        recorded: 'Agency added to the panel',
      });
    await recordTask(page, visit, {
      task: 'Record the agreed terms of reference',
      answer: async (form) => {
        await form.dateParts('periodFrom', 1, 1, 2021);
        await form.date('periodTo', DEATH);
      },
      recorded: 'Terms of reference recorded',
    });
    expect(await stage('chair')).toBe('Information gathering');
    await recordTask(page, visit, {
      task: 'Ask an agency for its IMR (individual management review)',
      answer: async (form) => {
        await form.choose(POLICE);
        await form.date('dueAt', 28);
      },
      recorded: 'IMR (individual management review) requested',
    });
    await recordTask(page, visit, {
      task: 'Ask an agency for its IMR (individual management review)',
      answer: (form) => form.choose(HEALTH),
      recorded: 'IMR (individual management review) requested',
    });
    expect(found()).toEqual([]);
  });

  it('agency contacts: from Requests to my agency, the police upload their chronology and IMR, the NHS trust its IMR; each IMR is recorded as received', async () => {
    const uploadFromRequests = async (
      who: 'police' | 'health',
      kind: string,
      files: { name: string; text: string; mimeType: string }[],
    ) => {
      const page = pages[who];
      const requests = new RequestsPage(page);
      await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: requests.title }).click();
      await check(who, 'requests');
      await requests.follow('Upload the IMR or chronology');
      expect(new URL(page.url()).pathname).toBe(`/reviews/${review.id}/documents/upload`);
      await check(who, 'upload a document');
      await page.getByLabel(kind, { exact: true }).check();
      await page
        .locator('input[type=file][name=file]')
        .setInputFiles(files.map((f) => ({ name: f.name, mimeType: f.mimeType, buffer: Buffer.from(f.text) })));
      await page.getByRole('button', { name: 'Upload', exact: true }).click();
      expect(new URL(page.url()).pathname).toBe(`/reviews/${review.id}`);
      await check(who, `uploaded: ${kind}`);
      return successBanner(page).innerText();
    };
    const chronology = [
      'date,agency,event,source',
      `2025-11-03,${POLICE},Call about a domestic incident at the home of Adult K,Incident log 1123`,
      `2026-01-15,${POLICE},Officers visited; risk assessment completed,Visit record 22`,
    ].join('\n');
    expect(
      await uploadFromRequests('police', 'Chronology', [{ name: 'chronology.csv', mimeType: 'text/csv', text: chronology }]),
    ).toContain('Chronology uploaded');
    expect(
      await uploadFromRequests('police', 'IMR (individual management review)', [
        { name: 'police-imr-part-1.txt', mimeType: 'text/plain', text: 'Police IMR for Adult K, part one' },
        { name: 'police-imr-part-2.txt', mimeType: 'text/plain', text: 'Police IMR for Adult K, part two' },
      ]),
    ).toContain('This recorded: IMR received.');
    await screenshot(pages.police, 'review-after-imr-upload');
    expect(
      await uploadFromRequests('health', 'IMR (individual management review)', [
        { name: 'nhs-imr.txt', mimeType: 'text/plain', text: 'NHS trust IMR for Adult K' },
      ]),
    ).toContain('This recorded: IMR received.');
    // Done: the request shows so, with no upload link left.
    const requests = await new RequestsPage(pages.health).open();
    expect((await requests.requests())[0]).toEqual([
      review.reference,
      'IMR (individual management review) and chronology',
      expect.any(String),
      'Done',
      '',
    ]);
    await check('health', 'requests (done)');
    expect(found()).toEqual([]);
  });

  it('independent chair, JavaScript off: begins drafting, uploads the overview report (the draft submitted) and records it shared with the family', async () => {
    const page = pages.chair;
    const visit = visitAs('chair');
    await openReview('chair');
    await recordTask(page, visit, { task: 'Begin drafting the overview report', recorded: 'Drafting begun' });
    expect(await stage('chair')).toBe('Drafting');

    const tasks = page.getByRole('navigation', { name: 'Review' }).getByRole('link', { name: 'Tasks', exact: true });
    await tasks.click();
    await page.getByRole('link', { name: 'Upload a draft report' }).click();
    expect(new URL(page.url()).pathname).toBe(`/reviews/${review.id}/drafts`);
    await visit(page, 'drafts (none yet)');
    await page.getByLabel('Overview report', { exact: true }).check();
    await page.getByLabel('Title (optional)').fill('First draft for the panel');
    await page.locator('input[type=file][name=file]').setInputFiles({
      name: 'overview-report.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('Overview report: the death of Adult K.'),
    });
    await page.getByRole('button', { name: 'Upload the draft' }).click();
    expect(await successBanner(page).innerText()).toContain('This recorded: Draft submitted.');
    await visit(page, 'drafts (one draft)');
    await screenshot(page, 'drafts-after-upload');

    await recordTask(page, visit, {
      task: 'Record the draft shared with the family',
      recorded: 'Draft recorded as shared with the family',
    });
    expect(await stage('chair')).toBe('Family review');
    expect(found()).toEqual([]);
  });

  it('coordinator records the family’s response; the chair (JavaScript off) sends the report for sign-off', async () => {
    await openReview('coordinator');
    await recordTask(pages.coordinator, visitAs('coordinator'), {
      task: 'Record the family’s response to the draft',
      recorded: 'Family response recorded',
    });
    expect(await stage('coordinator')).toBe('Drafting');
    await openReview('chair');
    await recordTask(pages.chair, visitAs('chair'), {
      task: 'Send the report to the partnership for sign-off',
      recorded: 'Report sent for sign-off',
    });
    expect(await stage('chair')).toBe('Partnership sign-off');
    expect(found()).toEqual([]);
  });

  it('CSP chair, by keyboard: reads the documents, then signs the report off through "Check and confirm"', async () => {
    const page = pages.cspChair;
    const visit = visitAs('cspChair');
    await page.goto('/reviews');
    await activate(page, review.reference);
    await activate(page, 'Documents');
    expect(await page.locator('main').innerText()).toContain('Overview report');
    await visit(page, 'documents (keyboard)');
    await recordTaskByKeyboard(
      page,
      async (p, name) => {
        await visit(p, name);
        if (name.startsWith('check and confirm')) await screenshot(p, 'confirm-sign-off');
      },
      { task: 'Sign off the report for the partnership', recorded: 'Report signed off' },
    );
    expect(await stage('cspChair')).toBe('Home Office quality assurance');
    expect(found()).toEqual([]);
  });

  it('coordinator: the report sent to the Home Office, approved, a copy to the commissioner, published, an action for the police', async () => {
    const page = pages.coordinator;
    const visit = visitAs('coordinator');
    await openReview('coordinator');
    await recordTask(page, visit, {
      task: 'Record the report sent to the Home Office',
      recorded: 'Report recorded as sent to the Home Office',
    });
    // The coordinator's tasks in Home Office quality assurance, kept as a screenshot.
    await new ReviewFilePage(page).openSection('Tasks');
    await screenshot(page, 'review-tasks-coordinator');
    await recordTask(page, visit, {
      task: 'Record the Home Office quality assurance outcome',
      answer: async (form) => {
        await form.choose('Approved for publication');
        await form.fill('Notes (optional)', 'Approved without changes.');
      },
      recorded: 'Quality assurance outcome recorded',
    });
    expect(await stage('coordinator')).toBe('Publication');
    await recordTask(page, visit, {
      task: 'Record a copy sent to the Domestic Abuse Commissioner',
      recorded: 'Copy to the commissioner recorded',
    });
    await recordTask(page, visit, {
      task: 'Record the report published',
      answer: (form) => form.fill('Web address of the published report', 'https://www.riverside.example.gov.uk/dhr/adult-k'),
      recorded: 'Publication recorded',
    });
    expect(await stage('coordinator')).toBe('Action plan');
    await recordTask(page, visit, {
      task: 'Add an action to the action plan',
      answer: async (form) => {
        await form.choose(POLICE);
        await form.fill('What needs to be done?', 'Train response officers in recognising coercive control');
        await form.date('dueAt', 90);
      },
      recorded: 'Action added',
    });
    expect(found()).toEqual([]);
  });

  it('police contact: from Requests to my agency, records the action complete', async () => {
    const page = pages.police;
    const requests = await new RequestsPage(page).open();
    await check('police', 'requests (an action)');
    await requests.follow('Record it complete');
    await check('police', 'form: record an action completed');
    const action = page.getByLabel(`Train response officers in recognising coercive control (${POLICE})`, { exact: true });
    if (!(await action.isChecked())) await action.check();
    await page.getByRole('button', { name: 'Record' }).click();
    expect(await successBanner(page).innerText()).toContain('Action recorded as complete');
    await check('police', 'recorded: action complete');
    expect(found()).toEqual([]);
  });

  it('coordinator: closes the review through "Check and confirm"; the timeline tells the whole story by name, never an id', async () => {
    const page = pages.coordinator;
    const visit = visitAs('coordinator');
    await openReview('coordinator');
    await recordTask(page, visit, { task: 'Close the review', recorded: 'Review closed' });
    expect(await stage('coordinator')).toBe('Closed');

    await new ReviewFilePage(page).openSection('Timeline');
    await visit(page, 'timeline (closed)');
    const timeline = await page.locator('main').innerText();
    for (const person of Object.values(PEOPLE)) expect(timeline).toContain(person.name);
    expect(timeline).not.toMatch(uuidPattern);
    await screenshot(page, 'timeline-closed-review');

    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Reviews' }).click();
    expect(await new ReviewsPage(page).row(review.reference).innerText()).toContain('Closed');
    await visit(page, 'reviews (closed)');
    expect(found()).toEqual([]);
  });
});
