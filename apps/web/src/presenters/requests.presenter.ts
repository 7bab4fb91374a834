import type { MeetingView } from '@dhr/meetings';
import type { VisibleReview } from '@dhr/reviews';
import { daysUntil, dueDate, longDate, time } from './dates';

/** Days before a due date when a request shows "Due soon" (as the caseload's deadlines). */
const DUE_SOON_DAYS = 14;

type Tag = { text: string; classes: string } | null;

export interface RequestRow {
  reference: string;
  reviewHref: string;
  what: string;
  due: string;
  tag: Tag;
  /** What to do about it now, if anything. */
  link: { href: string; text: string } | null;
  /** For the order: open first, soonest due first. */
  sortKey: string;
}

/** How a request ended, if it has: done, found not needed, or withdrawn by the review. */
type Ended = 'done' | 'not_needed' | 'withdrawn' | false;

/** "Overdue by 3 days", "Due soon", "Done", "Not needed", "Withdrawn" or nothing, for a request still open or ended. */
export function requestTag(dueAt: string | null, done: Ended, now: Date): Tag {
  if (done === 'done') return { text: 'Done', classes: 'govuk-tag--green' };
  if (done === 'not_needed') return { text: 'Not needed', classes: 'govuk-tag--grey' };
  if (done === 'withdrawn') return { text: 'Withdrawn', classes: 'govuk-tag--grey' };
  if (!dueAt) return null;
  const days = daysUntil(dueAt, now);
  if (new Date(dueAt).getTime() <= now.getTime()) {
    const late = Math.max(1, -days);
    return { text: `Overdue by ${late} day${late === 1 ? '' : 's'}`, classes: 'govuk-tag--red' };
  }
  return days <= DUE_SOON_DAYS ? { text: 'Due soon', classes: 'govuk-tag--yellow' } : null;
}

/**
 * What a review asks of the agency contact's agency (their view holds their own agency's part
 * only): the scoping request, the IMR, its actions and the meetings they are invited to, each with
 * its due date, a tag and a link to do it.
 */
export function requestRows(review: VisibleReview, meetings: MeetingView[], now: Date): RequestRow[] {
  const base = { reference: review.reference, reviewHref: `/reviews/${review.id}` };
  const rows: RequestRow[] = [];
  const due = (kind: string, agencyId: string) =>
    review.deadlines
      .filter((d) => d.kind === kind && d.agencyId === agencyId)
      .sort((a, b) => (a.status === 'open' ? -1 : b.status === 'open' ? 1 : 0))[0];
  const row = (what: string, dueAt: string | null, done: Ended, link: RequestRow['link']): RequestRow => ({
    ...base,
    what,
    due: dueAt ? dueDate(dueAt) : 'No due date',
    tag: requestTag(dueAt, done, now),
    link: done ? null : link,
    sortKey: `${done ? '1' : '0'}${dueAt ?? '9999'}`,
  });
  const may = (type: string) => review.allowedEvents.includes(type);

  for (const s of review.scoping) {
    const clock = due('scoping_return', s.agencyId);
    const link = may('RECEIVE_SCOPING')
      ? { href: `/reviews/${review.id}/tasks/RECEIVE_SCOPING?agencyId=${s.agencyId}`, text: 'Record it sent' }
      : null;
    const ended = s.status === 'returned' ? 'done' : s.status === 'withdrawn' ? 'withdrawn' : false;
    rows.push(row('Scoping information', clock?.dueAt ?? null, ended, link));
  }
  for (const p of review.panel) {
    if (p.imr === 'not_requested') continue;
    const clock = due('imr', p.agencyId);
    const done = p.imr === 'received' ? 'done' : p.imr === 'waived' ? 'not_needed' : p.imr === 'withdrawn' ? 'withdrawn' : false;
    rows.push(
      row('IMR (individual management review) and chronology', clock?.dueAt ?? null, done, {
        href: `/reviews/${review.id}/documents/upload?type=imr`,
        text: 'Upload the IMR or chronology',
      }),
    );
  }
  for (const a of review.actions) {
    const link = may('COMPLETE_ACTION')
      ? { href: `/reviews/${review.id}/tasks/COMPLETE_ACTION?actionId=${a.id}`, text: 'Record it complete' }
      : null;
    rows.push(row(`Action: ${a.description}`, a.dueAt, a.status === 'complete' ? 'done' : false, link));
  }
  for (const m of meetings) {
    if (m.status !== 'scheduled' || new Date(m.endsAt).getTime() < now.getTime()) continue;
    rows.push({
      ...base,
      what: `Panel meeting ${m.number}`,
      due: `${longDate(m.startsAt)}, ${time(m.startsAt)}`,
      tag: null,
      link: null,
      sortKey: `0${m.startsAt}`,
    });
  }
  return rows;
}

/** All the rows of all the reviews: open requests first, soonest due first. */
export function sortRequests(rows: RequestRow[]): RequestRow[] {
  return [...rows].sort((a, b) => a.sortKey.localeCompare(b.sortKey) || a.reference.localeCompare(b.reference));
}
