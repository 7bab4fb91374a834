import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Encrypted document bytes in Postgres, for DOCUMENT_STORE=postgres (several API machines). A manifest row per
 * storage key (size and chunk count; an empty document is a manifest with no chunks) and the bytes in 1 MiB
 * chunks. A put writes the manifest and all chunks in one transaction, so a key is whole or absent. No foreign
 * key to document_versions: the bytes are stored before the version row's transaction, as on the filesystem.
 */
export class DocumentBlobs1795393000000 implements MigrationInterface {
  name = 'DocumentBlobs1795393000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE document_blob_manifests (
        storage_key text PRIMARY KEY
          CHECK (storage_key ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'),
        size bigint NOT NULL CHECK (size >= 0),
        chunks int NOT NULL CHECK (chunks >= 0),
        stored_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE document_blobs (
        storage_key text NOT NULL REFERENCES document_blob_manifests(storage_key) ON DELETE CASCADE,
        chunk int NOT NULL CHECK (chunk >= 0),
        bytes bytea NOT NULL,
        PRIMARY KEY (storage_key, chunk)
      )`);
    // Ciphertext does not compress: store it out of line without trying.
    await q.query(`ALTER TABLE document_blobs ALTER COLUMN bytes SET STORAGE EXTERNAL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE document_blobs`);
    await q.query(`DROP TABLE document_blob_manifests`);
  }
}
