import { MigrationInterface, QueryRunner } from 'typeorm';

/** Partnerships, agencies, users, reviews with their workflow snapshot, and the event history. */
export class IdentityAndReviews1795392000000 implements MigrationInterface {
  name = 'IdentityAndReviews1795392000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE partnerships (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        code text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9]{2,12}$'),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE agencies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partnership_id uuid NOT NULL REFERENCES partnerships(id),
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('police','local_authority','health','probation','fire','housing','specialist_da','education','other')),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX agencies_partnership_idx ON agencies(partnership_id)`);
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        name text NOT NULL,
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin','coordinator','csp_chair','independent_chair','agency_contact')),
        partnership_id uuid REFERENCES partnerships(id),
        agency_id uuid REFERENCES agencies(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (role = 'admin' OR partnership_id IS NOT NULL),
        CHECK ((role = 'agency_contact') = (agency_id IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX users_email_key ON users (lower(email))`);
    await q.query(`
      CREATE TABLE review_reference_counters (
        partnership_id uuid NOT NULL REFERENCES partnerships(id),
        year int NOT NULL,
        last_number int NOT NULL,
        PRIMARY KEY (partnership_id, year)
      )`);
    await q.query(`
      CREATE TABLE reviews (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        reference text NOT NULL UNIQUE,
        partnership_id uuid NOT NULL REFERENCES partnerships(id),
        workflow_name text NOT NULL,
        workflow_version int NOT NULL,
        snapshot jsonb NOT NULL,
        stage text NOT NULL,
        on_hold boolean NOT NULL DEFAULT false,
        notified_at timestamptz NOT NULL,
        notified_by text NOT NULL,
        death_date date NOT NULL,
        victim_pseudonym text NOT NULL,
        perpetrator_pseudonym text,
        police_force_area text,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version int NOT NULL DEFAULT 1
      )`);
    await q.query(`CREATE INDEX reviews_partnership_stage_idx ON reviews(partnership_id, stage)`);
    await q.query(`
      CREATE TABLE review_events (
        review_id uuid NOT NULL REFERENCES reviews(id),
        seq int NOT NULL,
        type text NOT NULL,
        payload jsonb NOT NULL,
        actor_id uuid REFERENCES users(id), -- null for system events (workflow migration)
        occurred_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        from_stage text,
        to_stage text NOT NULL,
        workflow_version int NOT NULL,
        PRIMARY KEY (review_id, seq)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['review_events', 'reviews', 'review_reference_counters', 'users', 'agencies', 'partnerships']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
