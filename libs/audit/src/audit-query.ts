import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AUDIT_ENTRY_COLUMNS, AuditEntryRow, AuditEntryView, viewOfRow } from './audit-entry';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads the audit trail for export. Callers authorise first: this returns whatever it is asked for. */
@Injectable()
export class AuditQuery {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Every entry about one review, in chain order (the order they were appended). */
  async forReview(reviewId: string): Promise<AuditEntryView[]> {
    if (!UUID.test(reviewId)) return [];
    const rows: AuditEntryRow[] = await this.db.query(
      `SELECT ${AUDIT_ENTRY_COLUMNS} FROM audit_entries WHERE review_id = $1 ORDER BY chain, seq`,
      [reviewId],
    );
    return rows.map(viewOfRow);
  }
}
