import type { Role } from './identity.entities';

/** Who is calling: read from the verified bearer token, never from the body. */
export interface Actor {
  userId: string;
  role: Role;
  partnershipId: string | null;
  agencyId: string | null;
  /** This request, for the audit trail. */
  requestId: string;
  sourceIp: string | null;
}
