import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ClocksService } from '@dhr/clocks';
import { IdentityDirectory } from '@dhr/identity';
import { ReviewReadModel } from '@dhr/reviews';
import type { DeadlineKind } from '@dhr/workflows/dhr/contract';
import type { EmailData, NotificationTemplate } from './email';
import { MeetingFactsSource } from './meeting-facts';

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

interface NotificationRow {
  id: string;
  status: EmailContext['status'];
  template: NotificationTemplate;
  review_id: string;
  clock_id: string | null;
  recipient_user_id: string;
  meeting_id: string | null;
  meeting_sequence: number | null;
  about_template: NotificationTemplate | null;
  about_recipient_user_id: string | null;
}

/**
 * Everything needed to send one notification, read fresh when the job runs: the notification from
 * our own tables, and the rest from each table's owner (recipient and agency names from identity,
 * the review's reference from reviews, the clock from clocks, the meeting from meetings).
 */
@Injectable()
export class EmailContextReader {
  constructor(
    private readonly directory: IdentityDirectory,
    private readonly reviews: ReviewReadModel,
    private readonly clocks: ClocksService,
    private readonly meetings: MeetingFactsSource,
  ) {}

  async load(manager: EntityManager, notificationId: string, now = new Date()): Promise<EmailContext | null> {
    const [row]: NotificationRow[] = await manager.query(
      `SELECT n.id, n.status, n.template, n.review_id, n.clock_id, n.recipient_user_id, n.meeting_id, n.meeting_sequence,
              about.template AS about_template, about.recipient_user_id AS about_recipient_user_id
         FROM notifications n LEFT JOIN notifications about ON about.id = n.about_notification_id
        WHERE n.id = $1`,
      [notificationId],
    );
    if (!row) return null;
    const [recipient, review, clock, fact] = await Promise.all([
      this.directory.contact(row.recipient_user_id, manager),
      this.reviews.summary(row.review_id, manager),
      row.clock_id ? this.clocks.clock(row.clock_id, manager) : null,
      row.meeting_id ? this.meetings.get().forNotification(row.meeting_id, manager) : null,
    ]);
    if (!recipient || !review) return null;
    const [aboutUser] = row.about_recipient_user_id ? await this.directory.users([row.about_recipient_user_id], manager) : [];
    const agencyName = clock?.agencyId
      ? (await this.directory.names({ agencyIds: [clock.agencyId] }, manager)).agencyName(clock.agencyId)
      : null;
    const meeting: MeetingContext | null = fact
      ? {
          id: fact.id,
          number: fact.number,
          status: fact.status,
          sequence: fact.sequence,
          notifiedSequence: row.meeting_sequence,
          startsAt: fact.startsAt,
          endsAt: fact.endsAt,
          location: fact.location,
          agenda: fact.agenda,
        }
      : null;
    const dueAt: Date = clock?.dueAt ?? meeting?.startsAt ?? now;
    return {
      id: row.id,
      status: row.status,
      template: row.template,
      reviewId: row.review_id,
      partnershipId: review.partnershipId,
      clockId: row.clock_id,
      recipientId: row.recipient_user_id,
      recipientEmail: recipient.email,
      meeting,
      emailData: {
        reviewId: row.review_id,
        reference: review.reference,
        deadlineKind: (clock?.kind ?? 'completion') as DeadlineKind,
        dueAt,
        agencyName: agencyName ?? undefined,
        recipientName: recipient.name,
        overdueDays: Math.max(0, Math.floor((now.getTime() - dueAt.getTime()) / DAY_MS)),
        reminderLabel: reminderLabel(dueAt, now),
        failedRecipientRole: aboutUser?.role ?? undefined,
        failedTemplate: row.about_template ?? undefined,
        meeting: meeting
          ? {
              number: meeting.number,
              startsAt: meeting.startsAt,
              endsAt: meeting.endsAt,
              location: meeting.location,
              agenda: meeting.agenda,
            }
          : undefined,
      },
    };
  }
}

/** "7 days", "1 day", "5 hours": how far off the due time is, for the reminder's wording. */
function reminderLabel(dueAt: Date, now: Date): string {
  const ms = Math.max(0, dueAt.getTime() - now.getTime());
  const days = Math.round(ms / DAY_MS);
  if (days >= 1) return days === 1 ? '1 day' : `${days} days`;
  const hours = Math.max(1, Math.round(ms / 3_600_000));
  return hours === 1 ? '1 hour' : `${hours} hours`;
}
