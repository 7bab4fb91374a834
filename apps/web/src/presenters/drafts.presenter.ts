import type { DraftCheckSummary } from '@dhr/anonymisation';
import type { DocumentView } from '@dhr/documents';
import { longDate } from './dates';

type Tag = { text: string; classes: string };

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** What the anonymisation check found in one draft, in words: counts and places only, never the terms. */
function checkWords(found: DraftCheckSummary['documents'][number] | undefined, hasTerms: boolean): { tag: Tag; detail: string | null } {
  if (!hasTerms)
    return {
      tag: { text: 'Not checked', classes: 'govuk-tag--grey' },
      detail: 'No identifying terms have been recorded for this review yet',
    };
  if (!found) return { tag: { text: 'Not checked', classes: 'govuk-tag--grey' }, detail: null };
  if (found.unreadable)
    return { tag: { text: 'Could not be checked', classes: 'govuk-tag--orange' }, detail: 'The text of this file could not be read' };
  const accepted = found.accepted > 0 ? `${plural(found.accepted, 'accepted term', 'accepted terms')} may stay` : null;
  if (found.termsFound === 0) return { tag: { text: 'No identifying terms found', classes: 'govuk-tag--green' }, detail: accepted };
  const detail = `${plural(found.termsFound, 'identifying term', 'identifying terms')} found, ${plural(found.occurrences, 'time', 'times')} in all`;
  return { tag: { text: 'Identifying terms found', classes: 'govuk-tag--red' }, detail: accepted ? `${detail}; ${accepted}` : detail };
}

/** The drafts table: each draft's kind, version, when uploaded and what the check found; newest first. */
export function draftRows(docs: DocumentView[], check: DraftCheckSummary, typeWords: Record<string, string>) {
  const rows = [...docs]
    .sort((a, b) => b.uploadedAt.localeCompare(a.uploadedAt))
    .map((doc) => {
      const words = checkWords(
        check.documents.find((d) => d.documentId === doc.id && d.version === doc.version),
        check.hasTerms,
      );
      return {
        what: typeWords[doc.type] ?? doc.type,
        title: doc.title,
        version: doc.version,
        uploaded: longDate(doc.uploadedAt),
        tag: words.tag,
        detail: words.detail,
        found: words.tag.classes === 'govuk-tag--red',
      };
    });
  return { rows, anyFound: rows.some((r) => r.found) };
}
