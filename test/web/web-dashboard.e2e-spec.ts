import type { Browser, BrowserContext } from 'playwright-core';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import { seedPartnership, Seed } from '../support/actors';
import { checkPage, launchBrowser, newUserContext, screenshot } from '../support/browser/browser';
import { signInThroughPages } from '../support/browser/sign-in';
import { HistoryReview, insertHistory, pathEvents, plusDays } from '../support/oversight-history';
import { startWebTestApp, WebTestApp } from '../support/web-app';
import { Agent, visibleText, webSignIn } from '../support/web-forms';

const PASSWORD = 'a-long-enough-test-password';

/**
 * The dashboard page: figures and SVG charts each followed by its table, the likely-late list
 * naming the agency a review waits on, links to the caseload filtered, a GET form of ids and dates
 * only; for coordinators and CSP chairs; axe-clean with JavaScript on and off. The history is
 * generated as in test/oversight-dashboard.e2e-spec.ts, relative to now.
 */
describe('web: the partnership dashboard', () => {
  let t: WebTestApp;
  let browser: Browser;
  let s: Seed;
  let ids: Record<string, string>;
  const secrets = new Map<string, string>();
  const agents: Record<string, Agent> = {};
  const contexts: BrowserContext[] = [];
  jest.setTimeout(240_000);

  beforeAll(async () => {
    [t, browser] = await Promise.all([startWebTestApp({ env: { LOGIN_MAX_ATTEMPTS_PER_IP: '1000' } }), launchBrowser()]);
    s = await seedPartnership(t, 'WDA');
    await seedPartnership(t, 'WDB');
    const now = new Date();
    const stages = ['notification', 'setup', 'information_gathering', 'drafting', 'csp_signoff', 'home_office_qa', 'publication'];
    const completed: HistoryReview[] = [0, 1, 2, 3, 4].map((i) => ({
      reference: `DHR-WDA-2025-00${i + 1}`,
      victimPseudonym: `Adult Past ${i + 1}`,
      stage: 'action_plan',
      events: pathEvents(
        plusDays(now, -300 + i * 5),
        stages.map((stage, k) => [stage, [10, 10, 60 + 10 * i, 40, 10, 50, 20][k]] as [string, number]),
        'action_plan',
      ),
    }));
    const stuck: HistoryReview = {
      reference: 'DHR-WDA-2026-001',
      victimPseudonym: 'Adult Waiting',
      stage: 'information_gathering',
      involvedAgencyIds: [s.police.id],
      events: [
        { type: 'NOTIFIED', at: plusDays(now, -160), from: null, to: 'notification' },
        { type: 'DECIDE_TO_COMMISSION', at: plusDays(now, -150), from: 'notification', to: 'setup' },
        { type: 'AGREE_TERMS_OF_REFERENCE', at: plusDays(now, -20), from: 'setup', to: 'information_gathering' },
      ],
      clocks: [{ kind: 'imr', agencyId: s.police.id, dueAt: plusDays(now, -10), status: 'open' }],
    };
    ids = await insertHistory(t.app.get<DataSource>(getDataSourceToken()), s.partnership.id, s.coordinator.id, [...completed, stuck]);
    for (const [who, email] of [
      ['coordinator', s.coordinator.email],
      ['chair', s.chair.email],
      ['police', s.policeContact.email],
    ]) {
      agents[who] = request.agent(t.server);
      expect((await webSignIn(agents[who], email, PASSWORD, secrets)).status).toBe(200);
    }
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await t?.close();
  });

  it('shows the figures, each chart followed by its table, and the review stuck on an overdue IMR', async () => {
    const page = await agents.coordinator.get('/dashboard');
    expect(page.status).toBe(200);
    const text = visibleText(page.text);
    expect(page.text).toContain('href="/dashboard" aria-current="true"');
    expect(text).toContain('Likely to be late');
    expect(text).toContain('DHR-WDA-2026-001');
    expect(text).toContain('Adult Waiting');
    expect(text).toContain('IMR from WDA Police is 10 days overdue');
    // Three charts, each an image with a title, each followed by its data table.
    const charts = [...page.text.matchAll(/<svg role="img" aria-labelledby="([\w-]+)"/g)].map((m) => m[1]);
    expect(charts).toEqual(['chart-stages-title', 'chart-stage-times-title', 'chart-agencies-title']);
    for (const id of charts) {
      const after = page.text.slice(page.text.indexOf(`id="${id}"`));
      expect(after.indexOf('<table')).toBeLessThan(after.indexOf('<svg') === -1 ? Infinity : after.indexOf('<svg'));
    }
    // Numbers link to the caseload filtered where a filter exists.
    expect(page.text).toContain('href="/reviews?stage=information_gathering"');
    expect(page.text).toContain('href="/reviews?overdue=yes"');
    expect(page.text).toContain(`href="/reviews?agency=${s.police.id}&#38;overdue=yes"`);
    expect(page.text).toContain(`href="/reviews/${ids['DHR-WDA-2026-001']}"`);
    // No other partnership's name.
    expect(text).not.toContain('WDB');
  });

  it('is for coordinators and CSP chairs only (the CSP chair opens it in the browser below)', async () => {
    expect((await agents.chair.get('/dashboard')).status).toBe(403);
    expect((await agents.police.get('/dashboard')).status).toBe(403);
    expect(visibleText((await agents.chair.get('/reviews')).text)).not.toContain('Dashboard');
  });

  it('keeps its filters in the URL as dates only, ignoring what the form could not send', async () => {
    const page = await agents.coordinator.get('/dashboard?from=1999-01-01&partnership=not-mine');
    expect(page.status).toBe(200);
    const options = [...page.text.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]);
    expect(options.length).toBe(4);
    for (const value of options) expect(value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('passes axe with JavaScript on and off, and the filter form works without JavaScript', async () => {
    const problems: string[] = [];
    // The CSP chair signs in only in the browser: the first time sets up two-factor, the second uses its secret.
    let secret: string | undefined;
    for (const javaScriptEnabled of [true, false]) {
      const context = await newUserContext(browser, t.baseUrl, { javaScriptEnabled });
      contexts.push(context);
      const page = await context.newPage();
      ({ secret } = await signInThroughPages(page, s.cspChair.email, { secret }));
      await page.goto('/dashboard');
      expect(await page.locator('h1').innerText()).toBe('Dashboard');
      problems.push(...(await checkPage(page, `dashboard (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`)));
      if (javaScriptEnabled) await screenshot(page, 'dashboard');
      await page.getByLabel('Period', { exact: true }).selectOption({ label: 'The last 3 months' });
      await page.getByRole('button', { name: 'Show figures' }).click();
      await page.waitForURL(/\/dashboard\?from=\d{4}-\d{2}-\d{2}$/);
      expect(await page.getByLabel('Period', { exact: true }).inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      problems.push(...(await checkPage(page, `dashboard filtered (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`)));
    }
    expect(problems).toEqual([]);
  });
});
