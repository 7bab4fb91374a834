import type { Actor } from '@dhr/identity';

/** What the policy needs to know about a review: its tenant, its chair and the agencies involved in it. */
export interface ReviewScope {
  partnershipId: string;
  chairUserId: string | null;
  /** Panel agencies, and agencies asked for a scoping return: the agencies that take part. */
  involvedAgencyIds: string[];
}

/**
 * How much of a review a caller may see:
 * - `none`: nothing, not even that it exists (404 everywhere);
 * - `full`: the whole review (coordinators and CSP chairs of its partnership, its own independent chair);
 * - `agency`: the summary and their own agency's part only (contacts of an involved agency).
 * Administrators manage users, partnerships and agencies; they read no review content.
 */
export type ReviewAccess = 'none' | 'full' | 'agency';

export function reviewAccess(actor: Actor, review: ReviewScope): ReviewAccess {
  if (actor.partnershipId === null || actor.partnershipId !== review.partnershipId) return 'none';
  switch (actor.role) {
    case 'coordinator':
    case 'csp_chair':
      return 'full';
    case 'independent_chair':
      return review.chairUserId === actor.userId ? 'full' : 'none';
    case 'agency_contact':
      return actor.agencyId !== null && review.involvedAgencyIds.includes(actor.agencyId) ? 'agency' : 'none';
    case 'admin':
      return 'none';
  }
}

/** The same rule as SQL for lists: a WHERE fragment over review alias `r`, with its parameters. */
export function visibleReviewsCondition(actor: Actor): { sql: string; params: Record<string, unknown> } {
  const tenant = { visiblePartnershipId: actor.partnershipId };
  if (actor.partnershipId === null) return { sql: 'false', params: {} };
  switch (actor.role) {
    case 'coordinator':
    case 'csp_chair':
      return { sql: 'r.partnership_id = :visiblePartnershipId', params: tenant };
    case 'independent_chair':
      return {
        sql: 'r.partnership_id = :visiblePartnershipId AND r.chair_user_id = :visibleChairId',
        params: { ...tenant, visibleChairId: actor.userId },
      };
    case 'agency_contact':
      return {
        sql: 'r.partnership_id = :visiblePartnershipId AND :visibleAgencyId = ANY(r.involved_agency_ids)',
        params: { ...tenant, visibleAgencyId: actor.agencyId },
      };
    case 'admin':
      return { sql: 'false', params: {} };
  }
}

/** May this caller read the audit trail of a review it can see? Coordinators of its partnership, and administrators. */
export function mayReadReviewAudit(actor: Actor, review: ReviewScope): boolean {
  if (actor.role === 'admin') return true;
  return actor.role === 'coordinator' && reviewAccess(actor, review) === 'full';
}
