import type { VisibleReview } from '@dhr/reviews';
import { longDate } from './dates';
import { deadlineCell } from './deadline-tag';
import { holdStatus } from './review-page.presenter';
import { DEADLINE_WORDS, STAGE_WORDS } from './review-words';

export interface ReviewRow {
  href: string;
  reference: string;
  pseudonym: string;
  stage: string;
  onHold: boolean;
  /** "On hold" (the whole review) or "Publication on hold", as a tag beside the stage. */
  holdTag: { text: string; classes: string } | null;
  notified: string;
  nextDeadline: string;
  nextDeadlineWhat: string | null;
  tag: { text: string; classes: string } | null;
}

/** One row of the caseload (or of an agency's requests): reference, pseudonym, stage in words, next deadline. */
export function reviewRow(review: VisibleReview, now: Date): ReviewRow {
  const next = review.nextDeadline;
  const cell = deadlineCell(next?.dueAt, now);
  return {
    href: `/reviews/${review.id}`,
    reference: review.reference,
    pseudonym: review.victimPseudonym,
    stage: STAGE_WORDS[review.stage as keyof typeof STAGE_WORDS] ?? review.stage,
    onHold: review.onHold,
    holdTag: holdTag(review),
    notified: longDate(review.notifiedAt),
    nextDeadline: cell.date,
    nextDeadlineWhat: next ? DEADLINE_WORDS[next.kind as keyof typeof DEADLINE_WORDS] : null,
    tag: cell.tag,
  };
}

/** The tag for a hold: grey "On hold" for the whole review, orange "Publication on hold" while work carries on. */
export function holdTag(review: Pick<VisibleReview, 'onHold' | 'hold'>): { text: string; classes: string } | null {
  const hold = holdStatus(review);
  return hold ? { text: hold.tag, classes: hold.classes } : null;
}

/** MoJ pagination's model: previous/next and the result counts; `path` is a path, or the address of a page (to keep filters). */
export function pagination(page: number, limit: number, total: number, path: string | ((page: number) => string)) {
  const pages = Math.max(1, Math.ceil(total / limit));
  const href = typeof path === 'string' ? (n: number) => `${path}?page=${n}` : path;
  return {
    results: { from: total === 0 ? 0 : (page - 1) * limit + 1, to: Math.min(total, page * limit), count: total },
    previous: page > 1 ? { text: 'Previous', href: href(page - 1) } : null,
    next: page < pages ? { text: 'Next', href: href(page + 1) } : null,
    items: Array.from({ length: pages }, (_, i) => ({ text: String(i + 1), href: href(i + 1), selected: i + 1 === page })),
  };
}
