import type { EntityManager } from 'typeorm';
import type { ClockRecord } from '@dhr/clocks';
import type { IdentityDirectory, Role } from '@dhr/identity';
import type { ClockOwner } from '@dhr/workflows/dhr/rulebook/rulebook.types';

export type Audience = 'owner' | 'coordinators' | 'coordinators_and_csp_chairs';

/**
 * Who an alarm goes to, as user ids (addresses are read only when sending).
 * Reminders go to the clock's owner; the first escalation to the coordinators;
 * later ones to the coordinators and the CSP chair(s).
 */
export async function recipientIds(
  directory: IdentityDirectory,
  manager: EntityManager,
  clock: ClockRecord,
  owner: ClockOwner,
  audience: Audience,
  chairUserId: string | null,
): Promise<string[]> {
  const byRole = (roles: Role[]) => directory.userIdsWithRole(clock.partnershipId, roles, manager);

  if (audience === 'coordinators') return byRole(['coordinator']);
  if (audience === 'coordinators_and_csp_chairs') return byRole(['coordinator', 'csp_chair']);

  const chair = chairUserId ? [chairUserId] : [];
  switch (owner) {
    case 'agency': {
      const contacts = await directory.agencyContactIds(clock.agencyId ? [clock.agencyId] : [], manager);
      // An agency with no contact on the system must not leave its deadline unwatched.
      return contacts.length > 0 ? contacts : byRole(['coordinator']);
    }
    case 'csp_chair_coordinator':
      return unique([...(await byRole(['coordinator', 'csp_chair'])), ...chair]);
    default:
      // Case clocks: the partnership's coordinators, and the chair where the review has one.
      return unique([...(await byRole(['coordinator'])), ...chair]);
  }
}

const unique = (ids: string[]) => [...new Set(ids)];
