import { Injectable } from '@nestjs/common';
import { DomainError } from '@dhr/core';
import { DocumentsService } from '@dhr/documents';
import type { Actor } from '@dhr/identity';
import { ReviewFile, ReviewFileOptions } from '@dhr/reviews';
import { AnonymisationScanner } from './anonymisation-scanner';

/** What the check found in one draft: counts and places only, never the terms or the words around them. */
export interface DraftCheckResult {
  documentId: string;
  version: number;
  /** How many different identifying terms appear (not accepted). */
  termsFound: number;
  /** How many times they appear in all. */
  occurrences: number;
  /** Terms a coordinator has accepted may stay in this document. */
  accepted: number;
  /** The text could not be read, so the document could not be checked. */
  unreadable: boolean;
}

export interface DraftCheckSummary {
  /** Whether the coordinator has recorded any identifying terms: without them there is nothing to find. */
  hasTerms: boolean;
  documents: DraftCheckResult[];
}

/**
 * The anonymisation check of a review's drafts for the people who write and read them (its independent
 * chair, its coordinators): the same scan as PUBLISH runs, answered as counts per document so that the
 * identifying terms themselves stay with the coordinators' identifying-terms page. Audited as a check.
 */
@Injectable()
export class DraftAnonymisationCheck {
  constructor(
    private readonly file: ReviewFile,
    private readonly scanner: AnonymisationScanner,
    private readonly documents: DocumentsService,
  ) {}

  check(actor: Actor, reviewId: string, documentIds: readonly string[]): Promise<DraftCheckSummary> {
    return this.file.read(actor, reviewId, WRITERS_OF_DRAFTS, async ({ manager, review, audit }) => {
      const known = await this.documents.existingIds(manager, review.id, documentIds);
      const result = await this.scanner.scan(
        manager,
        review.id,
        documentIds.filter((id) => known.has(id)),
      );
      const documents = result.checked.map((c): DraftCheckResult => {
        const matches = result.matches.filter((m) => m.documentId === c.documentId);
        return {
          documentId: c.documentId,
          version: c.version,
          termsFound: matches.length,
          occurrences: matches.reduce((sum, m) => sum + m.occurrences, 0),
          accepted: result.accepted.filter((a) => a.documentId === c.documentId).length,
          unreadable: result.unreadable.some((u) => u.documentId === c.documentId),
        };
      });
      await audit('anonymisation.check', {
        entity: 'review',
        changes: {
          checked: { before: null, after: result.checked.map((c) => `${c.documentId}@${c.version}`) },
          matches: { before: null, after: result.matches.length },
          accepted: { before: null, after: result.accepted.length },
          unreadable: { before: null, after: result.unreadable.length },
        },
      });
      return { hasTerms: result.hasTerms, documents };
    });
  }
}

/** Drafts are the chair's and the coordinators' work; to anyone else this check is not there. */
const WRITERS_OF_DRAFTS: ReviewFileOptions = {
  authorise: (actor) => {
    if (actor.role !== 'coordinator' && actor.role !== 'independent_chair') throw DomainError.notFound('review');
  },
};
