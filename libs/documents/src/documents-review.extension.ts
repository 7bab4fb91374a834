import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { mayReadDocument } from '@dhr/access';
import { DomainError } from '@dhr/core';
import { panelAgencyIds, type EventToComplete, type ReviewExtension, type ReviewViewRequest, type ViewFieldsByReview } from '@dhr/reviews';
import type { DhrEvent } from '@dhr/workflows/dhr/contract';
import { namesReportVersions, withReportVersions } from './report-versions';
import { EVENT_DOCUMENT_TYPES } from './document-events';
import { DocumentEntity, DocumentVersionEntity } from './document.entities';
import { documentView, DocumentView } from './document.view';
import { DocumentsService } from './documents.service';

/**
 * The documents' part in the spine: an event that names documents (a draft, the
 * Home Office feedback, the published report) must name documents of the right type
 * of the same review, and the Review shows the latest version of each document the
 * caller may see.
 */
@Injectable()
export class DocumentsReviewExtension implements ReviewExtension {
  constructor(private readonly documents: DocumentsService) {}

  /**
   * Before the machine sees the event: the documents it names must be of the right type in
   * the same review (a draft, the Home Office feedback, the published report, a draft's
   * version), and the report versions signed off, sent or published are named (the latest
   * unless given).
   */
  async completeEvent({ manager, review, event, context }: EventToComplete): Promise<DhrEvent> {
    await this.assertNamedDocuments(manager, review.id, event);
    return namesReportVersions(event) ? withReportVersions(manager, review.id, event, context) : event;
  }

  private async assertNamedDocuments(manager: EntityManager, reviewId: string, event: DhrEvent): Promise<void> {
    const rule = EVENT_DOCUMENT_TYPES[event.type];
    if (!rule) return;
    const named = (event as unknown as Record<string, unknown>)[rule.field];
    if (named === undefined) return;
    const ids = Array.isArray(named) ? (named as string[]) : [named as string];
    const docs = await manager.getRepository(DocumentEntity).findBy(ids.map((id) => ({ id, reviewId })));
    const found = new Map(docs.map((d) => [d.id, d]));
    ids.forEach((id, i) => {
      const doc = found.get(id);
      if (!doc || !rule.types.includes(doc.type as never)) {
        const field = Array.isArray(named) ? `${rule.field}[${i}]` : rule.field;
        throw DomainError.field(field, `no ${rule.types.join(' or ')} document with this id in the review`);
      }
    });
    if (event.type === 'SUBMIT_DRAFT' && event.documentVersion !== undefined) {
      await this.assertVersionExists(manager, ids[0], event.documentVersion);
    }
  }

  /** The latest version of each document the caller may see, for every review of the request in two queries. */
  async viewFields({ manager, actor, reviews }: ReviewViewRequest): Promise<ViewFieldsByReview> {
    const byReview: ViewFieldsByReview = new Map(reviews.map(({ review }) => [review.id, { documents: [] as DocumentView[] }]));
    const seen = new Map(reviews.map((r) => [r.review.id, { access: r.access, panel: panelAgencyIds(r.review) }]));
    const docs = await manager
      .getRepository(DocumentEntity)
      .find({ where: { reviewId: In([...byReview.keys()]) }, order: { createdAt: 'ASC', id: 'ASC' } });
    const visible = docs.filter((d) => {
      const review = seen.get(d.reviewId)!;
      return mayReadDocument(actor, review.access, { agencyId: d.agencyId, sharedWithPanel: d.sharedWithPanelAt !== null }, review.panel);
    });
    const latest = await this.documents.latestVersions(
      manager,
      visible.map((d) => d.id),
    );
    for (const d of visible) {
      if (latest.has(d.id)) (byReview.get(d.reviewId)!.documents as DocumentView[]).push(documentView(d, latest.get(d.id)!));
    }
    return byReview;
  }

  private async assertVersionExists(manager: EntityManager, documentId: string, version: number): Promise<void> {
    const exists = await manager.getRepository(DocumentVersionEntity).existsBy({ documentId, version });
    if (!exists) throw DomainError.field('documentVersion', 'the document has no such version');
  }
}
