import type { Page } from 'playwright-core';
import { londonDay } from '../dates';

/** /reviews/<id>/tasks: what this person may do on the review now, each task a link to its form. */
export class TasksPage {
  constructor(readonly page: Page) {}
  readonly taskList = () => this.page.locator('.govuk-task-list');

  /** From any page of the review, its sub-navigation's "Tasks". */
  async openFromReview(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Review' }).getByRole('link', { name: 'Tasks', exact: true }).click();
    await this.taskList().or(this.page.getByText('There is nothing for you to do on this review now.')).first().waitFor();
  }
  async tasks(): Promise<string[]> {
    return (await this.taskList().getByRole('link').allInnerTexts()).map((s) => s.trim());
  }
  async start(task: string): Promise<EventFormPage> {
    await this.taskList().getByRole('link', { name: task, exact: true }).click();
    return new EventFormPage(this.page);
  }
}

/** One event's form (/reviews/<id>/tasks/<EVENT>), and its "Check and confirm" page for an irreversible step. */
export class EventFormPage {
  constructor(readonly page: Page) {}
  readonly heading = () => this.page.getByRole('heading', { level: 1 });

  /** "When did this happen?" (or another date question, by its field name): a London day `offsetDays` from today, and a time if given. */
  async date(name: string, offsetDays: number, time?: string): Promise<void> {
    const { day, month, year } = londonDay(offsetDays);
    await this.page.locator(`#${name}-day`).fill(day);
    await this.page.locator(`#${name}-month`).fill(month);
    await this.page.locator(`#${name}-year`).fill(year);
    if (time !== undefined) await this.page.locator(`#${name}-time`).fill(time);
  }
  /** A calendar date given as day, month and year. */
  async dateParts(name: string, day: number, month: number, year: number): Promise<void> {
    await this.page.locator(`#${name}-day`).fill(String(day));
    await this.page.locator(`#${name}-month`).fill(String(month));
    await this.page.locator(`#${name}-year`).fill(String(year));
  }
  /** A radio by its words (an agency, a chair, an outcome). */
  async choose(label: string): Promise<void> {
    await this.page.getByLabel(label, { exact: true }).check();
  }
  async fill(label: string, value: string): Promise<void> {
    await this.page.getByLabel(label, { exact: true }).fill(value);
  }
  /** "Record", or "Continue" to the check-and-confirm page. */
  async submit(): Promise<void> {
    await this.page.getByRole('button', { name: /^(Record|Continue)$/ }).click();
    await this.page.waitForLoadState('domcontentloaded');
  }
  isConfirmPage(): boolean {
    return new URL(this.page.url()).pathname.endsWith('/confirm');
  }
  /** The warning button "Yes, …" of the confirm page. */
  async confirm(): Promise<void> {
    await this.page.getByRole('button', { name: /^Yes, / }).click();
    await this.page.waitForLoadState('domcontentloaded');
  }
}
