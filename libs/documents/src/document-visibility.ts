import type { SelectQueryBuilder } from 'typeorm';
import { mayReadDocument, visibleDocumentsCondition } from '@dhr/access';
import { panelAgencyIds, ReviewTx } from '@dhr/reviews';
import type { DocumentEntity } from './document.entities';

/**
 * Narrows a query over documents (alias `d`) of the transaction's review to those the caller may
 * see, by the access policy: agency contacts their own agency's, and the panel papers when their
 * agency is on the panel.
 */
export function onlyVisibleDocuments(tx: ReviewTx, qb: SelectQueryBuilder<DocumentEntity>): SelectQueryBuilder<DocumentEntity> {
  const condition = visibleDocumentsCondition(tx.actor, tx.access, panelAgencyIds(tx.review));
  return condition ? qb.andWhere(condition.sql, condition.params) : qb;
}

/** The same rule for one document already read. */
export function documentVisible(tx: ReviewTx, doc: DocumentEntity): boolean {
  return mayReadDocument(
    tx.actor,
    tx.access,
    { agencyId: doc.agencyId, sharedWithPanel: doc.sharedWithPanelAt !== null },
    panelAgencyIds(tx.review),
  );
}
