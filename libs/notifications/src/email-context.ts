import type { EntityManager } from 'typeorm';
import type { DeadlineKind } from '@dhr/workflows/dhr/v1/dhr.types';
import type { EmailData, NotificationTemplate } from './email';

/** Everything needed to send one notification, read fresh from Postgres when the job runs. */
export interface EmailContext {
  id: string;
  status: 'pending' | 'sent' | 'failed' | 'superseded';
  template: NotificationTemplate;
  reviewId: string;
  partnershipId: string;
  clockId: string | null;
  recipientId: string;
  recipientEmail: string;
  /** meeting.* (and email.failed about one): the meeting as it is now, and the SEQUENCE the email was made for. */
  meeting: MeetingContext | null;
  emailData: Omit<EmailData, 'publicUrl'>;
}

export interface MeetingContext {
  id: string;
  number: number;
  status: 'scheduled' | 'cancelled';
  /** The meeting's current SEQUENCE. */
  sequence: number;
  /** The SEQUENCE the notification was created for. */
  notifiedSequence: number | null;
  startsAt: Date;
  endsAt: Date;
  location: string;
  agenda: string | null;
}

const DAY_MS = 86_400_000;

export async function loadEmailContext(manager: EntityManager, notificationId: string, now = new Date()): Promise<EmailContext | null> {
  const [row] = await manager.query(
    `SELECT n.id, n.status, n.template, n.review_id, n.clock_id, n.recipient_user_id, n.step,
            u.email, u.name, r.reference, r.partnership_id, c.kind, c.due_at, a.name AS agency_name,
            about.template AS about_template, about_user.role AS about_role, n.meeting_id, n.meeting_sequence,
            m.number AS meeting_number, m.status AS meeting_status, m.sequence AS meeting_current_sequence,
            m.starts_at AS meeting_starts_at, m.ends_at AS meeting_ends_at, m.location AS meeting_location, m.agenda AS meeting_agenda
       FROM notifications n
       JOIN users u ON u.id = n.recipient_user_id
       JOIN reviews r ON r.id = n.review_id
       LEFT JOIN clocks c ON c.id = n.clock_id
       LEFT JOIN agencies a ON a.id = c.agency_id
       LEFT JOIN notifications about ON about.id = n.about_notification_id
       LEFT JOIN users about_user ON about_user.id = about.recipient_user_id
       LEFT JOIN meetings m ON m.id = n.meeting_id
      WHERE n.id = $1`,
    [notificationId],
  );
  if (!row) return null;
  const meeting: MeetingContext | null = row.meeting_id
    ? {
        id: row.meeting_id,
        number: row.meeting_number,
        status: row.meeting_status,
        sequence: row.meeting_current_sequence,
        notifiedSequence: row.meeting_sequence,
        startsAt: row.meeting_starts_at,
        endsAt: row.meeting_ends_at,
        location: row.meeting_location,
        agenda: row.meeting_agenda,
      }
    : null;
  const dueAt: Date = row.due_at ?? meeting?.startsAt ?? now;
  return {
    id: row.id,
    status: row.status,
    template: row.template,
    reviewId: row.review_id,
    partnershipId: row.partnership_id,
    clockId: row.clock_id,
    recipientId: row.recipient_user_id,
    recipientEmail: row.email,
    meeting,
    emailData: {
      reviewId: row.review_id,
      reference: row.reference,
      deadlineKind: (row.kind ?? 'completion') as DeadlineKind,
      dueAt,
      agencyName: row.agency_name ?? undefined,
      recipientName: row.name,
      overdueDays: Math.max(0, Math.floor((now.getTime() - dueAt.getTime()) / DAY_MS)),
      reminderLabel: reminderLabel(dueAt, now),
      failedRecipientRole: row.about_role ?? undefined,
      failedTemplate: row.about_template ?? undefined,
      meeting: meeting
        ? { number: meeting.number, startsAt: meeting.startsAt, endsAt: meeting.endsAt, location: meeting.location, agenda: meeting.agenda }
        : undefined,
    },
  };
}

/** "7 days", "1 day", "5 hours": how far off the due time is, for the reminder's wording. */
function reminderLabel(dueAt: Date, now: Date): string {
  const ms = Math.max(0, dueAt.getTime() - now.getTime());
  const days = Math.round(ms / DAY_MS);
  if (days >= 1) return days === 1 ? '1 day' : `${days} days`;
  const hours = Math.max(1, Math.round(ms / 3_600_000));
  return hours === 1 ? '1 hour' : `${hours} hours`;
}
