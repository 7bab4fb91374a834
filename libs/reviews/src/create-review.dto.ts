import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { OptionalNullable } from '@dhr/core';
import { IsIsoDate, IsIsoDateTime } from './events/iso-date-time.validator';

export class CreateReviewDto {
  @ApiProperty() @IsUUID() partnershipId: string;

  @ApiProperty({ description: 'when the CSP was notified; may be in the past, not in the future, not before deathDate' })
  @IsIsoDateTime()
  notifiedAt: string;

  @ApiProperty({ example: 'Metropolitan Police Service' }) @IsString() @MinLength(1) @MaxLength(200) notifiedBy: string;
  @ApiProperty({ example: '2026-09-14' }) @IsIsoDate() deathDate: string;
  @ApiProperty({ description: 'never the real name' }) @IsString() @MinLength(1) @MaxLength(100) victimPseudonym: string;
  // Not known at notification: left out or null alike.
  @ApiPropertyOptional() @OptionalNullable() @IsString() @MinLength(1) @MaxLength(100) perpetratorPseudonym?: string | null;
  @ApiPropertyOptional() @OptionalNullable() @IsString() @MaxLength(200) policeForceArea?: string | null;
}
