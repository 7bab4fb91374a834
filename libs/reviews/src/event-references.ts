import type { EntityManager } from 'typeorm';
import { ApiError } from '@dhr/core';
import type { DhrEvent } from '@dhr/workflows/dhr/v1/dhr.types';

/**
 * Ids an event names must exist in the review's own partnership: a chair must be
 * an independent chair there, an agency one of its agencies. Checked before the
 * machine runs, so a bad id is a 400 naming the field, never a broken reference.
 */
export async function assertReferencesExist(manager: EntityManager, partnershipId: string, event: DhrEvent): Promise<void> {
  if (event.type === 'APPOINT_CHAIR') {
    const [chair] = await manager.query(`SELECT 1 FROM users WHERE id = $1 AND partnership_id = $2 AND role = 'independent_chair'`, [
      event.userId,
      partnershipId,
    ]);
    if (!chair) throw ApiError.field('userId', 'no independent chair with this id in the review’s partnership');
  }
  if ('agencyId' in event && typeof event.agencyId === 'string') {
    const [agency] = await manager.query('SELECT 1 FROM agencies WHERE id = $1 AND partnership_id = $2', [event.agencyId, partnershipId]);
    if (!agency) throw ApiError.field('agencyId', 'no agency with this id in the review’s partnership');
  }
}
