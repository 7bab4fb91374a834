import { Column, Entity, PrimaryColumn } from 'typeorm';

export const CONTACT_PREFERENCES = ['email', 'phone', 'letter', 'in_person', 'via_advocate', 'no_contact'] as const;
export type ContactPreference = (typeof CONTACT_PREFERENCES)[number];
export const INVOLVEMENTS = ['not_yet_contacted', 'involved', 'declined', 'not_contactable'] as const;
export type Involvement = (typeof INVOLVEMENTS)[number];
export const CONTACT_METHODS = ['email', 'phone', 'letter', 'meeting', 'via_advocate'] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];
export const CONTACT_DIRECTIONS = ['outbound', 'inbound'] as const;
export type ContactDirection = (typeof CONTACT_DIRECTIONS)[number];

/** A family member (or friend) of a review, known by a pseudonym only: no contact details are kept. */
@Entity('family_members')
export class FamilyMemberEntity {
  @PrimaryColumn({ type: 'uuid' }) id: string;
  @Column({ name: 'review_id', type: 'uuid' }) reviewId: string;
  @Column({ type: 'text' }) pseudonym: string;
  @Column({ type: 'text' }) relationship: string;
  @Column({ name: 'contact_preference', type: 'text' }) contactPreference: ContactPreference;
  @Column({ name: 'advocate_organisation', type: 'text', nullable: true }) advocateOrganisation: string | null;
  @Column({ name: 'advocate_role', type: 'text', nullable: true }) advocateRole: string | null;
  @Column({ type: 'text' }) involvement: Involvement;
  @Column({ name: 'created_by', type: 'uuid' }) createdBy: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** One contact with a family member. Append-only (the table refuses updates and deletes). */
@Entity('family_contacts')
export class FamilyContactEntity {
  @PrimaryColumn({ type: 'uuid' }) id: string;
  @Column({ name: 'review_id', type: 'uuid' }) reviewId: string;
  @Column({ name: 'family_member_id', type: 'uuid' }) familyMemberId: string;
  @Column({ name: 'occurred_at', type: 'timestamptz' }) occurredAt: Date;
  @Column({ type: 'text' }) method: ContactMethod;
  @Column({ type: 'text' }) direction: ContactDirection;
  @Column({ type: 'text' }) summary: string;
  @Column({ name: 'recorded_by', type: 'uuid' }) recordedBy: string;
  @Column({ name: 'recorded_at', type: 'timestamptz' }) recordedAt: Date;
}
