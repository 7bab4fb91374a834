import { Column, Entity, PrimaryColumn } from 'typeorm';

export const RECOMMENDATION_SCOPES = ['local', 'national'] as const;
export type RecommendationScope = (typeof RECOMMENDATION_SCOPES)[number];

/** A recommendation of a review's report; numbered 1, 2, 3… per review. */
@Entity('recommendations')
export class RecommendationEntity {
  @PrimaryColumn({ type: 'uuid' }) id: string;
  @Column({ name: 'review_id', type: 'uuid' }) reviewId: string;
  @Column({ type: 'int' }) number: number;
  @Column({ type: 'text' }) scope: RecommendationScope;
  @Column({ type: 'text' }) text: string;
  @Column({ name: 'owner_agency_id', type: 'uuid', nullable: true }) ownerAgencyId: string | null;
  // Where a national recommendation was sent, and the answer (calendar dates, YYYY-MM-DD).
  @Column({ type: 'text', nullable: true }) department: string | null;
  @Column({ name: 'sent_on', type: 'date', nullable: true }) sentOn: string | null;
  @Column({ type: 'text', nullable: true }) response: string | null;
  @Column({ name: 'responded_on', type: 'date', nullable: true }) respondedOn: string | null;
  @Column({ name: 'created_by', type: 'uuid' }) createdBy: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** What the action plan keeps about an action beyond the statechart: its recommendation and who owns it in the agency. */
@Entity('action_details')
export class ActionDetailEntity {
  @PrimaryColumn({ name: 'action_id', type: 'uuid' }) actionId: string;
  @Column({ name: 'review_id', type: 'uuid' }) reviewId: string;
  @Column({ name: 'recommendation_id', type: 'uuid', nullable: true }) recommendationId: string | null;
  @Column({ type: 'text', nullable: true }) owner: string | null;
}
