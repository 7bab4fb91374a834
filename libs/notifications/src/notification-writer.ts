import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboxWriter } from '@dhr/jobs';

import type { NotificationTemplate } from './email';
export type { NotificationTemplate };

export interface NewNotifications {
  /** Null only for the daily digest, which spans reviews. */
  reviewId: string | null;
  clockId: string | null;
  clockDueAt: Date | null;
  template: NotificationTemplate;
  step: string;
  /** Identifies the alarm: with the recipient, unique in Postgres, so nothing is ever notified twice. */
  alarmKey: string;
  recipientIds: string[];
  /** For email.failed: the notification that could not be delivered. */
  aboutNotificationId?: string;
  /** meeting.* (and email.failed about one): the meeting, and the SEQUENCE the email is for. */
  meetingId?: string | null;
  meetingSequence?: number | null;
}

/** Creates notification rows once each, and an outbox entry to email each new one. */
@Injectable()
export class NotificationWriter {
  constructor(private readonly outbox: OutboxWriter) {}

  /** One statement for the rows of every recipient, one for their outbox entries. */
  async create(manager: EntityManager, n: NewNotifications): Promise<string[]> {
    if (n.recipientIds.length === 0) return [];
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO notifications (review_id, clock_id, clock_due_at, recipient_user_id, template, step, alarm_key, about_notification_id,
                                  meeting_id, meeting_sequence)
       SELECT $1, $2, $3, r, $5, $6, $7, $8, $9, $10 FROM unnest($4::uuid[]) WITH ORDINALITY AS u(r, i) ORDER BY i
       ON CONFLICT (alarm_key, recipient_user_id) DO NOTHING RETURNING id`,
      [
        n.reviewId,
        n.clockId,
        n.clockDueAt,
        [...new Set(n.recipientIds)],
        n.template,
        n.step,
        n.alarmKey,
        n.aboutNotificationId ?? null,
        n.meetingId ?? null,
        n.meetingSequence ?? null,
      ],
    );
    const created = rows.map((row) => row.id);
    await this.outbox.addMany(
      manager,
      'notification.created',
      created.map((notificationId) => ({ notificationId })),
    );
    return created;
  }
}
