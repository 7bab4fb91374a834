import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * That a POST sent with an Idempotency-Key wrote to a review, committed in the write's own
 * transaction (idempotency_keys holds the answer, stored just after on a connection of its own).
 * A retry whose key has no stored answer but a row here replays the review as it is now instead
 * of writing again: the process that wrote was killed before it could store its answer. Same key
 * as idempotency_keys; removed with it by the sweep after 24 hours.
 */
export class IdempotencyWrites1795395400000 implements MigrationInterface {
  name = 'IdempotencyWrites1795395400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE idempotency_writes (
        user_id uuid NOT NULL,
        route text NOT NULL CHECK (length(route) BETWEEN 1 AND 500),
        key_hash bytea NOT NULL CHECK (length(key_hash) = 32),
        review_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, route, key_hash)
      )`);
    await q.query(`CREATE INDEX idempotency_writes_created_at ON idempotency_writes (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE idempotency_writes`);
  }
}
