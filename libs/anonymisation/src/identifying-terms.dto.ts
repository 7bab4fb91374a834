import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsInt, IsString, IsUUID, MaxLength, Min, MinLength } from 'class-validator';
import { OptionalNotNull } from '@dhr/core';

export const MAX_TERMS = 500;
export const MAX_TERM_LENGTH = 200;

/** The whole list; each term is checked by the service so a 400 names it (`terms[3]`). */
export class PutIdentifyingTermsDto {
  @ApiProperty({
    type: [String],
    maxItems: MAX_TERMS,
    description: 'real names and other identifying terms (1..200 characters each, no duplicates ignoring case/accents); [] clears',
  })
  @IsArray()
  @ArrayMaxSize(MAX_TERMS)
  terms: unknown[];

  @ApiPropertyOptional({ description: 'the list version last read: 409 conflict when someone changed it since' })
  @OptionalNotNull()
  @IsInt()
  @Min(0)
  expectedVersion?: number;
}

export class AcceptTermMatchDto {
  @ApiProperty({ description: 'one of the recorded terms' }) @IsString() @MinLength(1) @MaxLength(MAX_TERM_LENGTH) term: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() documentId: string;
  @ApiProperty({ description: 'why this occurrence may stay (e.g. a public official named in their role)' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason: string;
}

export class AnonymisationCheckDto {
  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'documents to check; default: the latest overview_report, executive_summary and action_plan documents',
  })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  documentIds?: string[];
}
