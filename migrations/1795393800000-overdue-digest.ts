import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The daily overdue digest (owned by libs/notifications). A digest is one notification per
 * recipient per London day, alarm key `digest:YYYY-MM-DD`, so the existing unique
 * (alarm_key, recipient_user_id) makes a second impossible; it spans reviews (and
 * partnerships), so it is the one kind of notification without a review. Each day's digest
 * is built once: `overdue_digest_runs` records the day in the same transaction as its
 * notifications, so a job re-run after a Redis flush adds nobody to a day already built.
 * Also an index for the alarm planner's "steps already sent for this clock".
 */
export class OverdueDigest1795393800000 implements MigrationInterface {
  name = 'OverdueDigest1795393800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notifications ALTER COLUMN review_id DROP NOT NULL`);
    await q.query(
      `ALTER TABLE notifications ADD CONSTRAINT notifications_review_unless_digest CHECK (review_id IS NOT NULL OR template = 'digest.overdue')`,
    );
    await q.query(`CREATE INDEX notifications_clock_idx ON notifications(clock_id) WHERE clock_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE overdue_digest_runs (
        day date PRIMARY KEY,
        ran_at timestamptz NOT NULL,
        recipients int NOT NULL CHECK (recipients >= 0)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE overdue_digest_runs`);
    await q.query(`DROP INDEX notifications_clock_idx`);
    await q.query(`DELETE FROM email_attempts WHERE notification_id IN (SELECT id FROM notifications WHERE template = 'digest.overdue')`);
    await q.query(`DELETE FROM notifications WHERE template = 'digest.overdue'`);
    await q.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_review_unless_digest`);
    await q.query(`ALTER TABLE notifications ALTER COLUMN review_id SET NOT NULL`);
  }
}
