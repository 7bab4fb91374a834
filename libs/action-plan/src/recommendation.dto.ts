import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { OptionalNotNull, OptionalNullable } from '@dhr/core';
import { RECOMMENDATION_SCOPES, RecommendationScope } from './action-plan.entities';

const TEXT = 4000;
export const DEPARTMENT_MAX = 200;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class CreateRecommendationDto {
  @ApiProperty({ enum: RECOMMENDATION_SCOPES }) @IsIn(RECOMMENDATION_SCOPES) scope: RecommendationScope;
  @ApiProperty({ maxLength: TEXT }) @IsString() @MinLength(1) @MaxLength(TEXT) text: string;
  @ApiPropertyOptional({ description: "the agency that owns it (required for local): an agency of the review's partnership" })
  @OptionalNotNull()
  @IsUUID()
  ownerAgencyId?: string;
}

export class UpdateRecommendationDto {
  @ApiPropertyOptional({ enum: RECOMMENDATION_SCOPES }) @OptionalNotNull() @IsIn(RECOMMENDATION_SCOPES) scope?: RecommendationScope;
  @ApiPropertyOptional({ maxLength: TEXT }) @OptionalNotNull() @IsString() @MinLength(1) @MaxLength(TEXT) text?: string;
  @ApiPropertyOptional({ description: 'the owning agency; null clears it (national recommendations only)', nullable: true, type: String })
  @OptionalNullable()
  @IsUUID()
  ownerAgencyId?: string | null;

  // Routing, national recommendations only (400 naming the field for a local one); null clears a field.
  @ApiPropertyOptional({
    description: 'national only: the government department or national body it was sent to; with sentOn',
    maxLength: DEPARTMENT_MAX,
    nullable: true,
    type: String,
  })
  @OptionalNullable()
  @IsString()
  @MinLength(1)
  @MaxLength(DEPARTMENT_MAX)
  department?: string | null;

  @ApiPropertyOptional({
    description: 'national only: the date it was sent, not in the future',
    example: '2026-03-06',
    nullable: true,
    type: String,
  })
  @OptionalNullable()
  @Matches(DATE, { message: 'sentOn must be a date like 2026-03-06' })
  sentOn?: string | null;

  @ApiPropertyOptional({
    description: 'national only: the department’s response; with respondedOn',
    maxLength: TEXT,
    nullable: true,
    type: String,
  })
  @OptionalNullable()
  @IsString()
  @MinLength(1)
  @MaxLength(TEXT)
  response?: string | null;

  @ApiPropertyOptional({
    description: 'national only: the date the response was received, not in the future nor before sentOn',
    example: '2026-04-06',
    nullable: true,
    type: String,
  })
  @OptionalNullable()
  @Matches(DATE, { message: 'respondedOn must be a date like 2026-03-06' })
  respondedOn?: string | null;
}

export class PartnershipExportQuery {
  @ApiProperty({ description: 'the partnership whose action plans to export' }) @IsUUID() partnershipId: string;
}
