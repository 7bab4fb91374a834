import type { EntityManager } from 'typeorm';
import { DomainError } from '@dhr/core';
import type { IdentityDirectory } from '@dhr/identity';
import type { DhrEvent } from '@dhr/workflows/dhr/contract';

/**
 * Ids an event names must exist in the review's own partnership: a chair must be
 * an independent chair there, an agency one of its agencies. Checked before the
 * machine runs, so a bad id is a 400 naming the field, never a broken reference.
 */
export async function assertReferencesExist(
  directory: IdentityDirectory,
  manager: EntityManager,
  partnershipId: string,
  event: DhrEvent,
): Promise<void> {
  if (event.type === 'APPOINT_CHAIR' && !(await directory.userHasRole(event.userId, partnershipId, 'independent_chair', manager))) {
    throw DomainError.field('userId', 'no independent chair with this id in the review’s partnership');
  }
  if (
    'agencyId' in event &&
    typeof event.agencyId === 'string' &&
    !(await directory.agencyInPartnership(event.agencyId, partnershipId, manager))
  ) {
    throw DomainError.field('agencyId', 'no agency with this id in the review’s partnership');
  }
}
