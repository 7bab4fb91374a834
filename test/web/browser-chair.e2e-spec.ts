import type { Browser, BrowserContext, Page } from 'playwright-core';
import { seedPartnership, Seed } from '../support/actors';
import { checkPage, launchBrowser, newUserContext, screenshot } from '../support/browser/browser';
import { CaseloadPage } from '../support/browser/pages/caseload.page';
import { DecisionsPage } from '../support/browser/pages/decisions.page';
import { signInThroughPages } from '../support/browser/sign-in';
import { daysAgo, reviewBody, send } from '../support/review-driver';
import { reviewWaitingForSignOff } from '../support/signoff-driver';
import { startWebTestApp, WebTestApp } from '../support/web-app';

interface Ref {
  id: string;
  reference: string;
}

/**
 * The CSP chair in Chromium: signs in and lands on Decisions and sign-off, decides to hold a
 * review through "Check and confirm" and comes back to a success banner; then filters the
 * caseload with JavaScript on and off. axe and the no-UUID check on every page and state;
 * screenshots of the decisions page and the filtered caseload kept in docs/screenshots.
 */
describe('web in a browser: the CSP chair’s decisions and the caseload’s filters', () => {
  let t: WebTestApp;
  let s: Seed;
  let browser: Browser;
  let waiting: Ref;
  let signOff: Ref;
  let held: Ref;
  let foreign: Ref;
  let secret: string;
  const contexts: BrowserContext[] = [];
  // axe on every page and state takes a second or two each, more on a busy machine.
  jest.setTimeout(240_000);

  beforeAll(async () => {
    [t, browser] = await Promise.all([startWebTestApp({ env: { LOGIN_MAX_ATTEMPTS_PER_IP: '1000' } }), launchBrowser()]);
    s = await seedPartnership(t, 'CHR');
    const other = await seedPartnership(t, 'CHX');
    const create = async (seed: Seed, overrides: Record<string, unknown>): Promise<Ref> => {
      const res = await t.http().post('/api/reviews').set(seed.coordinator.auth).send(reviewBody(seed.partnership.id, overrides));
      if (res.status !== 201) throw new Error(`create review: ${res.status}`);
      return { id: res.body.id, reference: res.body.reference };
    };
    waiting = await create(s, { notifiedAt: daysAgo(40), victimPseudonym: 'Adult Larch', policeForceArea: 'Wessex' });
    held = await create(s, { notifiedAt: daysAgo(12), victimPseudonym: 'Adult Rowan' });
    await send(t, s.cspChair, held.id, { type: 'DECIDE_TO_COMMISSION', rationale: 'criteria met' });
    await send(t, s.coordinator, held.id, { type: 'APPOINT_CHAIR', userId: s.chair.id });
    await send(t, s.coordinator, held.id, { type: 'PUT_ON_HOLD', kind: 'criminal_trial', scope: 'review', reason: 'Trial listed' });
    signOff = await reviewWaitingForSignOff(t, s, { victimPseudonym: 'Adult Maple' });
    foreign = await create(other, { victimPseudonym: 'Adult Larch' });
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await t?.close();
  });

  async function newPage(javaScriptEnabled = true): Promise<Page> {
    const context = await newUserContext(browser, t.baseUrl, { javaScriptEnabled });
    contexts.push(context);
    return context.newPage();
  }

  it('signs in, lands on Decisions and sign-off, and decides to hold a review with a confirmation', async () => {
    const page = await newPage();
    const problems: string[] = [];
    const check = async (name: string, shot = false) => {
      problems.push(...(await checkPage(page, name)));
      if (shot) await screenshot(page, name);
    };
    ({ secret } = await signInThroughPages(page, s.cspChair.email));

    const decisions = new DecisionsPage(page);
    expect(decisions.isHere()).toBe(true);
    expect(await decisions.heading().innerText()).toBe('Decisions and sign-off');
    const card = await decisions.card(waiting.reference).innerText();
    for (const fact of ['Adult Larch', 'Wessex', 'Overdue']) expect(card).toContain(fact);
    const queue = await decisions.card(signOff.reference).innerText();
    expect(queue).toMatch(/Version 2, uploaded/);
    expect(await page.locator('main').innerText()).not.toContain(foreign.reference);
    await check('decisions', true);

    await decisions.startTask(waiting.reference, 'Record the decision to hold a review');
    expect(new URL(page.url()).pathname).toBe(`/reviews/${waiting.id}/tasks/DECIDE_TO_COMMISSION`);
    await check('decide to hold a review');
    await page.getByRole('button', { name: 'Continue' }).click();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('Select what kind of death it is');
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('Enter why the decision was made');
    await check('decide to hold a review with errors');
    // v3: "Something else" needs its description.
    await page.getByLabel('Something else', { exact: true }).check();
    await page.getByLabel('Why was the decision made?').fill('The death meets the criteria for a review.');
    await page.getByRole('button', { name: 'Continue' }).click();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('Enter the description of the kind of death');
    await check('decide to hold a review: the description missing');
    await page.getByLabel('If something else, describe the kind of death').fill('A death after coercive control, not yet classified');
    await page.getByRole('button', { name: 'Continue' }).click();
    expect(new URL(page.url()).pathname).toBe(`/reviews/${waiting.id}/tasks/DECIDE_TO_COMMISSION/confirm`);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(
      'Are you sure you want to record the decision to hold a review?',
    );
    await check('decide to hold a review: check and confirm', true);
    await page.getByRole('button', { name: 'Yes, record the decision to hold a review' }).click();

    expect(decisions.isHere()).toBe(true);
    expect(await decisions.banner().innerText()).toContain(`Decision to hold a review recorded: review ${waiting.reference}`);
    expect(await page.locator('main').innerText()).toContain('No reviews are waiting for a decision.');
    await check('decisions after deciding');
    expect(problems).toEqual([]);
  });

  it('filters, searches and sorts the caseload with JavaScript on', async () => {
    const page = await newPage();
    const problems: string[] = [];
    await signInThroughPages(page, s.cspChair.email, { secret });
    const list = await new CaseloadPage(page).open();
    expect(await list.references()).toHaveLength(3);
    problems.push(...(await checkPage(page, 'caseload')));

    await list.checkStage('Setting up');
    await list.onlyOnHold();
    await list.sortBy('Reference');
    await list.apply();
    // The filters are in the address: a plain GET form.
    expect(new URL(page.url()).search).toBe('?search=&stage=setup&onHold=yes&chair=&agency=&sort=reference');
    expect(await list.references()).toEqual([held.reference]);
    expect(await list.selectedFilter('Setting up').isVisible()).toBe(true);
    problems.push(...(await checkPage(page, 'caseload filtered')));
    await screenshot(page, 'reviews-filtered');

    await list.removeFilter('On hold only');
    expect((await list.references()).sort()).toEqual([held.reference, waiting.reference].sort());
    await list.search('maple');
    await list.apply();
    expect(await list.references()).toEqual([]);
    expect(await page.locator('main').innerText()).toContain('No reviews match these filters');
    problems.push(...(await checkPage(page, 'caseload with no match')));
    expect(problems).toEqual([]);
  });

  it('filters the caseload with JavaScript off, the same GET form', async () => {
    const page = await newPage(false);
    const problems: string[] = [];
    await signInThroughPages(page, s.cspChair.email, { secret });
    const list = await new CaseloadPage(page).open();
    await list.search(signOff.reference.toLowerCase());
    await list.apply();
    expect(await list.references()).toEqual([signOff.reference]);
    expect(await list.row(signOff.reference).innerText()).toContain('Partnership sign-off');
    problems.push(...(await checkPage(page, 'caseload searched (no JavaScript)')));
    await list.removeFilter(signOff.reference.toLowerCase());
    await list.sortBy('Date notified');
    await list.apply();
    expect((await list.references())[0]).toBe(held.reference);
    problems.push(...(await checkPage(page, 'caseload sorted (no JavaScript)')));
    expect(problems).toEqual([]);
  });
});
