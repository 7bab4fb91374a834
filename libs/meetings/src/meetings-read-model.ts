import type { EntityManager } from 'typeorm';
import type { MeetingFact, MeetingFacts } from '@dhr/notifications';
import type { MeetingStatus } from './meeting.view';

/** A meeting as the notification pipeline needs it (emails, .ics, the day-before reminder): its shape is notifications'. */
export type MeetingForNotification = MeetingFact;

interface Row {
  id: string;
  review_id: string;
  number: number;
  status: MeetingStatus;
  sequence: number;
  starts_at: Date;
  ends_at: Date;
  location: string;
  agenda: string | null;
  reminder_at: Date | null;
}

/**
 * Reads of the meetings tables for other libs (notifications), in the caller's transaction.
 * Plain functions over SQL, not a provider: usable from any app without the meetings module.
 */
export const MeetingsReadModel = {
  /** The meeting as it is now, or null; `lock` holds its row (FOR NO KEY UPDATE) until the caller commits. */
  async forNotification(
    meetingId: string,
    manager: EntityManager,
    options: { lock?: boolean } = {},
  ): Promise<MeetingForNotification | null> {
    const [row]: Row[] = await manager.query(
      `SELECT id, review_id, number, status, sequence, starts_at, ends_at, location, agenda, reminder_at
         FROM meetings WHERE id = $1${options.lock ? ' FOR NO KEY UPDATE' : ''}`,
      [meetingId],
    );
    return row
      ? {
          id: row.id,
          reviewId: row.review_id,
          number: row.number,
          status: row.status,
          sequence: row.sequence,
          startsAt: row.starts_at,
          endsAt: row.ends_at,
          location: row.location,
          agenda: row.agenda,
          reminderAt: row.reminder_at,
        }
      : null;
  },

  /** The user ids invited to the meeting, in a stable order. */
  async attendeeIds(meetingId: string, manager: EntityManager): Promise<string[]> {
    const rows: { user_id: string }[] = await manager.query(
      'SELECT user_id FROM meeting_attendees WHERE meeting_id = $1 ORDER BY user_id',
      [meetingId],
    );
    return rows.map((r) => r.user_id);
  },

  /** Ids of the scheduled meetings starting after `now` that have a reminder time, soonest first (the reminder sweep). */
  async withUpcomingReminders(now: Date, manager: EntityManager): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM meetings WHERE status = 'scheduled' AND reminder_at IS NOT NULL AND starts_at > $1 ORDER BY starts_at`,
      [now],
    );
    return rows.map((r) => r.id);
  },
} satisfies MeetingFacts;
