import type { DocumentEntity, DocumentVersionEntity } from './document.entities';

export interface DocumentView {
  id: string;
  type: string;
  agencyId: string | null;
  title: string | null;
  version: number;
  sha256: string;
  size: number;
  mediaType: string;
  uploadedBy: string;
  uploadedAt: string;
  /** Panel papers: shared with every agency contact on the panel, when and by whom (a user id); null when not shared. */
  sharedWithPanel: PanelSharing | null;
}

export interface PanelSharing {
  at: string;
  by: string;
}

export function panelSharing(doc: Pick<DocumentEntity, 'sharedWithPanelAt' | 'sharedWithPanelBy'>): PanelSharing | null {
  return doc.sharedWithPanelAt && doc.sharedWithPanelBy ? { at: doc.sharedWithPanelAt.toISOString(), by: doc.sharedWithPanelBy } : null;
}

export function documentView(doc: DocumentEntity, v: DocumentVersionEntity): DocumentView {
  return {
    id: doc.id,
    type: doc.type,
    agencyId: doc.agencyId,
    title: doc.title,
    version: v.version,
    sha256: v.sha256,
    size: v.size,
    mediaType: v.mediaType,
    uploadedBy: v.uploadedBy,
    uploadedAt: v.uploadedAt.toISOString(),
    sharedWithPanel: panelSharing(doc),
  };
}
