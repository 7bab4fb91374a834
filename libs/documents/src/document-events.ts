import type { Actor } from '@dhr/identity';
import type { DocumentType } from './document-types';

/** A stored document version, as the workflow sees it. */
export interface StoredDocument {
  documentId: string;
  type: DocumentType;
  agencyId: string | null;
  version: number;
}

/**
 * The workflow event an upload records, if any: an agency's IMR returns it
 * (RECEIVE_IMR, meeting that agency's IMR clock); the independent chair's overview
 * report or executive summary is a draft submission (SUBMIT_DRAFT with the version).
 * The spine still decides whether the event is allowed now; if not, the document is
 * simply stored.
 */
export function eventForUpload(doc: StoredDocument, actor: Actor): Record<string, unknown> | null {
  if (doc.type === 'imr' && doc.agencyId) return { type: 'RECEIVE_IMR', agencyId: doc.agencyId };
  if ((doc.type === 'overview_report' || doc.type === 'executive_summary') && actor.role === 'independent_chair')
    return { type: 'SUBMIT_DRAFT', documentId: doc.documentId, documentVersion: doc.version };
  return null;
}

/** Which document types an event may name, by event and field. */
export const EVENT_DOCUMENT_TYPES: Record<string, { field: string; types: readonly DocumentType[] }> = {
  SUBMIT_DRAFT: { field: 'documentId', types: ['overview_report', 'executive_summary'] },
  QA_OUTCOME: { field: 'documentId', types: ['home_office_feedback'] },
  PUBLISH: { field: 'documentIds', types: ['overview_report', 'executive_summary', 'action_plan'] },
};
