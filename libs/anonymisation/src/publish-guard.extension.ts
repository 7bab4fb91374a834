import { Injectable } from '@nestjs/common';
import { DomainError } from '@dhr/core';
import type { AcceptedEvent, ReviewExtension } from '@dhr/reviews';
import { AnonymisationScanner } from './anonymisation-scanner';
import { IdentifyingTermsStore } from './identifying-terms.store';

/**
 * Refuses PUBLISH, inside its transaction, while a document to be published (the event's `documentIds`,
 * else the latest overview report, executive summary and action plan) contains an identifying term the
 * coordinator has not accepted for that document, or cannot be read and so cannot be proved clean.
 */
@Injectable()
export class PublishGuardExtension implements ReviewExtension {
  constructor(
    private readonly store: IdentifyingTermsStore,
    private readonly scanner: AnonymisationScanner,
  ) {}

  async onEventAccepted({ manager, review, event }: AcceptedEvent): Promise<void> {
    if (event.type !== 'PUBLISH') return;
    const { terms } = await this.store.read(manager, review.id);
    if (terms.length === 0) return; // nothing recorded, nothing to find
    const result = await this.scanner.scan(manager, review.id, event.documentIds);
    if (result.matches.length > 0) {
      throw new DomainError('identifying_terms_found', {
        message: 'a document to be published contains identifying terms: anonymise it, or accept the match with a reason',
        matches: result.matches,
        ...(result.unreadable.length > 0 ? { unreadable: result.unreadable } : {}),
      });
    }
    if (result.unreadable.length > 0) {
      throw new DomainError('document_unreadable', {
        message: 'a document to be published could not be read, so it cannot be checked for identifying terms',
        documents: result.unreadable,
      });
    }
  }
}
