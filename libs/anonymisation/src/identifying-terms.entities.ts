import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A review's identifying terms: one sealed JSON list per review (see TermVault). */
@Entity('identifying_terms')
export class IdentifyingTermsEntity {
  @PrimaryColumn({ name: 'review_id', type: 'uuid' }) reviewId: string;
  @Column({ type: 'bytea' }) ciphertext: Buffer;
  @Column({ type: 'bytea' }) iv: Buffer;
  @Column({ name: 'auth_tag', type: 'bytea' }) authTag: Buffer;
  @Column({ name: 'term_count', type: 'int' }) termCount: number;
  @Column({ type: 'int' }) version: number;
  @Column({ name: 'updated_by', type: 'uuid' }) updatedBy: string;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** A match the coordinator accepted, with a reason: the term (by hash) may appear in that document. */
@Entity('identifying_term_acceptances')
export class TermAcceptanceEntity {
  @PrimaryColumn({ type: 'uuid' }) id: string;
  @Column({ name: 'review_id', type: 'uuid' }) reviewId: string;
  @Column({ name: 'term_hash' }) termHash: string;
  @Column({ name: 'document_id', type: 'uuid' }) documentId: string;
  @Column({ type: 'text' }) reason: string;
  @Column({ name: 'accepted_by', type: 'uuid' }) acceptedBy: string;
  @Column({ name: 'accepted_at', type: 'timestamptz' }) acceptedAt: Date;
}
