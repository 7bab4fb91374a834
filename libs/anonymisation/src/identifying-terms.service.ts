import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { FieldChanges } from '@dhr/audit';
import { DomainError, findInputProblem } from '@dhr/core';
import { DocumentsService } from '@dhr/documents';
import type { Actor } from '@dhr/identity';
import { ReviewFile, ReviewFileOptions } from '@dhr/reviews';
import { AnonymisationScanner, ScanResult } from './anonymisation-scanner';
import type { AcceptTermMatchDto, AnonymisationCheckDto, PutIdentifyingTermsDto } from './identifying-terms.dto';
import { TermAcceptanceEntity } from './identifying-terms.entities';
import { IdentifyingTermsStore } from './identifying-terms.store';
import { validatedTerms } from './term-list-validation';

export interface TermAcceptanceView {
  id: string;
  /** null when the term has since been removed from the list. */
  term: string | null;
  documentId: string;
  reason: string;
  acceptedBy: string;
  acceptedAt: string;
}

export interface IdentifyingTermsView {
  terms: string[];
  acceptances: TermAcceptanceView[];
  version: number;
  updatedAt: string | null;
}

export type AnonymisationCheckView = Omit<ScanResult, 'hasTerms'> & { clean: boolean };

/**
 * A review's identifying terms, for the coordinators of its partnership only: recorded sealed, never
 * returned to any other role, and never written to the audit trail (counts and HMACs instead).
 */
@Injectable()
export class IdentifyingTermsService {
  constructor(
    private readonly file: ReviewFile,
    private readonly store: IdentifyingTermsStore,
    private readonly scanner: AnonymisationScanner,
    private readonly documents: DocumentsService,
  ) {}

  get(actor: Actor, reviewId: string): Promise<IdentifyingTermsView> {
    return this.file.read(actor, reviewId, COORDINATORS_ONLY, async ({ manager, review, audit }) => {
      const view = await this.view(manager, review.id);
      await audit(
        'identifying_terms.read',
        auditedChanges({
          termCount: { before: null, after: view.terms.length },
          version: { before: null, after: view.version },
        }),
      );
      return view;
    });
  }

  /** Replaces the list; acceptances of terms no longer listed go with them. */
  put(actor: Actor, reviewId: string, dto: PutIdentifyingTermsDto): Promise<IdentifyingTermsView> {
    return this.file.change(actor, reviewId, COORDINATORS_ONLY, async ({ manager, review, audit, now }) => {
      const terms = validatedTerms(dto.terms);
      const before = await this.store.read(manager, review.id, true);
      if (dto.expectedVersion !== undefined && dto.expectedVersion !== before.version)
        throw DomainError.conflict('the identifying terms were changed by someone else; reload and try again');
      const hashes = (list: string[]) => list.map((t) => this.store.vault.hash(t)).sort();
      const kept = new Set(hashes(terms));
      const dropped = (await this.store.acceptances(manager, review.id)).filter((a) => !kept.has(a.termHash));
      if (dropped.length > 0) await manager.getRepository(TermAcceptanceEntity).delete(dropped.map((a) => a.id));
      await this.store.write(manager, review.id, terms, before.version + 1, actor.userId, now);
      await audit(
        'identifying_terms.replace',
        auditedChanges({
          termCount: { before: before.terms.length, after: terms.length },
          termHashes: { before: hashes(before.terms), after: [...kept] },
          version: { before: before.version, after: before.version + 1 },
          ...(dropped.length > 0 ? { acceptancesRemoved: { before: dropped.map((a) => a.id), after: null } } : {}),
        }),
      );
      return this.view(manager, review.id);
    });
  }

