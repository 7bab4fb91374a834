import type { EntityManager } from 'typeorm';
import type { ClockRecord } from '@dhr/clocks';
import type { IdentityDirectory, Role } from '@dhr/identity';
import type { ClockOwner } from '@dhr/workflows/dhr/rulebook/rulebook.types';

/** What recipients.ts reads of a clock: its partnership and, for an agency's clock, the agency. */
export type AudienceClock = Pick<ClockRecord, 'partnershipId' | 'agencyId'>;

/** The directory's answers recipients.ts needs (the digest passes a memo of them). */
export type RecipientDirectory = Pick<IdentityDirectory, 'userIdsWithRole' | 'agencyContactIds'>;

/**
 * Who owns a clock, as user ids (addresses are read only when sending): its reminders
 * go to them, and its digest items too. An agency's clock: that agency's contacts (the
 * coordinators when it has none on the system, so that its deadline is not left
 * unwatched); the decision: coordinators and CSP chairs; other case clocks: the
 * coordinators and the review's chair.
 */
export async function ownerIds(
  directory: RecipientDirectory,
  manager: EntityManager,
  clock: AudienceClock,
  owner: ClockOwner,
  chairUserId: string | null,
): Promise<string[]> {
  const byRole = (roles: Role[]) => directory.userIdsWithRole(clock.partnershipId, roles, manager);
  const chair = chairUserId ? [chairUserId] : [];
  switch (owner) {
    case 'agency': {
      const contacts = await agencyContacts(directory, manager, clock);
      return contacts.length > 0 ? contacts : byRole(['coordinator']);
    }
    case 'csp_chair_coordinator':
      return unique([...(await byRole(['coordinator', 'csp_chair'])), ...chair]);
    default:
      return unique([...(await byRole(['coordinator'])), ...chair]);
  }
}

/**
 * Who an escalation step of a clock goes to. The late party is told: an agency's clock
 * escalates to that agency's contacts and the coordinators; from step 1 (`after` the
 * due time) the CSP chairs too. A case clock: the coordinators, then the CSP chairs too.
 */
export async function escalationIds(
  directory: RecipientDirectory,
  manager: EntityManager,
  clock: AudienceClock,
  owner: ClockOwner,
  stepIndex: number,
): Promise<string[]> {
  const roles: Role[] = stepIndex >= 1 ? ['coordinator', 'csp_chair'] : ['coordinator'];
  const staff = await directory.userIdsWithRole(clock.partnershipId, roles, manager);
  const late = owner === 'agency' ? await agencyContacts(directory, manager, clock) : [];
  return unique([...late, ...staff]);
}

function agencyContacts(directory: RecipientDirectory, manager: EntityManager, clock: AudienceClock): Promise<string[]> {
  return directory.agencyContactIds(clock.agencyId ? [clock.agencyId] : [], manager);
}

const unique = (ids: string[]) => [...new Set(ids)];
