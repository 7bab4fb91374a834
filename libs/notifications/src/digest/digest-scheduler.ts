import { Inject, Injectable } from '@nestjs/common';
import { BankHolidays, RULEBOOK } from '@dhr/clocks';
import { Clock } from '@dhr/core';
import { JobQueue } from '@dhr/jobs';
import type { Rulebook } from '@dhr/workflows/dhr/rulebook/rulebook.types';
import { DigestDay, digestDaysToPlan } from './digest-days';

/**
 * Puts today's (if a working day) and the next working day's digest jobs into BullMQ at the
 * rulebook's digestTime. Called by every sweep, the first at worker start: ids are one per
 * day, so re-adding is harmless, and a Redis flush loses nothing.
 */
@Injectable()
export class DigestScheduler {
  constructor(
    @Inject(RULEBOOK) private readonly rulebook: Rulebook,
    private readonly holidays: BankHolidays,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
  ) {}

  async plan(): Promise<DigestDay[]> {
    const days = digestDaysToPlan(this.clock.now(), this.rulebook.digestTime, this.holidays);
    for (const { day, at } of days) await this.jobs.add({ name: 'overdue-digest', data: { day } }, at);
    return days;
  }
}
