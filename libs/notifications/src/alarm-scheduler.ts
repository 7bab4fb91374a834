import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { BankHolidays, ClockRecord, ClocksService, planAlarms, RULEBOOK } from '@dhr/clocks';
import { Clock } from '@dhr/core';
import { JobQueue } from '@dhr/jobs';
import type { Rulebook } from '@dhr/workflows/dhr/rulebook/rulebook.types';

/** Puts the alarms an open clock should have into BullMQ (deterministic ids: re-adding is harmless). */
@Injectable()
export class AlarmScheduler {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(RULEBOOK) private readonly rulebook: Rulebook,
    private readonly holidays: BankHolidays,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
    private readonly clocks: ClocksService,
  ) {}

  async scheduleClock(clockId: string): Promise<number> {
    const clock = await this.clocks.clock(clockId);
    if (!clock || clock.status !== 'open') return 0; // met, cancelled or paused: its queued alarms will skip
    const sent = await sentSteps(this.db.manager, clock);
    const planned = planAlarms(clock, this.rulebook.clocks[clock.kind], this.clock.now(), sent, this.holidays);
    for (const alarm of planned) {
      // A due alarm held back by a retry's backoff runs now (after an outage, not a backoff later).
      await this.jobs.addOrBringForward(
        { name: 'clock-alarm', data: { clockId: clock.id, step: alarm.step, dueAt: clock.dueAt.toISOString() } },
        alarm.at,
      );
    }
    return planned.length;
  }
}

/**
 * Steps already notified for the clock's current due DATE (London): a step sent for a due
 * time on the same day counts as sent, so moving a clock within its day (hold and resume,
 * an extension to another hour) re-sends nothing; a new due date makes them new reminders.
 */
export async function sentSteps(manager: EntityManager, clock: Pick<ClockRecord, 'id' | 'dueAt'>): Promise<Set<string>> {
  const rows: { step: string }[] = await manager.query(
    `SELECT DISTINCT step FROM notifications
      WHERE clock_id = $1 AND clock_due_at IS NOT NULL
        AND (clock_due_at AT TIME ZONE 'Europe/London')::date = ($2::timestamptz AT TIME ZONE 'Europe/London')::date`,
    [clock.id, clock.dueAt],
  );
  return new Set(rows.map((r) => r.step));
}
