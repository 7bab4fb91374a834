import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, inTransaction } from '@dhr/core';
import { JobPayloads, JobQueue, OutboxRelay } from '@dhr/jobs';
import { MeetingFact, MeetingFactsSource } from './meeting-facts';
import { NotificationWriter } from './notification-writer';

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
    private readonly meetings: MeetingFactsSource,
  ) {}

  /** Queues the reminder the meeting should still get; returns whether one was queued. */
  async schedule(meetingId: string): Promise<boolean> {
    const meeting = await this.meetings.get().forNotification(meetingId, this.db.manager);
    if (!meeting || !this.stillWanted(meeting)) return false;
    if (await this.alreadySent(this.db.manager, meeting)) return false;
    await this.jobs.add({ name: 'meeting-reminder', data: { meetingId: meeting.id, sequence: meeting.sequence } }, meeting.reminderAt!);
    return true;
  }

  /** Sweep: every upcoming scheduled meeting with a reminder time; returns how many were looked at. */
  async scheduleAll(): Promise<number> {
    const ids = await this.meetings.get().withUpcomingReminders(this.clock.now(), this.db.manager);
    for (const id of ids) await this.schedule(id);
    return ids.length;
  }

  /** Runs one reminder: nothing when the meeting was cancelled, changed (sequence moved on) or has begun. */
  async handle(data: JobPayloads['meeting-reminder']): Promise<void> {
    const acted = await inTransaction(this.db, async (manager) => {
      const meeting = await this.meetings.get().forNotification(data.meetingId, manager, { lock: true });
      if (!meeting || meeting.sequence !== data.sequence || !this.stillWanted(meeting)) return false;
      const attendees = await this.meetings.get().attendeeIds(meeting.id, manager);
      const created = await this.notifications.create(manager, {
        reviewId: meeting.reviewId,
        clockId: null,
        clockDueAt: null,
        template: 'meeting.reminder',
        step: 'meeting-reminder',
        alarmKey: reminderKey(meeting.id, meeting.sequence),
        recipientIds: attendees,
        meetingId: meeting.id,
        meetingSequence: meeting.sequence,
      });
      return created.length > 0;
    });
    if (acted) await this.relay.relayPending();
  }

  private stillWanted(meeting: MeetingFact): boolean {
    return meeting.status === 'scheduled' && meeting.reminderAt !== null && meeting.startsAt.getTime() > this.clock.now().getTime();
  }

  private async alreadySent(manager: EntityManager, meeting: MeetingFact): Promise<boolean> {
    const rows: unknown[] = await manager.query('SELECT 1 FROM notifications WHERE alarm_key = $1 LIMIT 1', [
      reminderKey(meeting.id, meeting.sequence),
    ]);
    return rows.length > 0;
  }
}
