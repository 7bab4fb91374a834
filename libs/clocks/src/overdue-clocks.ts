import type { EntityManager } from 'typeorm';
import { ClockEntity } from './clock.entity';
import type { ClockRecord } from './clocks.service';

/**
 * Every open clock due at or before `now` (the overdue items of the daily digest), in due
 * order. Paused clocks (a review on hold) are not open, so they are not overdue.
 */
export function openClocksDueBy(manager: EntityManager, now: Date): Promise<ClockRecord[]> {
  return manager
    .getRepository(ClockEntity)
    .createQueryBuilder('c')
    .where(`c.status = 'open' AND c.due_at <= :now`, { now })
    .orderBy('c.due_at', 'ASC')
    .addOrderBy('c.id', 'ASC')
    .getMany();
}
