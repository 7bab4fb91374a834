import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { extractDocumentText } from '@dhr/anonymisation';
import { DomainError } from '@dhr/core';
import { DocumentsService } from '@dhr/documents';

/**
 * Most text indexed per version. Postgres refuses a tsvector over 1 MB; half a million characters
 * is some 80,000 words, more than any IMR or overview report: the rest of a longer file is not searchable.
 */
export const MAX_INDEXED_CHARACTERS = 500_000;

/** How many versions one backfill run indexes at most; the next sweep goes on from there. */
const BACKFILL_BATCH = 50;
const BACKFILL_PER_RUN = 1000;

/**
 * Keeps `document_search_text`: one row per stored document version, with the `tsvector` of its
 * extracted text and never the text itself (see the migration). Idempotent: a version already
 * indexed is skipped, and two workers indexing one version at once insert one row.
 */
@Injectable()
export class DocumentTextIndexer {
  private readonly logger = new Logger('DocumentTextIndexer');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly documents: DocumentsService,
  ) {}

  /** Indexes one version; false when there was nothing to do (gone, or indexed already). */
  async index(versionId: string): Promise<boolean> {
    const [target]: { review_id: string; partnership_id: string }[] = await this.db.query(
      `SELECT r.id AS review_id, r.partnership_id
         FROM document_versions v JOIN documents d ON d.id = v.document_id JOIN reviews r ON r.id = d.review_id
        WHERE v.id = $1 AND NOT EXISTS (SELECT 1 FROM document_search_text t WHERE t.version_id = v.id)`,
      [versionId],
    );
    if (!target) return false;
    const text = await this.readText(versionId);
    if (text === undefined) return false;
    await this.db.query(
      `INSERT INTO document_search_text (version_id, document_id, version, review_id, partnership_id, status, tsv)
       SELECT v.id, v.document_id, v.version, $2, $3, $4, to_tsvector('english', $5) FROM document_versions v WHERE v.id = $1
       ON CONFLICT (version_id) DO NOTHING`,
      [versionId, target.review_id, target.partnership_id, text === null ? 'unreadable' : 'indexed', text ?? ''],
    );
    return true;
  }

  /** Indexes versions that have no row yet, oldest first, up to BACKFILL_PER_RUN; returns how many. */
  async backfill(): Promise<number> {
    let done = 0;
    while (done < BACKFILL_PER_RUN) {
      const rows: { id: string }[] = await this.db.query(
        `SELECT v.id FROM document_versions v
          WHERE NOT EXISTS (SELECT 1 FROM document_search_text t WHERE t.version_id = v.id)
          ORDER BY v.uploaded_at, v.id LIMIT $1`,
        [BACKFILL_BATCH],
      );
      if (rows.length === 0) break;
      for (const row of rows) {
        await this.index(row.id);
        done++;
      }
      if (rows.length < BACKFILL_BATCH) break;
    }
    if (done > 0) this.logger.log(`backfill: indexed ${done} document versions`);
    return done;
  }

  /**
   * The version's text, capped; null when it cannot be read (a scan without a text layer, a file
   * failing its integrity check): indexed as unreadable rather than tried again on every sweep.
   * Undefined when the version went away meanwhile.
   */
  private async readText(versionId: string): Promise<string | null | undefined> {
    let content;
    try {
      content = await this.documents.readVersion(this.db.manager, versionId);
    } catch (error) {
      if (error instanceof DomainError) {
        this.logger.warn(`document version ${versionId} not indexed: ${error.code}`);
        return null;
      }
      throw error;
    }
    if (!content) return undefined;
    const extracted = await extractDocumentText(content.bytes, content.version.mediaType);
    if (!extracted.ok) return null;
    // NUL is the one character Postgres text cannot hold.
    // eslint-disable-next-line no-control-regex -- NUL is exactly what it looks for
    return extracted.text.replace(/\u0000/g, ' ').slice(0, MAX_INDEXED_CHARACTERS);
  }
}
