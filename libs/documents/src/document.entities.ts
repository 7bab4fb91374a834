import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A document of a review; its bytes live in versions. */
@Entity('documents')
export class DocumentEntity {
  @PrimaryColumn({ type: 'uuid' }) id: string;
  @Column({ name: 'review_id', type: 'uuid' }) reviewId: string;
  @Column() type: string;
  @Column({ name: 'agency_id', type: 'uuid', nullable: true }) agencyId: string | null;
  @Column({ type: 'text', nullable: true }) title: string | null;
  @Column({ name: 'created_by', type: 'uuid' }) createdBy: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  /** Panel papers: when and by whom the document was shared with the panel (null: not shared). */
  @Column({ name: 'shared_with_panel_at', type: 'timestamptz', nullable: true }) sharedWithPanelAt: Date | null;
  @Column({ name: 'shared_with_panel_by', type: 'uuid', nullable: true }) sharedWithPanelBy: string | null;
}

/** One uploaded version: metadata here, the encrypted bytes in the DocumentStore under `storageKey`. */
@Entity('document_versions')
export class DocumentVersionEntity {
  @PrimaryColumn({ type: 'uuid' }) id: string;
  @Column({ name: 'document_id', type: 'uuid' }) documentId: string;
  @Column({ type: 'int' }) version: number;
  @Column() sha256: string;
  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } }) size: number;
  @Column({ name: 'media_type' }) mediaType: string;
  @Column({ name: 'file_name', type: 'text', nullable: true }) fileName: string | null;
  @Column({ name: 'storage_key' }) storageKey: string;
  @Column({ type: 'bytea' }) iv: Buffer;
  @Column({ name: 'auth_tag', type: 'bytea' }) authTag: Buffer;
  @Column({ name: 'uploaded_by', type: 'uuid' }) uploadedBy: string;
  @Column({ name: 'uploaded_at', type: 'timestamptz' }) uploadedAt: Date;
}
