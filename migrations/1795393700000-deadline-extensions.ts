import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An agreed new date for a clock (EXTEND_DEADLINE, owned by libs/clocks): the due time
 * it replaced, why, and when it was agreed. The review's history keeps every
 * extension; the clock keeps the latest, for pages and emails.
 */
export class DeadlineExtensions1795393700000 implements MigrationInterface {
  name = 'DeadlineExtensions1795393700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE clocks ADD COLUMN previous_due_at timestamptz, ADD COLUMN extension_reason text, ADD COLUMN extended_at timestamptz`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE clocks DROP COLUMN previous_due_at, DROP COLUMN extension_reason, DROP COLUMN extended_at`);
  }
}
