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
  };
}
