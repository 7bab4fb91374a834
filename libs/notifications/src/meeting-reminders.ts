import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, inTransaction } from '@dhr/core';
import { JobPayloads, JobQueue, OutboxRelay } from '@dhr/jobs';
import { NotificationWriter } from './notification-writer';

interface MeetingRow {
  id: string;
  review_id: string;
  status: 'scheduled' | 'cancelled';
  sequence: number;
  starts_at: Date;
  reminder_at: Date | null;
}

const reminderKey = (meetingId: string, sequence: number) => `meeting:${meetingId}:${sequence}:reminder`;

/**
 * The day-before reminder of panel meetings. `reminder_at` is fixed by the meetings
 * domain when a meeting is scheduled or moved (NULL: too late for one); the job is
 * planned from Postgres by the 'meeting.changed' relay and again by the sweep, with a
 * deterministic id per meeting version, so re-adding is harmless and a flush loses nothing.
 */
@Injectable()
export class MeetingReminders {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jobs: JobQueue,
    private readonly notifications: NotificationWriter,
    private readonly relay: OutboxRelay,
    private readonly clock: Clock,
  ) {}

  /** Queues the reminder the meeting should still get; returns whether one was queued. */
  async schedule(meetingId: string): Promise<boolean> {
    const [meeting]: MeetingRow[] = await this.db.query(
      'SELECT id, review_id, status, sequence, starts_at, reminder_at FROM meetings WHERE id = $1',
      [meetingId],
    );
    if (!meeting || !this.stillWanted(meeting)) return false;
    if (await this.alreadySent(this.db.manager, meeting)) return false;
    await this.jobs.add({ name: 'meeting-reminder', data: { meetingId: meeting.id, sequence: meeting.sequence } }, meeting.reminder_at!);
    return true;
  }

  /** Sweep: every upcoming scheduled meeting with a reminder time; returns how many were looked at. */
  async scheduleAll(): Promise<number> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT id FROM meetings WHERE status = 'scheduled' AND reminder_at IS NOT NULL AND starts_at > $1 ORDER BY starts_at`,
      [this.clock.now()],
    );
    for (const row of rows) await this.schedule(row.id);
    return rows.length;
  }

  /** Runs one reminder: nothing when the meeting was cancelled, changed (sequence moved on) or has begun. */
  async handle(data: JobPayloads['meeting-reminder']): Promise<void> {
    const acted = await inTransaction(this.db, async (manager) => {
      const [meeting]: MeetingRow[] = await manager.query(
        'SELECT id, review_id, status, sequence, starts_at, reminder_at FROM meetings WHERE id = $1 FOR NO KEY UPDATE',
        [data.meetingId],
      );
      if (!meeting || meeting.sequence !== data.sequence || !this.stillWanted(meeting)) return false;
      const attendees: { user_id: string }[] = await manager.query(
        'SELECT user_id FROM meeting_attendees WHERE meeting_id = $1 ORDER BY user_id',
        [meeting.id],
      );
      const created = await this.notifications.create(manager, {
        reviewId: meeting.review_id,
        clockId: null,
        clockDueAt: null,
        template: 'meeting.reminder',
        step: 'meeting-reminder',
        alarmKey: reminderKey(meeting.id, meeting.sequence),
        recipientIds: attendees.map((a) => a.user_id),
        meetingId: meeting.id,
        meetingSequence: meeting.sequence,
      });
      return created.length > 0;
    });
    if (acted) await this.relay.relayPending();
  }

  private stillWanted(meeting: MeetingRow): boolean {
    return meeting.status === 'scheduled' && meeting.reminder_at !== null && meeting.starts_at.getTime() > this.clock.now().getTime();
  }

  private async alreadySent(manager: EntityManager, meeting: MeetingRow): Promise<boolean> {
    const rows: unknown[] = await manager.query('SELECT 1 FROM notifications WHERE alarm_key = $1 LIMIT 1', [
      reminderKey(meeting.id, meeting.sequence),
    ]);
    return rows.length > 0;
  }
}
