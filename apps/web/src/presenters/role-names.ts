import type { Role } from '@dhr/identity';

/** A role in words, as pages show it. */
export const ROLE_NAMES: Record<Role, string> = {
  admin: 'Administrator',
  coordinator: 'Coordinator',
  csp_chair: 'CSP chair',
  independent_chair: 'Independent chair',
  agency_contact: 'Agency contact',
};

/** "Independent chair", "Agency contact for Metropolitan Police": what a person is in one partnership. */
export function roleInPartnership(role: Role, agencyName: string | null): string {
  return agencyName ? `${ROLE_NAMES[role]} for ${agencyName}` : ROLE_NAMES[role];
}
