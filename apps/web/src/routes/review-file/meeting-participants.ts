import type { Actor, DirectoryUser, IdentityDirectory } from '@dhr/identity';
import type { VisibleReview } from '@dhr/reviews';
import type { Participant } from '../../presenters/meeting-forms';
import { roleInPartnership } from '../../presenters/role-names';

export interface MeetingParticipants {
  /** Who may be ticked: everyone who takes part but the person arranging and the chair (both always invited). */
  people: Participant[];
  /** The agencies of the review (panel or scoping), by name: ticking one invites all its contacts. */
  agencies: { id: string; name: string }[];
  /** The review's independent chair by name, always invited; null when none is appointed. */
  chair: string | null;
}

/** The order people are listed in: coordinators, CSP chairs, then agency contacts by agency, each by name. */
const ROLE_ORDER: Record<string, number> = { coordinator: 0, csp_chair: 1, agency_contact: 2 };

/**
 * Who may be invited to a review's meeting, by the meetings lib's rule (MeetingAttendees): the
 * partnership's coordinators and CSP chairs, the review's own chair, and the contacts of the
 * agencies taking part. Asked of the identity directory; names for the checkboxes, never ids.
 */
export async function meetingParticipants(directory: IdentityDirectory, actor: Actor, review: VisibleReview): Promise<MeetingParticipants> {
  const agencies = new Map<string, string>();
  for (const a of [...review.panel, ...('scoping' in review ? review.scoping : [])])
    if (!agencies.has(a.agencyId)) agencies.set(a.agencyId, a.agencyName ?? 'An agency');
  const [staffIds, contactIds] = await Promise.all([
    directory.userIdsWithRole(review.partnershipId, ['coordinator', 'csp_chair']),
    directory.agencyContactIds([...agencies.keys()]),
  ]);
  const members = await directory.users([...staffIds, ...contactIds], undefined, review.partnershipId);
  const takingPart = members.filter((u) => takesPart(u, agencies) && u.id !== actor.userId && u.id !== review.chairUserId);
  const names = await directory.names({ userIds: [...takingPart.map((u) => u.id), review.chairUserId] });
  const people = takingPart
    .map((u) => ({
      id: u.id,
      name: names.user(u.id)?.name ?? 'A former user',
      what: roleInPartnership(u.role, u.agencyId ? (agencies.get(u.agencyId) ?? null) : null),
      order: ROLE_ORDER[u.role] ?? 3,
      agency: u.agencyId ? (agencies.get(u.agencyId) ?? '') : '',
    }))
    .sort((a, b) => a.order - b.order || a.agency.localeCompare(b.agency) || a.name.localeCompare(b.name))
    .map(({ id, name, what }) => ({ id, name, what }));
  return {
    people,
    agencies: [...agencies].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name)),
    chair: review.chairUserId ? (names.user(review.chairUserId)?.name ?? null) : null,
  };
}

function takesPart(user: DirectoryUser, agencies: Map<string, string>): boolean {
  if (user.role === 'coordinator' || user.role === 'csp_chair') return true;
  return user.role === 'agency_contact' && user.agencyId !== null && agencies.has(user.agencyId);
}
