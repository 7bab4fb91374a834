import { MigrationInterface, QueryRunner } from 'typeorm';

/** Identifying terms and accepted matches for the anonymisation check (libs/anonymisation). */
export class IdentifyingTerms1795392700000 implements MigrationInterface {
  name = 'IdentifyingTerms1795392700000';

  async up(q: QueryRunner): Promise<void> {
    // The terms are never stored in clear: one AES-256-GCM sealed JSON list per review.
    await q.query(`
      CREATE TABLE identifying_terms (
        review_id uuid PRIMARY KEY REFERENCES reviews(id),
        ciphertext bytea NOT NULL,
        iv bytea NOT NULL,
        auth_tag bytea NOT NULL,
        term_count int NOT NULL CHECK (term_count >= 0),
        version int NOT NULL CHECK (version >= 1),
        updated_by uuid NOT NULL REFERENCES users(id),
        updated_at timestamptz NOT NULL
      )`);
    // An accepted match names its term only by an HMAC of the folded term.
    await q.query(`
      CREATE TABLE identifying_term_acceptances (
        id uuid PRIMARY KEY,
        review_id uuid NOT NULL REFERENCES reviews(id),
        term_hash text NOT NULL CHECK (term_hash ~ '^[0-9a-f]{64}$'),
        document_id uuid NOT NULL REFERENCES documents(id),
        reason text NOT NULL,
        accepted_by uuid NOT NULL REFERENCES users(id),
        accepted_at timestamptz NOT NULL,
        UNIQUE (review_id, term_hash, document_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE identifying_term_acceptances`);
    await q.query(`DROP TABLE identifying_terms`);
  }
}