  accept(actor: Actor, reviewId: string, dto: AcceptTermMatchDto): Promise<TermAcceptanceView> {
    return this.file.change(actor, reviewId, COORDINATORS_ONLY, async ({ manager, review, audit, now }) => {
      const problem = findInputProblem({ reason: dto.reason }, '');
      if (problem) throw DomainError.field(problem.field, problem.reason);
      const reason = dto.reason.trim();
      if (!reason) throw DomainError.field('reason', 'must not be empty');
      const { terms } = await this.store.read(manager, review.id, true);
      const termHash = this.store.vault.hash(dto.term);
      const term = terms.find((t) => this.store.vault.hash(t) === termHash);
      if (term === undefined) throw DomainError.field('term', 'is not one of the recorded identifying terms');
      const document = { id: dto.documentId };
      if (!(await this.documents.existingIds(manager, review.id, [document.id])).has(document.id))
        throw DomainError.field('documentId', 'is not a document of this review');
      const repo = manager.getRepository(TermAcceptanceEntity);
      const existing = await repo.findOneBy({ reviewId: review.id, termHash, documentId: document.id });
      if (existing)
        throw new DomainError('already_accepted', { message: 'this term is already accepted in this document', acceptanceId: existing.id });
      const row = repo.create({
        id: randomUUID(),
        reviewId: review.id,
        termHash,
        documentId: document.id,
        reason,
        acceptedBy: actor.userId,
        acceptedAt: now,
      });
      await repo.insert(row);
      await audit(
        'identifying_terms.accept',
        auditedChanges({
          acceptanceId: { before: null, after: row.id },
          termHash: { before: null, after: termHash },
          documentId: { before: null, after: document.id },
        }),
      );
      return acceptanceView(row, term);
    });
  }

  withdraw(actor: Actor, reviewId: string, acceptanceId: string): Promise<void> {
    return this.file.change(actor, reviewId, { ...COORDINATORS_ONLY, notFound: 'acceptance' }, async ({ manager, review, audit }) => {
      const repo = manager.getRepository(TermAcceptanceEntity);
      const row = await repo.findOneBy({ id: acceptanceId, reviewId: review.id });
      if (!row) throw DomainError.notFound('acceptance');
      await repo.delete(row.id);
      await audit(
        'identifying_terms.withdraw_acceptance',
        auditedChanges({
          acceptanceId: { before: row.id, after: null },
          termHash: { before: row.termHash, after: null },
          documentId: { before: row.documentId, after: null },
        }),
      );
    });
  }

  /** What PUBLISH would find now; changes nothing but is audited (it reads the terms and the documents). */
  check(actor: Actor, reviewId: string, dto: AnonymisationCheckDto): Promise<AnonymisationCheckView> {
    return this.file.read(actor, reviewId, COORDINATORS_ONLY, async ({ manager, review, audit }) => {
      if (dto.documentIds) {
        const ids = [...new Set(dto.documentIds)];
        const known = await this.documents.existingIds(manager, review.id, ids);
        const missing = dto.documentIds.findIndex((id) => !known.has(id));
        if (missing >= 0) throw DomainError.field(`documentIds[${missing}]`, 'is not a document of this review');
      }
      const { hasTerms: _hasTerms, ...result } = await this.scanner.scan(manager, review.id, dto.documentIds);
      await audit(
        'anonymisation.check',
        auditedChanges({
          checked: { before: null, after: result.checked.map((c) => `${c.documentId}@${c.version}`) },
          matches: { before: null, after: result.matches.length },
          accepted: { before: null, after: result.accepted.length },
          unreadable: { before: null, after: result.unreadable.length },
        }),
      );
      return { clean: result.matches.length === 0 && result.unreadable.length === 0, ...result };
    });
  }

  private async view(manager: EntityManager, reviewId: string): Promise<IdentifyingTermsView> {
    const stored = await this.store.read(manager, reviewId);
    const termOf = new Map(stored.terms.map((t) => [this.store.vault.hash(t), t]));
    const acceptances = await this.store.acceptances(manager, reviewId);
    return {
      terms: stored.terms,
      acceptances: acceptances.map((a) => acceptanceView(a, termOf.get(a.termHash) ?? null)),
      version: stored.version,
      updatedAt: stored.updatedAt?.toISOString() ?? null,
    };
  }
}

/** Identifying terms are the coordinators' alone: to anyone else the review is not there (the route admits coordinators only). */
const COORDINATORS_ONLY: ReviewFileOptions = {
  authorise: (actor) => {
    if (actor.role !== 'coordinator') throw DomainError.notFound('review');
  },
};

/** Audited as changes to the review itself: counts and HMACs, never the terms. */
const auditedChanges = (changes: FieldChanges) => ({ entity: 'review', changes });

function acceptanceView(row: TermAcceptanceEntity, term: string | null): TermAcceptanceView {
  return {
    id: row.id,
    term,
    documentId: row.documentId,
    reason: row.reason,
    acceptedBy: row.acceptedBy,
    acceptedAt: row.acceptedAt.toISOString(),
  };
}
