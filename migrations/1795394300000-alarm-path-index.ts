import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The alarm path's lookup (libs/notifications `sentSteps`, run for every alarm planned or fired):
 * the steps already sent for a clock on its due day in London. Indexed on exactly what it
 * looks up — the clock, the London date of the due time it was planned for — with the step, so
 * the answer comes from the index alone instead of every notification ever sent. The expression
 * matches the query's text (`timezone(text, timestamptz)` is immutable, so it may be indexed).
 *
 * A plain CREATE INDEX (not CONCURRENTLY, which cannot run in the migration's transaction): it
 * locks notifications against writes while it builds, which at this project's sizes (one row per
 * recipient per alarm, a few hundred thousand at most) is a matter of seconds at start-up.
 */
export class AlarmPathIndex1795394300000 implements MigrationInterface {
  name = 'AlarmPathIndex1795394300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX notifications_clock_due_day_idx
        ON notifications (clock_id, ((clock_due_at AT TIME ZONE 'Europe/London')::date), step)
        WHERE clock_id IS NOT NULL AND clock_due_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX notifications_clock_due_day_idx`);
  }
}
