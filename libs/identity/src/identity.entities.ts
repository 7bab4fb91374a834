import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const ROLES = ['admin', 'coordinator', 'csp_chair', 'independent_chair', 'agency_contact'] as const;
export type Role = (typeof ROLES)[number];

export const AGENCY_KINDS = [
  'police',
  'local_authority',
  'health',
  'probation',
  'fire',
  'housing',
  'specialist_da',
  'education',
  'other',
] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

@Entity('partnerships')
export class PartnershipEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() name: string;
  @Column() code: string;
  /** Emails go out as this sender (null: MAIL_FROM's name and address). */
  @Column({ name: 'sender_name', type: 'text', nullable: true }) senderName: string | null;
  @Column({ name: 'sender_email', type: 'text', nullable: true }) senderEmail: string | null;
  /** Who recipients contact and reply to (null: the partnership's coordinators); both or neither. */
  @Column({ name: 'contact_name', type: 'text', nullable: true }) contactName: string | null;
  @Column({ name: 'contact_email', type: 'text', nullable: true }) contactEmail: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

@Entity('agencies')
export class AgencyEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'partnership_id', type: 'uuid' }) partnershipId: string;
  @Column() name: string;
  @Column({ type: 'text' }) kind: AgencyKind;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

@Entity('users')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() email: string;
  @Column() name: string;
  @Column({ name: 'password_hash' }) passwordHash: string;
  @Column({ type: 'text' }) role: Role;
  @Column({ name: 'partnership_id', type: 'uuid', nullable: true }) partnershipId: string | null;
  @Column({ name: 'agency_id', type: 'uuid', nullable: true }) agencyId: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  /** Set when the account was deactivated: no sign-in, no token, no session from then on. */
  @Column({ name: 'deactivated_at', type: 'timestamptz', nullable: true }) deactivatedAt: Date | null;
  /** Sessions signed in and tokens issued before this are over (see sessions/ended-sessions.ts). */
  @Column({ name: 'sessions_valid_after', type: 'timestamptz', nullable: true }) sessionsValidAfter: Date | null;
}
