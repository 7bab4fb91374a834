import type { EmailData, RenderedEmail } from '../email-data';

/** A template turns validated data (plus the review's link) into an email. */
export type TemplateRenderer = (data: EmailData, reviewUrl: string) => RenderedEmail;

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function dayCount(days: number): string {
  return days === 1 ? '1 day' : `${days} days`;
}

export const UK_TIME_NOTE = '(UK time)';

/** overdueDays when it is a usable count (a whole number, 1 or more); otherwise undefined. */
export function wholeDaysOverdue(days: number | undefined): number | undefined {
  return days !== undefined && Number.isInteger(days) && days >= 1 ? days : undefined;
}
