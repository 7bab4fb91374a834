import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { DeadlineKind } from '@dhr/workflows/dhr/contract';

export type ClockStatus = 'open' | 'met' | 'on_hold' | 'cancelled';

@Entity('clocks')
export class ClockEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'review_id', type: 'uuid' }) reviewId: string;
  @Column({ name: 'partnership_id', type: 'uuid' }) partnershipId: string;
  @Column({ type: 'text' }) kind: DeadlineKind;
  @Column({ name: 'agency_id', type: 'uuid', nullable: true }) agencyId: string | null;
  @Column({ name: 'action_id', type: 'uuid', nullable: true }) actionId: string | null;
  @Column({ name: 'subject_key' }) subjectKey: string;
  @Column({ name: 'rulebook_id' }) rulebookId: string;
  @Column({ name: 'started_at', type: 'timestamptz' }) startedAt: Date;
  @Column({ name: 'due_at', type: 'timestamptz' }) dueAt: Date;
  @Column({ type: 'text' }) status: ClockStatus;
  @Column({ name: 'met_at', type: 'timestamptz', nullable: true }) metAt: Date | null;
  @Column({ name: 'paused_at', type: 'timestamptz', nullable: true }) pausedAt: Date | null;
  @Column({ name: 'held_ms', type: 'bigint' }) heldMs: string;
  /** The latest agreed new date (EXTEND_DEADLINE): the due time it replaced, why, and when. */
  @Column({ name: 'previous_due_at', type: 'timestamptz', nullable: true }) previousDueAt: Date | null;
  @Column({ name: 'extension_reason', type: 'text', nullable: true }) extensionReason: string | null;
  @Column({ name: 'extended_at', type: 'timestamptz', nullable: true }) extendedAt: Date | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
