import { Logger, OnModuleDestroy } from '@nestjs/common';
import { Pool } from 'pg';
import { assertStorageKey, DocumentStore } from './document-store';

/**
 * 1 MiB per row: a 25 MB document is 25 rows, each TOASTed out of line. Small enough that no single value
 * makes Postgres or the `pg` client build one huge allocation (bytea comes back hex-encoded: twice its size),
 * and large enough that a put is a few dozen inserts, not thousands.
 */
export const DOCUMENT_CHUNK_BYTES = 1024 * 1024;

/**
 * Connections of the store's own pool. Its own, because the service reads documents inside its transactions:
 * on the app's pool, enough concurrent downloads would hold every connection while each waits for one more.
 */
const POOL_SIZE = 4;

interface BlobRow {
  size: string;
  chunks: number;
  chunk: number | null;
  bytes: Buffer | null;
}

/**
 * Encrypted document bytes in Postgres (`document_blob_manifests` + `document_blobs`), so every API machine
 * reads what any of them stored, and the documents are in the database's backups. The bytes arrive sealed
 * (AES-256-GCM) from the service, which checks the SHA-256 on every read: this store never sees plaintext.
 *
 * A put is one transaction of its own (the manifest row, then every chunk): readers see all of it or nothing,
 * and a get is one statement, so it reads one snapshot even while the key is being replaced or deleted.
 */
export class PostgresDocumentStore extends DocumentStore implements OnModuleDestroy {
  private readonly logger = new Logger('PostgresDocumentStore');
  private readonly pool: Pool;

  constructor(databaseUrl: string) {
    super();
    this.pool = new Pool({ connectionString: databaseUrl, max: POOL_SIZE, application_name: 'dhr-engine documents' });
    // An idle connection dropped by the server must not take the process down; the next query reconnects.
    this.pool.on('error', (error) => this.logger.warn(`Idle document store connection failed: ${error.message}`));
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    assertStorageKey(key);
    if (!Buffer.isBuffer(bytes)) throw new TypeError('document bytes must be a Buffer');
    const chunks = Math.ceil(bytes.length / DOCUMENT_CHUNK_BYTES);
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      // The upsert locks the manifest row, so two puts of one key queue and the last one wins whole (as a rename does).
      await client.query(
        `INSERT INTO document_blob_manifests (storage_key, size, chunks) VALUES ($1, $2, $3)
         ON CONFLICT (storage_key) DO UPDATE SET size = excluded.size, chunks = excluded.chunks, stored_at = now()`,
        [key, bytes.length, chunks],
      );
      await client.query('DELETE FROM document_blobs WHERE storage_key = $1', [key]);
      for (let chunk = 0; chunk < chunks; chunk++) {
        // A Buffer parameter goes to Postgres as binary: no hex or escape encoding on the way in.
        const part = bytes.subarray(chunk * DOCUMENT_CHUNK_BYTES, (chunk + 1) * DOCUMENT_CHUNK_BYTES);
        await client.query('INSERT INTO document_blobs (storage_key, chunk, bytes) VALUES ($1, $2, $3)', [key, chunk, part]);
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => (broken = true));
      throw error;
    } finally {
      client.release(broken); // a connection that could not roll back is closed, not reused
    }
  }

  async get(key: string): Promise<Buffer | null> {
    assertStorageKey(key);
    const { rows } = await this.pool.query<BlobRow>(
      `SELECT m.size, m.chunks, b.chunk, b.bytes
         FROM document_blob_manifests m LEFT JOIN document_blobs b ON b.storage_key = m.storage_key
        WHERE m.storage_key = $1
        ORDER BY b.chunk`,
      [key],
    );
    if (rows.length === 0) return null;
    const parts = rows.filter((r) => r.bytes !== null).map((r) => r.bytes as Buffer);
    const bytes = Buffer.concat(parts);
    const complete = bytes.length === Number(rows[0].size) && parts.length === rows[0].chunks && parts.every((_, i) => rows[i].chunk === i);
    // Only a change made outside this store gets here; the bytes go back as found and fail the service's check.
    if (!complete) this.logger.warn(`Stored blob ${key} does not match its manifest (chunks or size changed outside the store)`);
    return bytes;
  }

  async delete(key: string): Promise<void> {
    assertStorageKey(key);
    await this.pool.query('DELETE FROM document_blob_manifests WHERE storage_key = $1', [key]); // chunks go by ON DELETE CASCADE
  }

  /** Closes the store's connections (Nest calls this on shutdown). */
  async onModuleDestroy(): Promise<void> {
    await this.pool.end();
  }
}
