import type { Actor } from '@dhr/identity';
import type { ReviewEntity } from './review.entities';

/**
 * Who may see a review at all. One place, so the list, the single read and every
 * event agree. A review you may not see is a 404, never a 403.
 * Today: everyone sees the reviews of their own partnership (admins none).
 */
export function canSeeReview(actor: Actor, review: Pick<ReviewEntity, 'partnershipId'>): boolean {
  if (actor.role === 'admin') return false;
  return actor.partnershipId !== null && actor.partnershipId === review.partnershipId;
}

/** The same rule as SQL for lists: a WHERE fragment over alias `r` and its parameters. */
export function visibleReviewsCondition(actor: Actor): { sql: string; params: Record<string, unknown> } {
  if (actor.role === 'admin' || actor.partnershipId === null) return { sql: 'false', params: {} };
  return { sql: 'r.partnership_id = :visiblePartnershipId', params: { visiblePartnershipId: actor.partnershipId } };
}
