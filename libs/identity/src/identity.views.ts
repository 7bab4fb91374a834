import type { AgencyEntity, PartnershipEntity, UserEntity } from './identity.entities';

// What the API returns: never the entity itself (no password hash can leak).
export const partnershipView = (p: PartnershipEntity) => ({
  id: p.id,
  name: p.name,
  code: p.code,
  senderName: p.senderName,
  senderEmail: p.senderEmail,
  contactName: p.contactName,
  contactEmail: p.contactEmail,
});

export const agencyView = (a: AgencyEntity) => ({ id: a.id, partnershipId: a.partnershipId, name: a.name, kind: a.kind });

export const userView = (u: UserEntity) => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  partnershipId: u.partnershipId,
  agencyId: u.agencyId,
});
