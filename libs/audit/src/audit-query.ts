import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AUDIT_ENTRY_COLUMNS, AuditEntryView, StoredAuditEntryRow, viewOfRow } from './audit-entry';
import { AuditSealer } from './audit-sealer';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads the audit trail for export. Callers authorise first: this returns whatever it is asked for. */
@Injectable()
export class AuditQuery {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly sealer: AuditSealer,
  ) {}

  /**
   * Every entry about one review, in chain order. Seals what is committed first, so what a
   * user reads is sealed; an entry committed meanwhile comes last, unsealed (seq null), by id.
   */
  async forReview(reviewId: string): Promise<AuditEntryView[]> {
    if (!UUID.test(reviewId)) return [];
    await this.sealer.sealNow();
    const rows: StoredAuditEntryRow[] = await this.db.query(
      `SELECT ${AUDIT_ENTRY_COLUMNS} FROM audit_entries WHERE review_id = $1 ORDER BY chain, seq NULLS LAST, id`,
      [reviewId],
    );
    return rows.map(viewOfRow);
  }
}
