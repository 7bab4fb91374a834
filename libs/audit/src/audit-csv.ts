import type { AuditEntryView } from './audit-entry';
import { csvTable } from '@dhr/core';
import { canonicalJson } from './canonical-json';

const COLUMNS: [header: string, cell: (e: AuditEntryView) => string | number | null][] = [
  ['id', (e) => e.id],
  ['chain', (e) => e.chain],
  ['seq', (e) => e.seq],
  ['recorded_at', (e) => e.recordedAt],
  ['actor_id', (e) => e.actorId],
  ['actor_role', (e) => e.actorRole],
  ['action', (e) => e.action],
  ['review_id', (e) => e.reviewId],
  ['entity', (e) => e.entity],
  ['entity_id', (e) => e.entityId],
  // Canonical JSON: the exact text the entry's hash covers.
  ['changes', (e) => (e.changes === null ? null : canonicalJson(e.changes))],
  ['request_id', (e) => e.requestId],
  ['source_ip', (e) => e.sourceIp],
  ['prev_hash', (e) => e.prevHash],
  ['hash', (e) => e.hash],
];

/** RFC 4180 CSV (CRLF line ends, a header row) of audit entries. */
export function toCsv(entries: AuditEntryView[]): string {
  return csvTable(
    COLUMNS.map(([header]) => header),
    entries.map((e) => COLUMNS.map(([, cell]) => cell(e))),
  );
}
