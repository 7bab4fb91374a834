import type { VisibleReview } from '@dhr/reviews';
import { longDate } from './dates';
import { deadlineCell } from './deadline-tag';
import { DEADLINE_WORDS, IMR_WORDS, STAGE_WORDS } from './review-words';

/** The review's header, as every page of the review shows it: reference, pseudonym, stage in words, hold. */
export function reviewHeader(review: VisibleReview) {
  return {
    id: review.id,
    reference: review.reference,
    pseudonym: review.victimPseudonym,
    stage: STAGE_WORDS[review.stage as keyof typeof STAGE_WORDS] ?? review.stage,
    onHold: review.onHold,
  };
}

type Row = { key: { text: string }; value: { text?: string; html?: string } };

/** The review page's header and Overview summary list: names, never ids, dates in words. */
export async function reviewPage(review: VisibleReview, now: Date) {
  const rows: Row[] = [
    { key: { text: 'Notified' }, value: { text: longDate(review.notifiedAt) } },
    { key: { text: 'Notified by' }, value: { text: review.notifiedBy } },
    { key: { text: 'Date of death' }, value: { text: longDate(review.deathDate) } },
    { key: { text: 'Chair' }, value: { text: review.chair?.name ?? 'Not appointed yet' } },
  ];
  const panel = review.panel.map((p) => ({
    agency: p.agencyName ?? 'An agency',
    imr: IMR_WORDS[p.imr as keyof typeof IMR_WORDS] ?? p.imr,
  }));
  const deadlines = review.deadlines
    .filter((d) => d.status === 'open')
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt))
    .map((d) => ({
      what: `${DEADLINE_WORDS[d.kind as keyof typeof DEADLINE_WORDS] ?? d.kind}${d.agencyName ? ` (${d.agencyName})` : ''}`,
      ...deadlineCell(d.dueAt, now),
    }));
  return {
    ...reviewHeader(review),
    rows,
    panel,
    deadlines,
  };
}
