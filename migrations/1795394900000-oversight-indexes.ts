import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the dashboard and the forecasts (libs/oversight) at national scale: a partnership's
 * clocks by kind (overdue items, agency responsiveness, actions) without scanning every clock, and
 * the stage-changing events of a review (its stage visits) read from the index alone.
 */
export class OversightIndexes1795394900000 implements MigrationInterface {
  name = 'OversightIndexes1795394900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX clocks_partnership_kind_idx ON clocks (partnership_id, kind, status)`);
    await q.query(
      `CREATE INDEX review_events_stage_changes_idx ON review_events (review_id, seq) INCLUDE (to_stage, occurred_at)
        WHERE from_stage IS DISTINCT FROM to_stage`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX review_events_stage_changes_idx`);
    await q.query(`DROP INDEX clocks_partnership_kind_idx`);
  }
}
