import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { Role } from '../identity.entities';

/** The roles a membership may hold: administrators belong to no partnership. */
export const MEMBER_ROLES = ['coordinator', 'csp_chair', 'independent_chair', 'agency_contact'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

/**
 * A role in one partnership. Every non-administrator holds one for their home partnership (the
 * user row's, kept here by a trigger); independent chairs and agency contacts may hold more.
 */
@Entity('user_memberships')
export class MembershipEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' }) userId: string;
  @PrimaryColumn({ name: 'partnership_id', type: 'uuid' }) partnershipId: string;
  @Column({ type: 'text' }) role: Role;
  @Column({ name: 'agency_id', type: 'uuid', nullable: true }) agencyId: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
