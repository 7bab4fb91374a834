import type { DeadlineKind } from '@dhr/workflows/dhr/contract';
import { formatGovukDateTime, formatGovukIsoDay } from '../govuk-time';
import { deadlineWording } from '../deadline-wording';
import type { RenderedEmail } from '../email-data';
import { reviewUrl } from '../review-link';
import { html, SafeHtml } from '../safe-html';
import { composeSubject, PROTECTIVE_MARKING, singleLine } from './layout';
import { capitalise, dayCount, TemplateRenderer } from './template-renderer';

/** One overdue deadline in the digest. */
export interface OverdueDigestItem {
  kind: DeadlineKind;
  agencyName: string | null;
  /** For an action-plan item: what the action is. */
  actionDescription: string | null;
  dueAt: Date;
  /** Whole London calendar days since the due date (0: due earlier today). */
  daysOverdue: number;
}

/** One review's overdue deadlines. */
export interface OverdueDigestReview {
  reviewId: string;
  reference: string;
  partnershipName: string;
  items: OverdueDigestItem[];
}

/** What the daily digest of one person shows: every overdue item they own or are escalated to, by review. */
export interface OverdueDigestEmail {
  recipientName: string;
  /** The London day of the digest, YYYY-MM-DD. */
  day: string;
  reviews: OverdueDigestReview[];
}

const FOOTER =
  'You get this digest on working days while a deadline you are responsible for, or one escalated to you, is overdue. ' +
  'It was sent automatically by the Domestic Homicide Review case-management system. ' +
  'It is OFFICIAL-SENSITIVE: do not forward it to anyone who does not need to know.';

// One digest goes to coordinators, CSP chairs and agency contacts alike, across partnerships: the
// words suit each of them (no "ask the DHR coordinator" to a coordinator).
const WHAT_TO_DO =
  'Open each review to see the deadline. If the work has been done, record it in the review so that the deadline is closed. ' +
  'If it will be late, agree a new date with whoever is responsible for it, and record the new date on the review’s Deadlines page.';

/** "The IMR and chronology from Met Police", or for an action: 'The action "Audit training" (NHS Trust)'. */
export function overdueItemTitle(item: OverdueDigestItem): string {
  if (item.kind === 'action' && item.actionDescription) {
    const owner = item.agencyName ? ` (${item.agencyName})` : '';
    return `The action "${singleLine(item.actionDescription)}"${owner}`;
  }
  return capitalise(deadlineWording(item.kind).describe(item.agencyName ?? undefined));
}

function overdueBy(item: OverdueDigestItem): string {
  return item.daysOverdue >= 1 ? `overdue by ${dayCount(item.daysOverdue)}` : 'overdue since earlier today';
}

function itemLine(item: OverdueDigestItem): string {
  return `${overdueItemTitle(item)}: due ${formatGovukDateTime(item.dueAt)}, ${overdueBy(item)}`;
}

function counts(email: OverdueDigestEmail): { items: string; reviews: string } {
  const items = email.reviews.reduce((n, r) => n + r.items.length, 0);
  return {
    items: items === 1 ? '1 overdue deadline' : `${items} overdue deadlines`,
    reviews: email.reviews.length === 1 ? '1 review' : `${email.reviews.length} reviews`,
  };
}

/**
 * digest.overdue — to each person with anything overdue, once a working day. Not about one
 * review, so it has no review reference of its own: the subject counts, the body lists each
 * review by reference (and partnership) with a link. No person's name but the greeting's.
 */
export function renderOverdueDigest(email: OverdueDigestEmail, publicUrl: string): RenderedEmail {
  if (email.reviews.length === 0 || email.reviews.some((r) => r.items.length === 0)) {
    throw new Error('an overdue digest needs at least one overdue item in each review');
  }
  const day = formatGovukIsoDay(email.day);
  const { items, reviews } = counts(email);
  const subject = composeSubject('Daily digest', `${items} in ${reviews}, ${day}`);
  const intro = `These deadlines in the Domestic Homicide Reviews you are responsible for, or that have been escalated to you, are overdue on ${day}.`;
  const links = email.reviews.map((r) => reviewUrl(publicUrl, r.reviewId));

  const text = [
    PROTECTIVE_MARKING,
    '',
    `Dear ${singleLine(email.recipientName)},`,
    '',
    intro,
    '',
    ...email.reviews.flatMap((r, i) => [
      `${r.reference} (${singleLine(r.partnershipName)})`,
      ...r.items.map((item) => `  - ${itemLine(item)}`),
      `  Open the review: ${links[i]}`,
      '',
    ]),
    `What to do: ${WHAT_TO_DO}`,
    '',
    '--',
    FOOTER,
    '',
  ].join('\n');

  const sections: SafeHtml[] = email.reviews.map(
    (r, i) =>
      html`<h2 style="font-size:19px;margin:24px 0 8px">
          ${r.reference} <span style="font-weight:normal">(${singleLine(r.partnershipName)})</span>
        </h2>
        <ul>
          ${r.items.map((item) => html`<li>${itemLine(item)}</li> `)}
        </ul>
        <p><a href="${links[i]}">Open review ${r.reference}</a></p> `,
  );
  const body = html`<!DOCTYPE html>
    <html lang="en-GB">
      <head>
        <meta charset="utf-8" />
        <title>${subject}</title>
      </head>
      <body style="font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#0b0c0c">
        <p style="font-weight:bold;letter-spacing:0.05em">${PROTECTIVE_MARKING}</p>
        <p>Dear ${singleLine(email.recipientName)},</p>
        <p>${intro}</p>
        ${sections}
        <p><strong>What to do:</strong> ${WHAT_TO_DO}</p>
        <hr />
        <p style="font-size:14px;color:#505a5f">${FOOTER}</p>
      </body>
    </html> `;
  return { subject, text, html: body.value };
}

/**
 * The registry entry (every NotificationTemplate has one). The digest is not about one
 * review, so it is not rendered from a review's EmailData: the digest sender calls
 * renderOverdueDigest with the person's overdue items.
 */
export const renderOverdueDigestFromEmailData: TemplateRenderer = () => {
  throw new Error('digest.overdue is rendered by renderOverdueDigest from the overdue items, not from one review');
};
