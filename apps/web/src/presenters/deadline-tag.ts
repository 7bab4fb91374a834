import { daysUntil, dueDate } from './dates';

/** Days before a deadline when it shows "Due soon". */
const DUE_SOON_DAYS = 14;

/** A deadline as a due date ("5pm on 9 December 2026") and, when it matters, an "Overdue" or "Due soon" tag. */
export function deadlineCell(dueAt: string | null | undefined, now: Date): { date: string; tag: { text: string; classes: string } | null } {
  if (!dueAt) return { date: 'None', tag: null };
  const days = daysUntil(dueAt, now);
  const tag =
    new Date(dueAt).getTime() <= now.getTime()
      ? { text: 'Overdue', classes: 'govuk-tag--red' }
      : days <= DUE_SOON_DAYS
        ? { text: 'Due soon', classes: 'govuk-tag--yellow' }
        : null;
  return { date: dueDate(dueAt), tag };
}
