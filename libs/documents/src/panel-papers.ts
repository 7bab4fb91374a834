import { Injectable } from '@nestjs/common';
import { IsBoolean } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { whyNotShareable } from '@dhr/access';
import { DomainError } from '@dhr/core';
import { Actor, IdentityDirectory } from '@dhr/identity';
import { NotificationWriter, panelPaperKey } from '@dhr/notifications';
import { panelAgencyIds, ReviewFile, ReviewTx } from '@dhr/reviews';
import { DocumentEntity } from './document.entities';
import { documentView, DocumentView, panelSharing } from './document.view';
import { DocumentsService } from './documents.service';

/** `PUT /reviews/:id/documents/:documentId/sharing`. */
export class DocumentSharingDto {
  @ApiProperty({ description: 'true: share the document with every agency contact on the panel; false: stop sharing it' })
  @IsBoolean()
  withPanel: boolean;
}

/** Who shares papers with the panel: the review's coordinators and its own independent chair (others do not see the review). */
const SHARERS: readonly string[] = ['coordinator', 'independent_chair'];

/**
 * Panel papers: the coordinator or the review's chair shares a document (terms of reference, a
 * draft, minutes, a letter…) with the panel; every agency contact whose agency is on the panel
 * may then list it and read every version (each read audited as any other), and is emailed a
 * link to it once per share, in the share's transaction (the notification pipeline sends it). An
 * agency's own IMR or chronology, or any document of one agency, is never shared. Sharing and
 * stopping are audited changes; asking for what is already so changes nothing.
 */
@Injectable()
export class PanelPapers {
  constructor(
    private readonly file: ReviewFile,
    private readonly documents: DocumentsService,
    private readonly directory: IdentityDirectory,
    private readonly notifications: NotificationWriter,
  ) {}

  setSharing(actor: Actor, reviewId: string, documentId: string, withPanel: boolean): Promise<DocumentView> {
    const options = { notFound: 'document', authorise: mayShare };
    return this.file.change(actor, reviewId, options, async (tx) => {
      const found = await this.documents.findDocument(tx, documentId);
      const doc = await tx.manager
        .getRepository(DocumentEntity)
        .createQueryBuilder('d')
        .where('d.id = :id', { id: found.id })
        .setLock('pessimistic_write')
        .getOneOrFail();
      const shared = doc.sharedWithPanelAt !== null;
      if (withPanel && !shared) {
        const why = whyNotShareable(doc);
        if (why) throw DomainError.field('withPanel', why);
      }
      if (withPanel !== shared) {
        const before = panelSharing(doc);
        doc.sharedWithPanelAt = withPanel ? tx.now : null;
        doc.sharedWithPanelBy = withPanel ? actor.userId : null;
        await tx.manager
          .getRepository(DocumentEntity)
          .update({ id: doc.id }, { sharedWithPanelAt: doc.sharedWithPanelAt, sharedWithPanelBy: doc.sharedWithPanelBy });
        await tx.audit(withPanel ? 'document.share' : 'document.unshare', {
          entity: 'document',
          entityId: doc.id,
          changes: { sharedWithPanel: { before, after: panelSharing(doc) } },
        });
        if (withPanel) await this.tellThePanel(tx, doc);
      }
      const latest = (await this.documents.latestVersions(tx.manager, [doc.id])).get(doc.id);
      if (!latest) throw DomainError.notFound('document');
      return documentView(doc, latest);
    });
  }

  /** One email to each agency contact on the panel, keyed by the share (so never twice), sent after commit. */
  private async tellThePanel(tx: ReviewTx, doc: DocumentEntity): Promise<void> {
    const recipients = await this.directory.agencyContactIds(panelAgencyIds(tx.review), tx.manager);
    if (recipients.length === 0) return;
    await this.notifications.create(tx.manager, {
      reviewId: tx.review.id,
      clockId: null,
      clockDueAt: null,
      template: 'document.shared',
      step: 'panel-paper',
      alarmKey: panelPaperKey(doc.id, doc.type, doc.sharedWithPanelAt!),
      recipientIds: recipients,
    });
  }
}

function mayShare(actor: Actor): void {
  if (!SHARERS.includes(actor.role))
    throw DomainError.forbidden("only the review's coordinator or independent chair may share documents with the panel");
}
