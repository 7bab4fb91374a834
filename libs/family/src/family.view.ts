import type { FamilyContactEntity, FamilyMemberEntity } from './family.entities';

export function familyMemberView(m: FamilyMemberEntity, contacts: { count: number; lastContactAt: Date | null }) {
  return {
    id: m.id,
    reviewId: m.reviewId,
    pseudonym: m.pseudonym,
    relationship: m.relationship,
    contactPreference: m.contactPreference,
    advocateOrganisation: m.advocateOrganisation,
    advocateRole: m.advocateRole,
    involvement: m.involvement,
    contacts: contacts.count,
    lastContactAt: contacts.lastContactAt?.toISOString() ?? null,
    createdBy: m.createdBy,
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
  };
}
export type FamilyMemberView = ReturnType<typeof familyMemberView>;

export function familyContactView(c: FamilyContactEntity) {
  return {
    id: c.id,
    reviewId: c.reviewId,
    familyMemberId: c.familyMemberId,
    occurredAt: c.occurredAt.toISOString(),
    method: c.method,
    direction: c.direction,
    summary: c.summary,
    recordedBy: c.recordedBy,
    recordedAt: c.recordedAt.toISOString(),
  };
}
export type FamilyContactView = ReturnType<typeof familyContactView>;
