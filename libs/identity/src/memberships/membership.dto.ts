import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsUUID } from 'class-validator';
import { OptionalNotNull } from '@dhr/core';

/** The roles a person may hold in a further partnership (issue 10: chairs and agency contacts serve several). */
export const EXTRA_MEMBERSHIP_ROLES = ['independent_chair', 'agency_contact'] as const;
export type ExtraMembershipRole = (typeof EXTRA_MEMBERSHIP_ROLES)[number];

/** `POST /users/:id/memberships`: one more partnership for an existing account. */
export class AddMembershipDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() partnershipId: string;
  @ApiProperty({ enum: EXTRA_MEMBERSHIP_ROLES }) @IsIn(EXTRA_MEMBERSHIP_ROLES) role: ExtraMembershipRole;
  @ApiPropertyOptional({ format: 'uuid', description: 'required for agency_contact: an agency of that partnership' })
  @OptionalNotNull()
  @IsUUID()
  agencyId?: string;
}
