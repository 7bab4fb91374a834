import type { Role } from './identity.entities';

/** Who is calling: read from the verified bearer token, never from the body. */
export interface Actor {
  userId: string;
  role: Role;
  partnershipId: string | null;
  agencyId: string | null;
}
