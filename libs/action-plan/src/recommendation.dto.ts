import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { RECOMMENDATION_SCOPES, RecommendationScope } from './action-plan.entities';

const TEXT = 4000;

export class CreateRecommendationDto {
  @ApiProperty({ enum: RECOMMENDATION_SCOPES }) @IsIn(RECOMMENDATION_SCOPES) scope: RecommendationScope;
  @ApiProperty({ maxLength: TEXT }) @IsString() @MinLength(1) @MaxLength(TEXT) text: string;
  @ApiPropertyOptional({ description: "the agency that owns it (required for local): an agency of the review's partnership" })
  @IsOptional()
  @IsUUID()
  ownerAgencyId?: string;
}

/** Optional, but when given not null: the field cannot be cleared. */
const Present = () => ValidateIf((_object: object, value: unknown) => value !== undefined);

export class UpdateRecommendationDto {
  @ApiPropertyOptional({ enum: RECOMMENDATION_SCOPES }) @Present() @IsIn(RECOMMENDATION_SCOPES) scope?: RecommendationScope;
  @ApiPropertyOptional({ maxLength: TEXT }) @Present() @IsString() @MinLength(1) @MaxLength(TEXT) text?: string;
  @ApiPropertyOptional({ description: 'the owning agency; null clears it (national recommendations only)', nullable: true, type: String })
  @IsOptional()
  @IsUUID()
  ownerAgencyId?: string | null;
}

export class PartnershipExportQuery {
  @ApiProperty({ description: 'the partnership whose action plans to export' }) @IsUUID() partnershipId: string;
}
