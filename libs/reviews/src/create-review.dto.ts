import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { IsIsoDate, IsIsoDateTime } from './events/iso-date-time.validator';

export class CreateReviewDto {
  @ApiProperty() @IsUUID() partnershipId: string;

  @ApiProperty({ description: 'when the CSP was notified; may be in the past, not in the future, not before deathDate' })
  @IsIsoDateTime()
  notifiedAt: string;

  @ApiProperty({ example: 'Metropolitan Police Service' }) @IsString() @MinLength(1) @MaxLength(200) notifiedBy: string;
  @ApiProperty({ example: '2026-09-14' }) @IsIsoDate() deathDate: string;
  @ApiProperty({ description: 'never the real name' }) @IsString() @MinLength(1) @MaxLength(100) victimPseudonym: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(100) perpetratorPseudonym?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) policeForceArea?: string;
}
