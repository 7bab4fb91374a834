import type { EntityManager } from 'typeorm';
import type { DeadlineKind } from '@dhr/workflows/dhr/v1/dhr.types';
import type { EmailData, NotificationTemplate } from './email';

/** Everything needed to send one notification, read fresh from Postgres when the job runs. */
export interface EmailContext {
  id: string;
  status: 'pending' | 'sent' | 'failed';
  template: NotificationTemplate;
  reviewId: string;
  partnershipId: string;
  clockId: string | null;
  recipientId: string;
  recipientEmail: string;
  emailData: Omit<EmailData, 'publicUrl'>;
}

const DAY_MS = 86_400_000;

export async function loadEmailContext(manager: EntityManager, notificationId: string, now = new Date()): Promise<EmailContext | null> {
  const [row] = await manager.query(
    `SELECT n.id, n.status, n.template, n.review_id, n.clock_id, n.recipient_user_id, n.step,
            u.email, u.name, r.reference, r.partnership_id, c.kind, c.due_at, a.name AS agency_name,
            about.template AS about_template, about_user.role AS about_role
       FROM notifications n
       JOIN users u ON u.id = n.recipient_user_id
       JOIN reviews r ON r.id = n.review_id
       LEFT JOIN clocks c ON c.id = n.clock_id
       LEFT JOIN agencies a ON a.id = c.agency_id
       LEFT JOIN notifications about ON about.id = n.about_notification_id
       LEFT JOIN users about_user ON about_user.id = about.recipient_user_id
      WHERE n.id = $1`,
    [notificationId],
  );
  if (!row) return null;
  const dueAt: Date = row.due_at ?? now;
  return {
    id: row.id,
    status: row.status,
    template: row.template,
    reviewId: row.review_id,
    partnershipId: row.partnership_id,
    clockId: row.clock_id,
    recipientId: row.recipient_user_id,
    recipientEmail: row.email,
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
