import type { ChronologyDate } from './chronology-date';
import type { ChronologyRow } from './chronology-rows';

/** One agency's chronology document (its latest version) and the good rows read from it. */
export interface ChronologySource {
  documentId: string;
  agencyId: string | null;
  version: number;
  rows: ChronologyRow[];
}

/** One entry of the combined chronology, with where it came from. */
export interface MergedEntry {
  date: ChronologyDate;
  agency: string;
  event: string;
  source: string;
  agencyId: string | null;
  documentId: string;
  version: number;
  line: number;
}

export interface MergedChronology {
  entries: MergedEntry[];
  /** Rows folded into an identical earlier one (same date, agency, event and source). */
  duplicatesRemoved: number;
}

/** Trimmed, whitespace collapsed, case folded: two rows equal by this are the same entry. */
const normal = (text: string) => text.trim().replace(/\s+/g, ' ').toLocaleLowerCase('en-GB');
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Every row of every source in date order (a date alone before the timed entries of its day; then agency,
 * event, source, ignoring case and spacing), keeping the first of identical rows: the earliest source, then
 * the earliest line. Sources come in the order the documents were created, so the result is stable.
 */
export function mergeChronologies(sources: readonly ChronologySource[]): MergedChronology {
  const keyed = sources.flatMap((s, order) =>
    s.rows.map((row) => ({
      order,
      key: [normal(row.agency), normal(row.event), normal(row.source)] as const,
      entry: {
        date: row.date,
        agency: row.agency,
        event: row.event,
        source: row.source,
        agencyId: s.agencyId,
        documentId: s.documentId,
        version: s.version,
        line: row.line,
      },
    })),
  );
  keyed.sort(
    (a, b) =>
      compareText(a.entry.date.day, b.entry.date.day) ||
      (a.entry.date.instant ?? -Infinity) - (b.entry.date.instant ?? -Infinity) ||
      compareText(a.key[0], b.key[0]) ||
      compareText(a.key[1], b.key[1]) ||
      compareText(a.key[2], b.key[2]) ||
      a.order - b.order ||
      a.entry.line - b.entry.line,
  );
  const entries: MergedEntry[] = [];
  let last: (typeof keyed)[number] | null = null;
  for (const item of keyed) {
    const same = last !== null && last.entry.date.iso === item.entry.date.iso && last.key.every((part, i) => part === item.key[i]);
    if (!same) entries.push(item.entry);
    last = item;
  }
  return { entries, duplicatesRemoved: keyed.length - entries.length };
}
