import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BankHolidays, londonIsoDate, RULEBOOK } from '@dhr/clocks';
import { Clock, inTransaction } from '@dhr/core';
import { JobPayloads, OutboxRelay } from '@dhr/jobs';
import type { Rulebook } from '@dhr/workflows/dhr/rulebook/rulebook.types';
import { NotificationWriter } from '../notification-writer';
import { isDigestDay } from './digest-days';
import { OverdueDigestBuilder } from './overdue-digest-builder';

export const DIGEST_TEMPLATE = 'digest.overdue';

/** The alarm key of a day's digest: with the recipient, unique, so nobody gets two in a day. */
export const digestAlarmKey = (day: string) => `digest:${day}`;

/**
 * Runs one day's digest: a notification for each person with anything overdue now, each
 * emailed through the send-email pipeline (which reads their items again when it sends).
 * Only on its own London day (a missed day is not sent the day after) and only once: the
 * day is recorded with its notifications in one transaction, so a job run again after a
 * Redis flush, or by a second worker, adds nobody.
 */
@Injectable()
export class OverdueDigestHandler {
  private readonly logger = new Logger('Digest');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(RULEBOOK) private readonly rulebook: Rulebook,
    private readonly holidays: BankHolidays,
    private readonly builder: OverdueDigestBuilder,
    private readonly notifications: NotificationWriter,
    private readonly relay: OutboxRelay,
    private readonly clock: Clock,
  ) {}

  async handle({ day }: JobPayloads['overdue-digest']): Promise<void> {
    const now = this.clock.now();
    if (londonIsoDate(now) !== day) {
      this.logger.warn(`digest ${day} not sent: it is now ${londonIsoDate(now)} in London (a missed day is not sent later)`);
      return;
    }
    if (!isDigestDay(day, this.holidays)) return;
    const recipients = await inTransaction(this.db, async (manager) => {
      const claimed: unknown[] = await manager.query(
        `INSERT INTO overdue_digest_runs (day, ran_at, recipients) VALUES ($1, $2, 0) ON CONFLICT (day) DO NOTHING RETURNING day`,
        [day, now],
      );
      if (claimed.length === 0) return null; // built already today
      const digests = await this.builder.build(manager, now);
      const recipientIds = [...digests.keys()].sort();
      await this.notifications.create(manager, {
        reviewId: null,
        clockId: null,
        clockDueAt: null,
        template: DIGEST_TEMPLATE,
        step: 'digest',
        alarmKey: digestAlarmKey(day),
        recipientIds,
      });
      await manager.query(`UPDATE overdue_digest_runs SET recipients = $2 WHERE day = $1`, [day, recipientIds.length]);
      return recipientIds.length;
    });
    if (recipients === null) return;
    this.logger.log(`digest ${day} (${this.rulebook.digestTime} London): ${recipients} recipients`);
    await this.relay.relayPending();
  }
}
