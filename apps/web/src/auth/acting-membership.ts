import type { ActingMembership, MembershipView, Role } from '@dhr/identity';

/** What choosing a membership needs of the account: its home membership. */
interface HomeMembership {
  role: Role;
  partnershipId: string | null;
  agencyId: string | null;
}

const REVIEW_PATH = /^\/reviews\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:\/|$)/i;

/** The review a page's path is about, if any: a review's pages act in that review's partnership. */
export function reviewIdInPath(path: string): string | null {
  return REVIEW_PATH.exec(path)?.[1] ?? null;
}

/**
 * The membership a page request acts in: the review's partnership when the page is a review's
 * and the person is a member there (so an email's link opens whichever partnership it is in),
 * else the partnership chosen with the switcher while it is still held, else the home one.
 */
export function chooseMembership(
  user: HomeMembership,
  memberships: MembershipView[],
  chosenPartnershipId: string | undefined,
  reviewPartnershipId: string | null,
): ActingMembership {
  const held = (partnershipId: string | null | undefined) => memberships.find((m) => m.partnershipId === partnershipId);
  const pick = held(reviewPartnershipId) ?? held(chosenPartnershipId);
  if (pick) return { role: pick.role, partnershipId: pick.partnershipId, agencyId: pick.agencyId };
  return { role: user.role, partnershipId: user.partnershipId, agencyId: user.agencyId };
}
