import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import type { Actor } from '@dhr/identity';
import { ReviewFile } from '@dhr/reviews';
import { DocumentEntity, DocumentVersionEntity } from './document.entities';
import { onlyVisibleDocuments } from './document-visibility';
import { panelSharing, PanelSharing } from './document.view';

/** One stored version of a document, as a list of the file shows it: metadata only, never the bytes or the client's file name. */
export interface DocumentVersionSummary {
  version: number;
  size: number;
  mediaType: string;
  uploadedBy: string;
  uploadedAt: string;
}

/** A document of the review with every one of its versions, newest first. */
export interface DocumentHistoryView {
  id: string;
  type: string;
  agencyId: string | null;
  title: string | null;
  createdAt: string;
  /** Panel papers: when and by whom it was shared with the panel; null when not shared. */
  sharedWithPanel: PanelSharing | null;
  versions: DocumentVersionSummary[];
}

/**
 * Every version of every document the caller may see (the same rule as the list: agency
 * contacts their own agency's, and the panel papers when their agency is on the panel), for the pages' Documents section. Reading it is audited
 * as a list of the documents returned.
 */
@Injectable()
export class DocumentHistory {
  constructor(private readonly file: ReviewFile) {}

  history(actor: Actor, reviewId: string): Promise<DocumentHistoryView[]> {
    return this.file.read(actor, reviewId, {}, async (tx) => {
      const qb = tx.manager.getRepository(DocumentEntity).createQueryBuilder('d').where('d.review_id = :reviewId', { reviewId });
      const docs = await onlyVisibleDocuments(tx, qb).orderBy('d.created_at', 'ASC').addOrderBy('d.id').getMany();
      const versions = docs.length
        ? await tx.manager.getRepository(DocumentVersionEntity).find({
            select: { documentId: true, version: true, size: true, mediaType: true, uploadedBy: true, uploadedAt: true },
            where: { documentId: In(docs.map((d) => d.id)) },
            order: { version: 'DESC' },
          })
        : [];
      const views = docs
        .map((d) => ({
          id: d.id,
          type: d.type,
          agencyId: d.agencyId,
          title: d.title,
          createdAt: d.createdAt.toISOString(),
          sharedWithPanel: panelSharing(d),
          versions: versions
            .filter((v) => v.documentId === d.id)
            .map((v) => ({
              version: v.version,
              size: v.size,
              mediaType: v.mediaType,
              uploadedBy: v.uploadedBy,
              uploadedAt: v.uploadedAt.toISOString(),
            })),
        }))
        .filter((d) => d.versions.length > 0);
      await tx.audit('document.list', { changes: { returned: { before: null, after: views.map((v) => v.id) } } });
      return views;
    });
  }
}
