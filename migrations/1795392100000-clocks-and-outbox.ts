import { MigrationInterface, QueryRunner } from 'typeorm';

/** Statutory clocks as rows with absolute due times, and the outbox relayed to BullMQ after commit. */
export class ClocksAndOutbox1795392100000 implements MigrationInterface {
  name = 'ClocksAndOutbox1795392100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE clocks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        review_id uuid NOT NULL REFERENCES reviews(id),
        partnership_id uuid NOT NULL REFERENCES partnerships(id),
        kind text NOT NULL,
        agency_id uuid REFERENCES agencies(id),
        action_id uuid,
        subject_key text NOT NULL,
        rulebook_id text NOT NULL,
        started_at timestamptz NOT NULL,
        due_at timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('open','met','on_hold','cancelled')),
        met_at timestamptz,
        paused_at timestamptz,
        held_ms bigint NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One live clock per subject (e.g. one IMR clock per agency) at a time.
    await q.query(`CREATE UNIQUE INDEX clocks_live_subject_key ON clocks (review_id, subject_key) WHERE status IN ('open','on_hold')`);
    await q.query(`CREATE INDEX clocks_open_due_idx ON clocks (due_at) WHERE status = 'open'`);
    await q.query(`CREATE INDEX clocks_review_idx ON clocks (review_id)`);
    await q.query(`
      CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        topic text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        relayed_at timestamptz
      )`);
    await q.query(`CREATE INDEX outbox_pending_idx ON outbox (id) WHERE relayed_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outbox`);
    await q.query(`DROP TABLE clocks`);
  }
}
