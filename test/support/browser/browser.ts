import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { generateSync } from 'otplib';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';

/** Debian's Chromium, never a downloaded browser (see docs: web.md, "Tests"). */
export const CHROMIUM = '/usr/bin/chromium';
export const VIEWPORT = { width: 1200, height: 800 };
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const SCREENSHOTS = join(__dirname, '..', '..', '..', 'docs', 'screenshots');

/** One headless browser per suite. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

const withoutJavaScript = new WeakSet<BrowserContext>();
const inspectors = new WeakMap<Browser, Promise<Page>>();

/** One context per person: their own cookies; a fixed viewport, locale and time zone so pages look the same each run. */
export async function newUserContext(
  browser: Browser,
  baseURL: string,
  options: { javaScriptEnabled?: boolean } = {},
): Promise<BrowserContext> {
  const javaScriptEnabled = options.javaScriptEnabled ?? true;
  const context = await browser.newContext({
    baseURL,
    viewport: VIEWPORT,
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    javaScriptEnabled,
    reducedMotion: 'reduce',
  });
  if (!javaScriptEnabled) withoutJavaScript.add(context);
  return context;
}

/** axe with the WCAG 2.2 AA tags: the violations, as short lines (empty when none). */
export async function axeViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(WCAG_TAGS)
    .options({ resultTypes: ['violations'] })
    .analyze();
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/**
 * axe runs as a script in the page, which a context with JavaScript off does not allow. There,
 * the page as that browser has it (its HTML, its scripts removed) is served at the same
 * address to a page of a JavaScript-enabled context of the same browser, with the same CSS
 * from the server, and axe runs on that.
 */
async function axeViolationsWithoutJavaScript(page: Page): Promise<string[]> {
  const browser = page.context().browser()!;
  if (!inspectors.has(browser)) {
    inspectors.set(
      browser,
      browser.newContext({ viewport: VIEWPORT, locale: 'en-GB', timezoneId: 'Europe/London' }).then((c) => c.newPage()),
    );
  }
  const inspector = await inspectors.get(browser)!;
  const url = page.url();
  const html = (await page.content()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '');
  await inspector.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
  try {
    await inspector.goto(url);
    return await axeViolations(inspector);
  } finally {
    await inspector.unroute(url);
  }
}

/**
 * The checks every page and state visited gets: zero axe violations and no UUID in the text a
 * person reads. Returns what was wrong (the suite expects an empty list) so one run shows all.
 */
export async function checkPage(page: Page, name: string): Promise<string[]> {
  const violations = withoutJavaScript.has(page.context()) ? await axeViolationsWithoutJavaScript(page) : await axeViolations(page);
  const problems = violations.map((v) => `${name} ${page.url()}: ${v}`);
  const text = await page.locator('body').innerText();
  const uuid = UUID.exec(text);
  if (uuid) problems.push(`${name} ${page.url()}: shows the id ${uuid[0]}`);
  return problems;
}

/**
 * A full-page screenshot, 1200 px wide, kept in docs/screenshots/<name>.png. What changes at
 * every run and is secret anyway (the two-factor secret and its QR code, recovery codes), and
 * the timeout warning's countdown, are masked, so a run changes a screenshot only when the page does.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({
    path: join(SCREENSHOTS, `${name.replace(/[^a-z0-9]+/gi, '-')}.png`),
    fullPage: true,
    animations: 'disabled',
    caret: 'hide',
    mask: [page.locator('.app-qr-code, #secret-key, #recovery-codes, .app-timeout-warning__countdown')],
    maskColor: '#b1b4b6',
  });
}

const lastStep = new Map<string, number>();
const stepNow = () => Math.floor(Date.now() / 30_000);
/**
 * A TOTP code for a 30-second step this secret has not used yet (the service refuses a code
 * used twice): the current step, else the next (within the one-step tolerance), else wait.
 */
export async function freshCode(secret: string): Promise<string> {
  let step = Math.max(stepNow(), (lastStep.get(secret) ?? -1) + 1);
  while (step > stepNow() + 1) await new Promise((r) => setTimeout(r, 1000));
  step = Math.max(step, stepNow());
  lastStep.set(secret, step);
  return generateSync({ secret, epoch: step * 30 });
}

export const uuidPattern = UUID;
