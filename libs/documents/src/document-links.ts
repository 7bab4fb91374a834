import type { EntityManager } from 'typeorm';
import type { DocumentType } from './document-types';
import { DocumentEntity } from './document.entities';

/**
 * Whether the review has this document, of this type: for the domains that link to one (a meeting's
 * minutes) without reading the documents tables themselves. No access check or audit: the caller does both.
 */
export function reviewHasDocument(manager: EntityManager, reviewId: string, documentId: string, type: DocumentType): Promise<boolean> {
  return manager.getRepository(DocumentEntity).existsBy({ id: documentId, reviewId, type });
}
