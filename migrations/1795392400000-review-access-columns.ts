import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Denormalised from the workflow snapshot so that list queries can apply the
 * access policy in SQL: the review's chair, and the agencies taking part in it.
 */
export class ReviewAccessColumns1795392400000 implements MigrationInterface {
  name = 'ReviewAccessColumns1795392400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE reviews ADD COLUMN chair_user_id uuid REFERENCES users(id)`);
    await q.query(`ALTER TABLE reviews ADD COLUMN involved_agency_ids uuid[] NOT NULL DEFAULT '{}'`);
    await q.query(`
      UPDATE reviews SET
        chair_user_id = NULLIF(snapshot->'context'->>'chairUserId', '')::uuid,
        involved_agency_ids = ARRAY(
          SELECT DISTINCT (p->>'agencyId')::uuid FROM jsonb_array_elements(
            COALESCE(snapshot->'context'->'panel', '[]'::jsonb) || COALESCE(snapshot->'context'->'scoping', '[]'::jsonb)) p)`);
    await q.query(`CREATE INDEX reviews_chair_idx ON reviews(chair_user_id)`);
    await q.query(`CREATE INDEX reviews_involved_agencies_idx ON reviews USING gin (involved_agency_ids)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE reviews DROP COLUMN involved_agency_ids`);
    await q.query(`ALTER TABLE reviews DROP COLUMN chair_user_id`);
  }
}
