import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobQueue, OutboxRelay } from '@dhr/jobs';
import { AlarmScheduler } from './alarm-scheduler';
import { DigestScheduler } from './digest/digest-scheduler';
import { MeetingReminders } from './meeting-reminders';

const PAGE = 1000;

/**
 * The safety net: relays the outbox, then re-creates from Postgres every alarm
 * and email job an open clock, upcoming meeting, the daily digest or pending notification should have. Redis can be
 * flushed and nothing is lost; re-adding existing jobs is a no-op.
 */
@Injectable()
export class ReconcileHandler {
  private readonly logger = new Logger('Reconcile');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly relay: OutboxRelay,
    private readonly scheduler: AlarmScheduler,
    private readonly jobs: JobQueue,
    private readonly meetingReminders: MeetingReminders,
    private readonly digests: DigestScheduler,
  ) {}

  async handle(): Promise<void> {
    const relayed = await this.relay.relayPending();
    let clocks = 0;
    // A page at a time: one query for its clocks and their sent steps, one addBulk for their alarms.
    for (let after: string | null = '00000000-0000-0000-0000-000000000000'; after !== null;) {
      const page = await this.scheduler.schedulePage(after, PAGE);
      clocks += page.clocks;
      after = page.clocks < PAGE ? null : page.lastId;
    }
    const meetings = await this.meetingReminders.scheduleAll();
    const digestDays = await this.planDigests();
    const pending: { id: string }[] = await this.db.query(`SELECT id FROM notifications WHERE status = 'pending' ORDER BY created_at`);
    await this.jobs.addBulk(pending.map((n) => ({ job: { name: 'send-email' as const, data: { notificationId: n.id } } })));
    // Document versions not yet indexed for search (stored before search existed, or a lost job): indexed on their own queue.
    await this.jobs.add({ name: 'backfill-document-text', data: {} });
    // The API's Idempotency-Key answers are kept 24 hours (see README "Retrying a POST").
    await this.db.query(`DELETE FROM idempotency_keys WHERE created_at < now() - interval '24 hours'`);
    await this.db.query(`DELETE FROM idempotency_writes WHERE created_at < now() - interval '24 hours'`);
    this.logger.log(
      `sweep: relayed ${relayed} outbox rows, re-asserted clocks ${clocks}, meetings ${meetings}, digests ${digestDays}, pending emails ${pending.length}`,
    );
  }

  /** Today's and the next working day's digest jobs. A failure here (bank holidays past the shipped data) must not stop the rest. */
  private async planDigests(): Promise<string> {
    try {
      return (await this.digests.plan()).map((d) => d.day).join(' ');
    } catch (error) {
      this.logger.error(`digest not planned: ${(error as Error).message}`);
      return 'none';
    }
  }
}
