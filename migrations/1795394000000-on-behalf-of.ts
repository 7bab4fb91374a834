import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An event the coordinator records on behalf of a CSP chair or an independent chair
 * (owned by libs/reviews): who it was for and what records it (e.g. "board minutes,
 * 12 March 2026"). `actor_id` stays the person who recorded it.
 */
export class OnBehalfOf1795394000000 implements MigrationInterface {
  name = 'OnBehalfOf1795394000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE review_events ADD COLUMN on_behalf_of uuid REFERENCES users(id), ADD COLUMN evidence text`);
    await q.query(
      `ALTER TABLE review_events ADD CONSTRAINT review_events_evidence_with_on_behalf_of CHECK ((on_behalf_of IS NULL) = (evidence IS NULL))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE review_events DROP CONSTRAINT review_events_evidence_with_on_behalf_of`);
    await q.query(`ALTER TABLE review_events DROP COLUMN on_behalf_of, DROP COLUMN evidence`);
  }
}
