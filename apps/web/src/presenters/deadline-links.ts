import type { VisibleReview } from '@dhr/reviews';
import { DeadlineEntry, DeadlineLinks, REQUEST_OF_CLOCK } from './deadlines.presenter';

/** Who may move a deadline: a coordinator any, the review's independent chair those they own (the reviews lib's rule). */
export interface MovePolicy {
  role: string;
  chairMayMove: (kind: string) => boolean;
}

/**
 * The links each deadline offers this person: "Change due date" on a running deadline they may
 * move (EXTEND_DEADLINE allowed now: coordinators, and the review's chair for the completion and
 * the family's response), "Withdraw request" on the clock of an outstanding scoping or IMR
 * request (WITHDRAW_REQUEST allowed now), which opens that form with the request chosen.
 */
export function deadlineLinks(review: VisibleReview, policy: MovePolicy): DeadlineLinks {
  const may = (type: string) => review.allowedEvents.includes(type);
  const outstanding = (d: DeadlineEntry) =>
    d.kind === 'scoping_return'
      ? review.scoping.some((s) => s.agencyId === d.agencyId && s.status === 'requested')
      : review.panel.some((p) => p.agencyId === d.agencyId && p.imr === 'requested');
  return {
    change: (d) =>
      may('EXTEND_DEADLINE') &&
      d.status === 'open' &&
      (policy.role === 'coordinator' || (policy.role === 'independent_chair' && policy.chairMayMove(d.kind)))
        ? `/reviews/${review.id}/deadlines/${d.id}/change`
        : null,
    withdraw: (d) => {
      const kind = REQUEST_OF_CLOCK[d.kind];
      if (!kind || !d.agencyId || !may('WITHDRAW_REQUEST') || !['open', 'on_hold'].includes(d.status) || !outstanding(d)) return null;
      return `/reviews/${review.id}/tasks/WITHDRAW_REQUEST?request=${kind}:${d.agencyId}`;
    },
  };
}
