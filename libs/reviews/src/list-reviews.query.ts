import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { OptionalNotNull } from '@dhr/core';
import { STAGES, Stage } from '@dhr/workflows/dhr/contract';

/** The orders a page of reviews may come in. */
export const REVIEW_SORTS = ['created', 'nextDue', 'reference', 'notified'] as const;
export type ReviewSort = (typeof REVIEW_SORTS)[number];

const trueOrFalse = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ListReviewsQuery {
  @ApiPropertyOptional({ enum: STAGES }) @OptionalNotNull() @IsIn(STAGES) stage?: Stage;

  @ApiPropertyOptional({
    enum: STAGES,
    isArray: true,
    description: 'any of these stages, comma-separated (`notification,csp_signoff`) or repeated',
  })
  @OptionalNotNull()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',') : value))
  @IsArray({ message: 'stages must be a comma-separated list of stages' })
  @ArrayMaxSize(STAGES.length)
  @IsIn(STAGES, { each: true })
  stages?: Stage[];

  @ApiPropertyOptional({ description: 'only reviews with an open clock past its due time' })
  @OptionalNotNull()
  @Transform(trueOrFalse)
  @IsBoolean({ message: 'overdue must be true or false' })
  overdue?: boolean;

  @ApiPropertyOptional({ description: 'only reviews on hold (true) or not on hold (false)' })
  @OptionalNotNull()
  @Transform(trueOrFalse)
  @IsBoolean({ message: 'onHold must be true or false' })
  onHold?: boolean;

  @ApiPropertyOptional({ format: 'uuid', description: 'only reviews this independent chair chairs' })
  @OptionalNotNull()
  @IsUUID('all')
  chairUserId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'only reviews this agency is involved in (asked for scoping, or on the panel)' })
  @OptionalNotNull()
  @IsUUID('all')
  agencyId?: string;

  @ApiPropertyOptional({ description: 'part of the reference or of a pseudonym (victim or perpetrator), any case' })
  @OptionalNotNull()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  search?: string;

  @ApiPropertyOptional({
    enum: REVIEW_SORTS,
    default: 'created',
    description: 'newest first, the next open deadline first, by reference, or the latest notified first',
  })
  @OptionalNotNull()
  @IsIn(REVIEW_SORTS)
  sort: ReviewSort = 'created';

  @ApiPropertyOptional({ default: 1 }) @OptionalNotNull() @Type(() => Number) @IsInt() @Min(1) @Max(100000) page = 1;
  @ApiPropertyOptional({ default: 50 }) @OptionalNotNull() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit = 50;
}
