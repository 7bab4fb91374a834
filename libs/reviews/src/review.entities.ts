import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

@Entity('reviews')
export class ReviewEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() reference: string;
  @Column({ name: 'partnership_id', type: 'uuid' }) partnershipId: string;
  @Column({ name: 'workflow_name' }) workflowName: string;
  @Column({ name: 'workflow_version', type: 'int' }) workflowVersion: number;
  @Column({ type: 'jsonb' }) snapshot: unknown;
  @Column() stage: string;
  @Column({ name: 'on_hold' }) onHold: boolean;
  @Column({ name: 'chair_user_id', type: 'uuid', nullable: true }) chairUserId: string | null;
  @Column({ name: 'involved_agency_ids', type: 'uuid', array: true }) involvedAgencyIds: string[];
  @Column({ name: 'notified_at', type: 'timestamptz' }) notifiedAt: Date;
  @Column({ name: 'notified_by' }) notifiedBy: string;
  @Column({ name: 'death_date', type: 'date' }) deathDate: string;
  @Column({ name: 'victim_pseudonym' }) victimPseudonym: string;
  @Column({ name: 'perpetrator_pseudonym', type: 'text', nullable: true }) perpetratorPseudonym: string | null;
  @Column({ name: 'police_force_area', type: 'text', nullable: true }) policeForceArea: string | null;
  @Column({ name: 'created_by', type: 'uuid' }) createdBy: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  @Column({ type: 'int' }) version: number;
}

/** One accepted event in a review's history. Append-only. */
@Entity('review_events')
export class ReviewEventEntity {
  @PrimaryColumn({ name: 'review_id', type: 'uuid' }) reviewId: string;
  @PrimaryColumn({ type: 'int' }) seq: number;
  @Column() type: string;
  @Column({ type: 'jsonb' }) payload: Record<string, unknown>;
  @Column({ name: 'actor_id', type: 'uuid', nullable: true }) actorId: string | null;
  /** A chair's or CSP chair's event the coordinator recorded for them, and what records it. */
  @Column({ name: 'on_behalf_of', type: 'uuid', nullable: true }) onBehalfOf: string | null;
  @Column({ type: 'text', nullable: true }) evidence: string | null;
  @Column({ name: 'occurred_at', type: 'timestamptz' }) occurredAt: Date;
  @Column({ name: 'recorded_at', type: 'timestamptz' }) recordedAt: Date;
  @Column({ name: 'from_stage', type: 'text', nullable: true }) fromStage: string | null;
  @Column({ name: 'to_stage' }) toStage: string;
  @Column({ name: 'workflow_version', type: 'int' }) workflowVersion: number;
}
