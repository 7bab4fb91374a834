import type { MatchedField, ReviewSearchHit } from '@dhr/search';
import { DOCUMENT_TYPE_WORDS } from './documents.presenter';
import { STAGE_WORDS } from './review-words';

const FIELD_WORDS: Record<MatchedField, string> = {
  reference: 'reference',
  pseudonym: 'pseudonym',
  stage: 'stage',
  chair: 'chair',
  agency: 'agency',
  document: 'document text',
};

/** One result of the search page: the review by reference and pseudonym, and why it matched, in words. */
export function searchResultRow(hit: ReviewSearchHit) {
  return {
    href: `/reviews/${hit.id}`,
    reference: hit.reference,
    pseudonyms: [hit.victimPseudonym, hit.perpetratorPseudonym].filter((p): p is string => !!p).join(' and '),
    stage: STAGE_WORDS[hit.stage as keyof typeof STAGE_WORDS] ?? hit.stage,
    matched: hit.matched.map((field) => FIELD_WORDS[field]).join(', '),
    documents: hit.documents.map((doc) => ({
      href: `/reviews/${hit.id}/documents/${doc.id}/versions/${doc.version}`,
      text: `${doc.title ?? DOCUMENT_TYPE_WORDS[doc.type] ?? 'Document'}, version ${doc.version}`,
      kind: doc.title ? (DOCUMENT_TYPE_WORDS[doc.type] ?? null) : null,
    })),
  };
}

/** "1 review found", "12 reviews found". */
export function resultCount(total: number): string {
  return `${total} ${total === 1 ? 'review' : 'reviews'} found`;
}
