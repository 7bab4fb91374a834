import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BankHolidays, ClockRecord, ClocksService, planClockAlarms, RULEBOOK } from '@dhr/clocks';
import { Clock } from '@dhr/core';
import { JobQueue } from '@dhr/jobs';
import type { Rulebook } from '@dhr/workflows/dhr/rulebook/rulebook.types';

/** A page of the sweep: how many clocks and alarm jobs it planned, and the last clock id (where the next page starts). */
export interface PlannedPage {
  clocks: number;
  jobs: number;
  lastId: string | null;
}

/**
 * Puts the alarms open clocks should have into BullMQ (deterministic ids: re-adding is harmless).
 * Plans in pages: one query for the clocks and their sent steps, one round trip to add the jobs.
 */
@Injectable()
export class AlarmScheduler {
  constructor(
    @Inject(RULEBOOK) private readonly rulebook: Rulebook,
    private readonly holidays: BankHolidays,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
    private readonly clocks: ClocksService,
  ) {}

  async scheduleClock(clockId: string): Promise<number> {
    return this.scheduleClocks([clockId]);
  }

  /** The relay's way: these clocks (those not open are skipped: their queued alarms will skip). Returns the jobs planned. */
  async scheduleClocks(clockIds: readonly string[]): Promise<number> {
    if (clockIds.length === 0) return 0;
    return this.plan(await this.clocks.openClocksWith<string[]>({ ids: clockIds }, SENT_STEPS_SQL));
  }

  /** The sweep's way: the next `limit` open clocks after `afterId`, in id order. */
  async schedulePage(afterId: string, limit: number): Promise<PlannedPage> {
    const page = await this.clocks.openClocksWith<string[]>({ afterId, limit }, SENT_STEPS_SQL);
    const jobs = await this.plan(page);
    return { clocks: page.length, jobs, lastId: page.at(-1)?.clock.id ?? null };
  }

  private async plan(page: { clock: ClockRecord; extra: string[] }[]): Promise<number> {
    const alarms = planClockAlarms(
      page.map(({ clock, extra }) => ({ clock, sentSteps: new Set(extra) })),
      (kind) => this.rulebook.clocks[kind],
      this.clock.now(),
      this.holidays,
    );
    // A due alarm held back by a retry's backoff runs now (after an outage, not a backoff later).
    await this.jobs.addBulkOrBringForward(
      alarms.map((alarm) => ({
        job: { name: 'clock-alarm', data: { clockId: alarm.clockId, step: alarm.step, dueAt: alarm.dueAt.toISOString() } },
        runAt: alarm.at,
      })),
    );
    return alarms.length;
  }
}

/**
 * The steps already notified for clock `c`'s current due DATE (London), as a text array: a
 * step sent for a due time on the same day counts as sent, so moving a clock within its day
 * (hold and resume, an extension to another hour) re-sends nothing; a new due date makes
 * them new reminders. Its predicate is the expression of notifications_clock_due_day_idx.
 */
export const SENT_STEPS_SQL = `SELECT COALESCE(array_agg(DISTINCT n.step), '{}') FROM notifications n
      WHERE n.clock_id = c.id AND n.clock_due_at IS NOT NULL
        AND (n.clock_due_at AT TIME ZONE 'Europe/London')::date = (c.due_at AT TIME ZONE 'Europe/London')::date`;

/** `SENT_STEPS_SQL` for one clock on its own (the index-plan test reads this query). */
export async function sentSteps(manager: EntityManager, clock: Pick<ClockRecord, 'id' | 'dueAt'>): Promise<Set<string>> {
  const rows: { step: string }[] = await manager.query(
    `SELECT DISTINCT step FROM notifications
      WHERE clock_id = $1 AND clock_due_at IS NOT NULL
        AND (clock_due_at AT TIME ZONE 'Europe/London')::date = ($2::timestamptz AT TIME ZONE 'Europe/London')::date`,
    [clock.id, clock.dueAt],
  );
  return new Set(rows.map((r) => r.step));
}
