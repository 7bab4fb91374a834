import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DocumentsService, DocumentType } from '@dhr/documents';
import { extractDocumentText } from './extraction/document-text';
import { IdentifyingTermsStore } from './identifying-terms.store';
import { findTerms } from './term-matching';

/** The documents PUBLISH publishes when it names none. */
export const PUBLISHED_DOCUMENT_TYPES: readonly DocumentType[] = ['overview_report', 'executive_summary', 'action_plan'];

export interface CheckedDocument {
  documentId: string;
  version: number;
  mediaType: string;
}

export interface FoundTerm {
  term: string;
  documentId: string;
  version: number;
  occurrences: number;
  /** A few words around the first occurrence: for the coordinator only, never logged. */
  excerpt: string;
}

export interface AcceptedTerm extends FoundTerm {
  acceptanceId: string;
  reason: string;
}

export interface ScanResult {
  /** Whether any terms are recorded at all: without terms there is nothing to find. */
  hasTerms: boolean;
  checked: CheckedDocument[];
  matches: FoundTerm[];
  accepted: AcceptedTerm[];
  unreadable: (CheckedDocument & { reason: string })[];
}

/** Scans the latest version of a review's documents for its identifying terms. No access checks or audit. */
@Injectable()
export class AnonymisationScanner {
  constructor(
    private readonly store: IdentifyingTermsStore,
    private readonly documents: DocumentsService,
  ) {}

  /** `documentIds` given: those documents; otherwise the latest of every published type. */
  async scan(manager: EntityManager, reviewId: string, documentIds?: readonly string[]): Promise<ScanResult> {
    const { terms } = await this.store.read(manager, reviewId);
    const result: ScanResult = { hasTerms: terms.length > 0, checked: [], matches: [], accepted: [], unreadable: [] };
    const contents = await this.documents.readLatest(
      manager,
      reviewId,
      documentIds ? { ids: documentIds } : { types: PUBLISHED_DOCUMENT_TYPES },
    );
    if (terms.length === 0) {
      result.checked = contents.map(({ document, version }) => ({
        documentId: document.id,
        version: version.version,
        mediaType: version.mediaType,
      }));
      return result;
    }
    const acceptances = await this.store.acceptances(manager, reviewId);
    const acceptanceOf = new Map(acceptances.map((a) => [`${a.termHash}|${a.documentId}`, a]));
    for (const { document, version, bytes } of contents) {
      const checked = { documentId: document.id, version: version.version, mediaType: version.mediaType };
      result.checked.push(checked);
      const extracted = await extractDocumentText(bytes, version.mediaType);
      if (!extracted.ok) {
        result.unreadable.push({ ...checked, reason: extracted.reason });
        continue;
      }
      for (const match of findTerms(extracted.text, terms)) {
        const found: FoundTerm = {
          term: match.term,
          documentId: document.id,
          version: version.version,
          occurrences: match.occurrences,
          excerpt: match.excerpt,
        };
        const acceptance = acceptanceOf.get(`${this.store.vault.hash(match.term)}|${document.id}`);
        if (acceptance) result.accepted.push({ ...found, acceptanceId: acceptance.id, reason: acceptance.reason });
        else result.matches.push(found);
      }
    }
    return result;
  }
}
