import type { AuditEntryView } from './audit-entry';
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
  const lines = [COLUMNS.map(([header]) => header), ...entries.map((e) => COLUMNS.map(([, cell]) => csvCell(cell(e))))];
  return lines.map((cells) => cells.join(',')).join('\r\n') + '\r\n';
}

/**
 * One cell: quoted when it holds a quote, comma or line break; a text starting
 * with = + - @ (or tab / CR) gets a leading ' so a spreadsheet shows it rather than
 * running it as a formula (CSV injection).
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
