import type { EmailData, RenderedEmail } from '../email-data';
import { singleLine } from './layout';

/** A template turns validated data (plus the review's link) into an email. */
export type TemplateRenderer = (data: EmailData, reviewUrl: string) => RenderedEmail;

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function dayCount(days: number): string {
  return days === 1 ? '1 day' : `${days} days`;
}

/** overdueDays when it is a usable count (a whole number, 1 or more); otherwise undefined. */
export function wholeDaysOverdue(days: number | undefined): number | undefined {
  return days !== undefined && Number.isInteger(days) && days >= 1 ? days : undefined;
}

/** An action's description as the body quotes it (free text: never in a subject). */
export function quoted(text: string): string {
  return `“${singleLine(text)}”`;
}

/** The action's own words, as a fact row, when the deadline is an action-plan item. */
export function actionFact(data: EmailData): ReadonlyArray<readonly [string, string]> {
  return data.deadlineKind === 'action' && data.actionDescription ? [['The action', quoted(data.actionDescription)]] : [];
}

/** The "Requests to my agency" page: every request to the agency contact's agency, across reviews. */
export function requestsUrl(publicUrl: string): string {
  return `${new URL(publicUrl).href.replace(/\/+$/, '')}/requests`;
}
