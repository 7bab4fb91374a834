import type { Page } from 'playwright-core';
import { tabTo } from './keyboard';
import { EventFormPage, TasksPage } from './pages/tasks.page';
import type { Visit } from './sign-in';

export interface TaskStep {
  /** The task as the Tasks page lists it. */
  task: string;
  /** Answers the form's questions; nothing for a form without questions. */
  answer?: (form: EventFormPage) => Promise<void>;
  /** The success banner's words once recorded. */
  recorded: string;
}

/** The success banner of the page shown after a form (post, redirect, get). */
export const successBanner = (page: Page) => page.locator('.govuk-notification-banner--success');
/** The review's stage, as the tag under its heading says it. */
export const stageTag = (page: Page) => page.locator('main .govuk-tag--blue').first();

/** Throws with what the page says when the banner is not the one expected (an error summary, a refusal). */
async function expectBanner(page: Page, recorded: string, step: string): Promise<void> {
  const banner = successBanner(page);
  const text = (await banner.count()) ? await banner.innerText() : '';
  if (text.includes(recorded)) return;
  const summary = page.locator('.govuk-error-summary, .govuk-notification-banner');
  const said = (await summary.count()) ? await summary.first().innerText() : (await page.locator('main').innerText()).slice(0, 400);
  throw new Error(`${step}: expected "${recorded}" at ${page.url()}, the page says: ${said}`);
}

/**
 * Does one task from the review's pages as a person would: Tasks in the sub-navigation, the
 * task's link, its form answered, Record (or Continue, then the "Check and confirm" page and
 * its "Yes, …" button), and back on the review with the success banner. `visit` sees every page
 * and state on the way.
 */
export async function recordTask(page: Page, visit: Visit, step: TaskStep): Promise<void> {
  const tasks = new TasksPage(page);
  await tasks.openFromReview();
  await visit(page, `tasks before: ${step.task}`);
  const form = await tasks.start(step.task);
  await visit(page, `form: ${step.task}`);
  await step.answer?.(form);
  await form.submit();
  if (form.isConfirmPage()) {
    await visit(page, `check and confirm: ${step.task}`);
    await form.confirm();
  }
  await expectBanner(page, step.recorded, step.task);
  await visit(page, `recorded: ${step.task}`);
}

/** Tab to a field by its id, select what is in it and type over it: the keyboard alone. */
export async function typeInto(page: Page, id: string, text: string): Promise<void> {
  await tabTo(page, (f) => f.id === id, { max: 60 });
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

/** Tab to a radio by its id and press Space to choose it: the keyboard alone. */
export async function chooseByKeyboard(page: Page, id: string): Promise<void> {
  await tabTo(page, (f) => f.tag === 'input' && f.id === id, { max: 60 });
  await page.keyboard.press('Space');
}

/** Tab to a link or button by its words and press Enter; waits for the page it opens. */
export async function activate(page: Page, words: string | RegExp): Promise<void> {
  const matches = (text: string) => (typeof words === 'string' ? text === words : words.test(text));
  await tabTo(page, (f) => (f.tag === 'a' || f.tag === 'button') && matches(f.text), { max: 60 });
  await Promise.all([page.waitForEvent('framenavigated'), page.keyboard.press('Enter')]);
  await page.waitForLoadState('domcontentloaded');
}

/** The same task as recordTask, by keyboard alone: Tab, Enter, typing. `answer` types the answers. */
export async function recordTaskByKeyboard(
  page: Page,
  visit: Visit,
  step: { task: string; answer?: () => Promise<void>; recorded: string },
): Promise<void> {
  await activate(page, 'Tasks');
  await visit(page, `tasks before: ${step.task} (keyboard)`);
  await activate(page, step.task);
  await visit(page, `form: ${step.task} (keyboard)`);
  await step.answer?.();
  await activate(page, /^(Record|Continue)$/);
  if (new URL(page.url()).pathname.endsWith('/confirm')) {
    await visit(page, `check and confirm: ${step.task} (keyboard)`);
    await activate(page, /^Yes, /);
  }
  await expectBanner(page, step.recorded, step.task);
  await visit(page, `recorded: ${step.task} (keyboard)`);
}
