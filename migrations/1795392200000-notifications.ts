import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications (one row per recipient per alarm, made unique so that two workers
 * or a re-run job can never create a second) and every email attempt with its result.
 */
export class Notifications1795392200000 implements MigrationInterface {
  name = 'Notifications1795392200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        review_id uuid NOT NULL REFERENCES reviews(id),
        clock_id uuid REFERENCES clocks(id),
        recipient_user_id uuid NOT NULL REFERENCES users(id),
        template text NOT NULL,
        step text NOT NULL,
        about_notification_id uuid REFERENCES notifications(id), -- for email.failed: the notification that could not be delivered
        alarm_key text NOT NULL,
        clock_due_at timestamptz, -- the due time the alarm was planned for (a moved clock plans afresh)
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','sent','failed')),
        attempts int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        failed_at timestamptz,
        UNIQUE (alarm_key, recipient_user_id)
      )`);
    await q.query(`CREATE INDEX notifications_review_idx ON notifications(review_id)`);
    await q.query(`CREATE INDEX notifications_pending_idx ON notifications(created_at) WHERE status = 'pending'`);
    await q.query(`
      CREATE TABLE email_attempts (
        id bigserial PRIMARY KEY,
        notification_id uuid NOT NULL REFERENCES notifications(id),
        attempt int NOT NULL,
        started_at timestamptz NOT NULL,
        finished_at timestamptz NOT NULL DEFAULT now(),
        outcome text NOT NULL CHECK (outcome IN ('sent','transient_failure','permanent_failure')),
        smtp_response text
      )`);
    await q.query(`CREATE INDEX email_attempts_notification_idx ON email_attempts(notification_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE email_attempts`);
    await q.query(`DROP TABLE notifications`);
  }
}
