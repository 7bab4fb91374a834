import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The first answer to each POST sent with an Idempotency-Key, so a retry gets it again and
 * writes nothing. One row per user, route and key (the key as its SHA-256: the client's text is
 * never stored); the fingerprint is the SHA-256 of the request body, so the same key with another
 * body is refused. `status` is null while the first request runs (its row is uncommitted then, so
 * a concurrent duplicate waits on the primary key). Rows older than 24 hours are removed by the sweep.
 */
export class IdempotencyKeys1795394500000 implements MigrationInterface {
  name = 'IdempotencyKeys1795394500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE idempotency_keys (
        user_id uuid NOT NULL,
        route text NOT NULL CHECK (length(route) BETWEEN 1 AND 500),
        key_hash bytea NOT NULL CHECK (length(key_hash) = 32),
        fingerprint bytea NOT NULL CHECK (length(fingerprint) = 32),
        status smallint CHECK (status BETWEEN 200 AND 499),
        body jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, route, key_hash)
      )`);
    await q.query(`CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE idempotency_keys`);
  }
}
