import { ApiProperty } from '@nestjs/swagger';
import { CONTACT_DIRECTIONS, CONTACT_METHODS, CONTACT_PREFERENCES, INVOLVEMENTS } from '@dhr/family';

// libs/family family.view.ts.

export class FamilyMember {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) reviewId: string;
  @ApiProperty({ description: 'never a real name' }) pseudonym: string;
  @ApiProperty() relationship: string;
  @ApiProperty({ enum: CONTACT_PREFERENCES }) contactPreference: string;
  @ApiProperty({ type: 'string', nullable: true }) advocateOrganisation: string | null;
  @ApiProperty({ type: 'string', nullable: true }) advocateRole: string | null;
  @ApiProperty({ enum: INVOLVEMENTS }) involvement: string;
  @ApiProperty({ type: 'integer', description: 'contacts logged' }) contacts: number;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) lastContactAt: string | null;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class FamilyContact {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) reviewId: string;
  @ApiProperty({ format: 'uuid' }) familyMemberId: string;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({ enum: CONTACT_METHODS }) method: string;
  @ApiProperty({ enum: CONTACT_DIRECTIONS }) direction: string;
  @ApiProperty() summary: string;
  @ApiProperty({ format: 'uuid' }) recordedBy: string;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
}
