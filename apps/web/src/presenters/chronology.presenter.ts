import type { ChronologyView } from '@dhr/chronology';
import { longDate, time } from './dates';

/** A chronology date in words: "2 October 2026", or "2 October 2026, 2:30pm" when the agency gave a time. */
export function chronologyDate(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? longDate(iso) : `${longDate(iso)}, ${time(iso)}`;
}

/**
 * The merged chronology as the page shows it: each entry's date in words, the agency and what
 * happened, in the chronology lib's order; and how many files or rows could not be merged,
 * without their details (they name documents the person may fix in the agency's upload).
 */
export function chronologyPage(view: ChronologyView) {
  return {
    entries: view.entries.map((e) => ({
      date: chronologyDate(e.date),
      timestamp: e.date,
      agency: e.agency,
      event: e.event,
      source: e.source,
    })),
    sources: view.sources.length,
    notMerged: view.notMerged.length,
    problems: view.problemCount,
    duplicatesRemoved: view.duplicatesRemoved,
  };
}
