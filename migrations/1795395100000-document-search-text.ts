import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search over the text of documents (owned by libs/search): one row per document version, holding
 * only the Postgres `tsvector` of its extracted text (`english` configuration), never the text
 * itself: the documents are encrypted at rest and a plain copy would undo that. `unreadable` rows
 * (a scanned PDF, a file that fails its checks) have an empty vector, so the backfill does not try
 * them again. `partnership_id` and `review_id` are copied from the review (which never moves
 * partnership) so a search ANDs the GIN index with the caller's partnership before any join.
 */
export class DocumentSearchText1795395100000 implements MigrationInterface {
  name = 'DocumentSearchText1795395100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE document_search_text (
        version_id uuid PRIMARY KEY REFERENCES document_versions(id) ON DELETE CASCADE,
        document_id uuid NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        version int NOT NULL CHECK (version >= 1),
        review_id uuid NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
        partnership_id uuid NOT NULL,
        status text NOT NULL CHECK (status IN ('indexed', 'unreadable')),
        tsv tsvector NOT NULL,
        indexed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX document_search_text_tsv ON document_search_text USING GIN (tsv)`);
    await q.query(`CREATE INDEX document_search_text_partnership ON document_search_text (partnership_id)`);
    await q.query(`CREATE INDEX document_search_text_document ON document_search_text (document_id, version)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE document_search_text`);
  }
}
