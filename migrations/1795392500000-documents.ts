import { MigrationInterface, QueryRunner } from 'typeorm';

/** Review documents and their versions; the encrypted bytes live in the document store, not here. */
export class Documents1795392500000 implements MigrationInterface {
  name = 'Documents1795392500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE documents (
        id uuid PRIMARY KEY,
        review_id uuid NOT NULL REFERENCES reviews(id),
        type text NOT NULL CHECK (type IN ('imr', 'chronology', 'overview_report', 'executive_summary', 'action_plan',
          'terms_of_reference', 'home_office_feedback', 'letter', 'minutes', 'other')),
        agency_id uuid REFERENCES agencies(id),
        title text,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX documents_review_idx ON documents(review_id, agency_id)`);
    await q.query(`
      CREATE TABLE document_versions (
        id uuid PRIMARY KEY,
        document_id uuid NOT NULL REFERENCES documents(id),
        version int NOT NULL CHECK (version >= 1),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        size bigint NOT NULL CHECK (size >= 0),
        media_type text NOT NULL,
        file_name text,
        storage_key text NOT NULL UNIQUE,
        iv bytea NOT NULL,
        auth_tag bytea NOT NULL,
        uploaded_by uuid NOT NULL REFERENCES users(id),
        uploaded_at timestamptz NOT NULL,
        UNIQUE (document_id, version)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE document_versions`);
    await q.query(`DROP TABLE documents`);
  }
}
