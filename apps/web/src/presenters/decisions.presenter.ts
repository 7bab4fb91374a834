import type { VisibleReview } from '@dhr/reviews';
import { withReturnTo } from '../routes/reviews/task-return';
import { longDate, time } from './dates';
import { deadlineCell } from './deadline-tag';
import { EVENT_FORMS } from './event-forms';
import { escapeHtml } from './escape-html';

/** Where a CSP chair's decision and sign-off tasks come back to once confirmed. */
export const DECISIONS_PATH = '/decisions';

type Row = { key: { text: string }; value: { text?: string; html?: string } };
type Tag = { text: string; classes: string } | null;
interface Document {
  id: string;
  type: string;
  version: number;
  uploadedBy: string;
  uploadedAt: string;
}

/** The tasks of these types the CSP chair may do now on the review, each a link that comes back to Decisions. */
function tasks(review: VisibleReview, types: readonly (keyof typeof EVENT_FORMS)[]) {
  return types
    .filter((type) => review.allowedEvents.includes(type))
    .map((type) => ({
      text: EVENT_FORMS[type]!.task,
      href: withReturnTo(`/reviews/${review.id}/tasks/${type}`, DECISIONS_PATH),
    }));
}

function deadlineOf(review: VisibleReview, kind: string, now: Date): { date: string; tag: Tag } | null {
  const open = review.deadlines.find((d) => d.kind === kind && d.status === 'open');
  return open ? deadlineCell(open.dueAt, now) : null;
}

const dueRow = (key: string, due: { date: string; tag: Tag } | null): Row[] =>
  due ? [{ key: { text: key }, value: { html: dueHtml(due) } }] : [];

function dueHtml(due: { date: string; tag: Tag }): string {
  const tag = due.tag ? ` <strong class="govuk-tag ${due.tag.classes}">${due.tag.text}</strong>` : '';
  return `${escapeHtml(due.date)}${tag}`;
}

/** A review waiting for the decision whether to hold a review: the notification's facts, then the two decisions. */
export function decisionCard(review: VisibleReview, now: Date) {
  const rows: Row[] = [
    { key: { text: 'Victim (pseudonym)' }, value: { text: review.victimPseudonym } },
    { key: { text: 'Perpetrator (pseudonym)' }, value: { text: review.perpetratorPseudonym ?? 'Not recorded' } },
    { key: { text: 'Date of death' }, value: { text: longDate(review.deathDate) } },
    { key: { text: 'Notified' }, value: { text: `${longDate(review.notifiedAt)}, ${time(review.notifiedAt)}` } },
    { key: { text: 'Notified by' }, value: { text: review.notifiedBy } },
    { key: { text: 'Police force area' }, value: { text: review.policeForceArea ?? 'Not recorded' } },
    ...dueRow('Decision due', deadlineOf(review, 'decision', now)),
  ];
  return {
    href: `/reviews/${review.id}`,
    reference: review.reference,
    rows,
    tasks: tasks(review, ['DECIDE_TO_COMMISSION', 'DECIDE_NOT_TO_COMMISSION']),
  };
}

/**
 * A review waiting for the partnership's sign-off: the chair, the latest overview report and
 * executive summary (their versions, when and by whom uploaded) to read, then sign off or ask for changes.
 */
export function signOffCard(review: VisibleReview, now: Date, userName: (id: string) => string | null) {
  const documents = ((review as { documents?: Document[] }).documents ?? []).filter(Boolean);
  const latest = (type: string) =>
    documents.filter((d) => d.type === type).sort((a, b) => b.uploadedAt.localeCompare(a.uploadedAt))[0] ?? null;
  const toRead = [
    { what: 'Overview report', doc: latest('overview_report') },
    { what: 'Executive summary', doc: latest('executive_summary') },
  ].map(({ what, doc }) => ({
    key: { text: what },
    value: {
      text: doc
        ? `Version ${doc.version}, uploaded ${longDate(doc.uploadedAt)}${userName(doc.uploadedBy) ? ` by ${userName(doc.uploadedBy)}` : ''}`
        : 'Not uploaded',
    },
  }));
  const rows: Row[] = [
    { key: { text: 'Victim (pseudonym)' }, value: { text: review.victimPseudonym } },
    { key: { text: 'Independent chair' }, value: { text: review.chair?.name ?? 'Not appointed' } },
    ...toRead,
    ...dueRow('Review due to be completed', deadlineOf(review, 'completion', now)),
  ];
  return {
    href: `/reviews/${review.id}`,
    reference: review.reference,
    rows,
    documentsHref: `/reviews/${review.id}/documents`,
    tasks: tasks(review, ['CSP_SIGN_OFF', 'CSP_REQUEST_CHANGES']),
  };
}

/** The user ids a sign-off card names (who uploaded the documents to read). */
export function uploaders(reviews: VisibleReview[]): string[] {
  return reviews.flatMap((review) => ((review as { documents?: Document[] }).documents ?? []).map((d) => d.uploadedBy));
}
