import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  AlarmRule,
  BankHolidays,
  ClockPeriod,
  ClockRecord,
  ClocksService,
  escalationAt,
  escalationIndexOf,
  isStepStillWanted,
  londonIsoDate,
  reminderAlarms,
  RULEBOOK,
} from '@dhr/clocks';
import { Clock, inTransaction } from '@dhr/core';
import { JobPayloads, OutboxRelay, OutboxWriter } from '@dhr/jobs';
import { Metrics } from '@dhr/ops';
import { IdentityDirectory } from '@dhr/identity';
import { ReviewReadModel } from '@dhr/reviews';
import type { ClockOwner, Rulebook } from '@dhr/workflows/dhr/rulebook/rulebook.types';
import { SENT_STEPS_SQL } from './alarm-scheduler';
import { NotificationTemplate, NotificationWriter } from './notification-writer';
import { escalationIds, ownerIds } from './recipients';

/**
 * Runs one reminder or escalation. Re-reads the clock under a row lock and does
 * nothing when the world has moved on (met, cancelled, paused, moved, superseded).
 */
@Injectable()
export class ClockAlarmHandler {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(RULEBOOK) private readonly rulebook: Rulebook,
    private readonly holidays: BankHolidays,
    private readonly reviews: ReviewReadModel,
    private readonly directory: IdentityDirectory,
    private readonly clocks: ClocksService,
    private readonly notifications: NotificationWriter,
    private readonly outbox: OutboxWriter,
    private readonly relay: OutboxRelay,
    private readonly clock: Clock,
    private readonly metrics: Metrics,
  ) {}

  async handle(data: JobPayloads['clock-alarm']): Promise<void> {
    const acted = await inTransaction(this.db, async (manager) => {
      // One statement: the clock, locked, with the steps already sent for its due date.
      const [found] = await this.clocks.openClocksWith<string[]>({ ids: [data.clockId] }, SENT_STEPS_SQL, manager, { lock: true });
      if (!found || found.clock.dueAt.getTime() !== Date.parse(data.dueAt)) return null; // met, cancelled, paused or moved
      const { clock } = found;
      const rule = this.rulebook.clocks[clock.kind];
      const now = this.clock.now();
      if (!isStepStillWanted(clock, rule, data.step, now, new Set(found.extra), this.holidays)) return null;

      const escalationIndex = escalationIndexOf(data.step);
      await this.notifications.create(manager, {
        reviewId: clock.reviewId,
        clockId: clock.id,
        clockDueAt: clock.dueAt,
        template: templateOf(escalationIndex),
        step: data.step,
        alarmKey: alarmKey(clock, data.step),
        recipientIds: await this.recipients(manager, clock, rule.owner, escalationIndex),
      });
      // Re-plan: after an escalation the next step is scheduled from Postgres state.
      await this.outbox.add(manager, 'clock.changed', { clockId: clock.id });
      return { late: now.getTime() - alarmDueAt(clock, rule, data.step, this.holidays) > LATE_AFTER_MS };
    });
    if (!acted) return;
    this.metrics.alarmFired(acted.late);
    // Not awaited: the worker takes its next alarm while this process's one relay run queues the emails
    // (alarms firing together share it); a failure is left to the sweep, as a retry of this job would be.
    this.relay.relaySoon();
  }

  /** A reminder goes to the clock's owners; an escalation step to its audience (the late agency among them). */
  private async recipients(
    manager: EntityManager,
    clock: ClockRecord,
    owner: ClockOwner,
    escalationIndex: number | null,
  ): Promise<string[]> {
    if (escalationIndex !== null) return escalationIds(this.directory, manager, clock, owner, escalationIndex);
    const chairUserId = (await this.reviews.summary(clock.reviewId, manager))?.chairUserId ?? null;
    return ownerIds(this.directory, manager, clock, owner, chairUserId);
  }
}

/** An alarm that fires more than this after it was due counts as late (a worker down, a backlog, a lost job). */
const LATE_AFTER_MS = 60_000;

/**
 * When the step was due: its planned time, or when the clock was last (re)started if
 * that came after (a clock recorded late sends its latest past step at once, on time).
 */
function alarmDueAt(clock: ClockPeriod & { updatedAt: Date }, rule: AlarmRule, step: string, holidays: BankHolidays): number {
  const planned = step.startsWith('escalation-')
    ? escalationAt(clock.dueAt, Number(step.slice('escalation-'.length)), rule.escalation, holidays).at
    : reminderAlarms(clock, rule.reminders, holidays).find((r) => r.step === step)?.at;
  return Math.max(planned?.getTime() ?? 0, clock.updatedAt.getTime());
}

function templateOf(escalationIndex: number | null): NotificationTemplate {
  if (escalationIndex === null) return 'clock.reminder';
  return escalationIndex === 0 ? 'clock.escalation' : 'clock.escalation_chair';
}

/**
 * One step of one clock for one London due date: with the recipient, unique in Postgres.
 * By date, not instant, so a clock moved within its day (a hold and resume, an extension
 * to another time that day) can never send the same step twice. (Rows written before
 * carry the due time's milliseconds instead; SENT_STEPS_SQL reads both by their due date.)
 */
export function alarmKey(clock: Pick<ClockRecord, 'id' | 'dueAt'>, step: string): string {
  return `${clock.id}:${step}:${londonIsoDate(clock.dueAt)}`;
}
