import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ClockRecord, ClocksService } from '@dhr/clocks';
import { AppConfig } from '@dhr/core';
import { IdentityDirectory } from '@dhr/identity';
import { ReviewReadModel } from '@dhr/reviews';
import type { DeadlineKind } from '@dhr/workflows/dhr/contract';
import { requestFacts, RequestFacts } from './delivery/request-facts';
import { REQUEST_TEMPLATES } from './delivery/request-events';
import { EmailData, emailSender, EmailSender, NotificationTemplate } from './email';
import { MeetingFactsSource } from './meeting-facts';
import { panelPaperOf } from './papers/panel-paper-key';

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
  /** From and Reply-To: the review's partnership's sender and contact. */
  sender: EmailSender;
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
  alarm_key: string;
  about_template: NotificationTemplate | null;
  about_recipient_user_id: string | null;
  about_alarm_key: string | null;
}

/**
 * Everything needed to send one notification, read fresh when the job runs: the notification from
 * our own tables, and the rest from each table's owner (recipient, agency and partnership from
 * identity, the review's reference and the request's event from reviews, the clock from clocks,
 * the meeting from meetings).
 */
@Injectable()
export class EmailContextReader {
  constructor(
    private readonly directory: IdentityDirectory,
    private readonly reviews: ReviewReadModel,
    private readonly clocks: ClocksService,
    private readonly meetings: MeetingFactsSource,
    private readonly config: AppConfig,
  ) {}

  async load(manager: EntityManager, notificationId: string, now = new Date()): Promise<EmailContext | null> {
    const [row]: NotificationRow[] = await manager.query(
      `SELECT n.id, n.status, n.template, n.review_id, n.clock_id, n.recipient_user_id, n.meeting_id, n.meeting_sequence, n.alarm_key,
              about.template AS about_template, about.recipient_user_id AS about_recipient_user_id, about.alarm_key AS about_alarm_key
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
    // A request email (or an undelivered one's notice to the coordinators) reads back its event.
    const requestKey = REQUEST_TEMPLATES.has(row.template)
      ? row.alarm_key
      : row.about_template && REQUEST_TEMPLATES.has(row.about_template)
        ? row.about_alarm_key
        : null;
    const request = requestKey ? await requestFacts(this.reviews, manager, row.review_id, requestKey, clock) : null;
    const [aboutUser] = row.about_recipient_user_id ? await this.directory.users([row.about_recipient_user_id], manager) : [];
    const [recipientHere] = await this.directory.users([row.recipient_user_id], manager, review.partnershipId);
    // A panel paper is about no agency's deadline: it names the recipient's own agency (on the panel).
    const agencyId =
      request?.agencyId ?? clock?.agencyId ?? (row.template === 'document.shared' ? (recipientHere?.agencyId ?? null) : null);
    const agencyName = agencyId ? (await this.directory.names({ agencyIds: [agencyId] }, manager)).agencyName(agencyId) : null;
    const partnership = await this.directory.partnershipEmailIdentity(review.partnershipId, manager);
    const sender = emailSender(this.config.MAIL_FROM, partnership);
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
    const dueAt: Date = request?.dueAt ?? clock?.dueAt ?? meeting?.startsAt ?? now;
    const deadlineKind = (request?.deadlineKind ?? clock?.kind ?? 'completion') as DeadlineKind;
    return {
      id: row.id,
      status: row.status,
      template: row.template,
      reviewId: row.review_id,
      partnershipId: review.partnershipId,
      clockId: row.clock_id,
      recipientId: row.recipient_user_id,
      recipientEmail: recipient.email,
      sender,
      meeting,
      emailData: {
        reviewId: row.review_id,
        reference: review.reference,
        deadlineKind,
        dueAt,
        agencyName: agencyName ?? undefined,
        recipientName: recipient.name,
        recipientRole: recipientHere?.role,
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
        actionDescription: await this.actionDescription(manager, row.review_id, deadlineKind, clock, request),
        partnership: sender.partnership,
        request: request?.request,
        sharedDocument: sharedDocument(row.template === 'document.shared' ? row.alarm_key : null),
      },
    };
  }

  /** An action-plan deadline's own words: from its event, or from the review's action plan. */
  private async actionDescription(
    manager: EntityManager,
    reviewId: string,
    kind: DeadlineKind,
    clock: ClockRecord | null,
    request: RequestFacts | null,
  ): Promise<string | undefined> {
    if (kind !== 'action') return undefined;
    if (request?.actionDescription) return request.actionDescription;
    if (!clock?.actionId) return undefined;
    return (await this.reviews.actionDescriptions([reviewId], manager)).get(clock.actionId);
  }
}

/** document.shared: the document and its kind, read back from the share's key. */
function sharedDocument(alarmKey: string | null): { id: string; kind: string } | undefined {
  const paper = panelPaperOf(alarmKey);
  return paper ? { id: paper.documentId, kind: paper.kind } : undefined;
}

/** "7 days", "1 day", "5 hours": how far off the due time is, for the reminder's wording. */
function reminderLabel(dueAt: Date, now: Date): string {
  const ms = Math.max(0, dueAt.getTime() - now.getTime());
  const days = Math.round(ms / DAY_MS);
  if (days >= 1) return days === 1 ? '1 day' : `${days} days`;
  const hours = Math.max(1, Math.round(ms / 3_600_000));
  return hours === 1 ? '1 hour' : `${hours} hours`;
}
