import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainError } from '@dhr/core';
import { DocumentsConfig } from '@dhr/documents';
import { IdentifyingTermsEntity, TermAcceptanceEntity } from './identifying-terms.entities';
import { TermVault } from './term-vault';

export interface StoredTerms {
  terms: string[];
  version: number;
  updatedAt: Date | null;
}

/** Reads and writes a review's sealed list of terms and its acceptances; no access checks (the callers do them). */
@Injectable()
export class IdentifyingTermsStore {
  private readonly logger = new Logger('IdentifyingTermsStore');
  readonly vault: TermVault;

  constructor(config: DocumentsConfig) {
    this.vault = new TermVault(config.key);
  }

  /** The review's terms (none yet: an empty list at version 0); `lock` holds the row for a change. */
  async read(manager: EntityManager, reviewId: string, lock = false): Promise<StoredTerms> {
    const qb = manager.getRepository(IdentifyingTermsEntity).createQueryBuilder('t').where('t.review_id = :reviewId', { reviewId });
    if (lock) qb.setLock('pessimistic_write');
    const row = await qb.getOne();
    if (!row) return { terms: [], version: 0, updatedAt: null };
    const terms = this.vault.open(reviewId, { ciphertext: row.ciphertext, iv: row.iv, authTag: row.authTag });
    if (!terms) {
      this.logger.warn(`Identifying terms of review ${reviewId} failed their integrity check`);
      throw new DomainError('identifying_terms_integrity_failed', { message: 'the stored identifying terms failed their integrity check' });
    }
    return { terms, version: row.version, updatedAt: row.updatedAt };
  }

  async write(manager: EntityManager, reviewId: string, terms: string[], version: number, userId: string, at: Date): Promise<void> {
    const sealed = this.vault.seal(reviewId, terms);
    await manager
      .getRepository(IdentifyingTermsEntity)
      .upsert({ reviewId, ...sealed, termCount: terms.length, version, updatedBy: userId, updatedAt: at }, { conflictPaths: ['reviewId'] });
  }

  acceptances(manager: EntityManager, reviewId: string): Promise<TermAcceptanceEntity[]> {
    return manager.getRepository(TermAcceptanceEntity).find({ where: { reviewId }, order: { acceptedAt: 'ASC', id: 'ASC' } });
  }
}
