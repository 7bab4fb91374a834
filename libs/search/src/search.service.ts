import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditWriter, SYSTEM_CHAIN } from '@dhr/audit';
import { Clock, inTransaction } from '@dhr/core';
import type { Actor } from '@dhr/identity';
import { ReviewSearchResult, searchReviews } from './review-search.query';
import { searchPage, searchTerms } from './search-terms';

/**
 * Search for the API and the pages: checks the terms, runs the search with the caller's access
 * rules in the query, and audits every search in the same transaction. The audit entry records who
 * searched, how many reviews matched and which were shown, never the terms: they may be a name,
 * and the audit trail is append-only (a name written there could never be erased).
 */
@Injectable()
export class SearchService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  search(
    actor: Actor,
    input: { q: unknown; limit?: unknown; offset?: unknown },
  ): Promise<ReviewSearchResult & { limit: number; offset: number }> {
    const terms = searchTerms(input.q);
    const page = searchPage(input.limit, input.offset);
    return inTransaction(this.db, async (manager) => {
      const result = await searchReviews(manager, actor, terms, page);
      await this.audit.record(manager, {
        chain: actor.partnershipId ?? SYSTEM_CHAIN,
        actorId: actor.userId,
        actorRole: actor.role,
        action: 'review.search',
        reviewId: null,
        entity: 'search',
        changes: {
          resultCount: { before: null, after: result.total },
          returned: { before: null, after: result.items.map((item) => item.id) },
        },
        requestId: actor.requestId,
        sourceIp: actor.sourceIp,
        at: this.clock.now(),
      });
      return { ...result, ...page };
    });
  }
}
